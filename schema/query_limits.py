"""How much a GraphQL document asks for, measured before it is validated or executed.

Every measure is computed in time linear in the size of the document: a fragment is measured
once per walk and its figures reused at every spread (a fragment spread twice by the next one,
30 times over, is 2^30 fields expanded but 30 fragments measured), and a fragment that spreads
itself, directly or not, counts as empty here (validation rejects it afterwards).

- aliases and directives are counted as written;
- depth is the nesting of fields, fragments expanded; introspection fields are not counted;
- cost estimates the fields resolved: each field costs 1, an analysis `ANALYSIS_COST` (the
  trends too: they decode and compare every snapshot read), a simulation `SIMULATION_COST` (it
  analyses the organization before and after), recommendations `RECOMMENDATIONS_COST` (a
  bounded search measuring one figure per candidate, several analyses' worth), and a
  field's selections cost once per item it returns: `first` or `last` items of a connection
  (the default page when neither is given, nested connections included), one per id asked of
  `nodes`, `ASSUMED_LIST_SIZE` for a list without pages; lists inside an analysis report or
  introspection do not multiply (they are already computed);
- analyses are the distinct (organization, analysis, arguments) computations the document asks
  for; an analysis below `organizations` counts once, the resolvers count the rest
  (`AnalysisAllowance`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    get_named_type,
    get_nullable_type,
    value_from_ast_untyped,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from graph_queries.stores.port import MAX_PAGE_SIZE
from schema.analyses import ANALYSES
from schema.pagination import DEFAULT_PAGE_SIZE
from schema.recommendations import RESULT as RECOMMENDATIONS_RESULT
from schema.simulation import RESULT as SIMULATION_RESULT
from schema.trends import RESULT as TRENDS_RESULT

ANALYSIS_COST = 1_000
SIMULATION_COST = 2 * ANALYSIS_COST
RECOMMENDATIONS_COST = 10 * ANALYSIS_COST
# A list without pages (a dependency's owner ids, an analysis's rows): a generous 10 each.
ASSUMED_LIST_SIZE = 10
# What a field returning each of these result unions costs; each is one analysis computation.
ANALYSIS_RESULT_COSTS = {exposed.name + "Result": ANALYSIS_COST for exposed in ANALYSES} | {
    SIMULATION_RESULT: SIMULATION_COST,
    TRENDS_RESULT: ANALYSIS_COST,
    RECOMMENDATIONS_RESULT: RECOMMENDATIONS_COST,
}
ANALYSIS_RESULTS = frozenset(ANALYSIS_RESULT_COSTS)
ORGANIZATION = "Organization"
EVERY_ORGANIZATION = "*"

AnalysisKey = tuple[str, str, str]  # (organization arguments, analysis field, its arguments)


@dataclass(frozen=True, slots=True)
class Measures:
    aliases: int
    directives: int
    depth: int
    cost: int
    analyses: int


@dataclass(frozen=True, slots=True)
class _Part:
    """The figures of one selection set: analyses below it not yet tied to an organization
    (`loose`, as (field, arguments)) and those that are (`tied`)."""

    depth: int = 0
    cost: int = 0
    loose: frozenset[tuple[str, str]] = frozenset()
    tied: frozenset[AnalysisKey] = frozenset()


@dataclass
class _Walk:
    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: dict[str, Any]
    # Sets of analyses stop growing past this: only "more than the limit" matters.
    cap: int
    memo: dict[tuple[str, bool], _Part] = field(default_factory=dict)
    walking: set[str] = field(default_factory=set)

    def selections(self, selection_set: SelectionSetNode | None, parent: Any, flat: bool) -> _Part:
        depth = cost = 0
        loose: frozenset[tuple[str, str]] = frozenset()
        tied: frozenset[AnalysisKey] = frozenset()
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                part = self.field(selection, parent, flat)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                part = self.selections(selection.selection_set, inner, flat)
            elif isinstance(selection, FragmentSpreadNode):
                part = self.spread(selection, flat)
            else:
                continue
            depth = max(depth, part.depth)
            cost += part.cost
            # Most selections ask for no analysis: no sets made for them.
            if part.loose:
                loose = self.capped(loose | part.loose)
            if part.tied:
                tied = self.capped(tied | part.tied)
        return _Part(depth, cost, loose, tied)

    def spread(self, spread: FragmentSpreadNode, flat: bool) -> _Part:
        name = spread.name.value
        key = (name, flat)
        known = self.memo.get(key)
        if known is not None:
            return known
        fragment = self.fragments.get(name)
        if fragment is None or name in self.walking:
            return _Part()  # unknown or cyclic: validation reports it
        self.walking.add(name)
        try:
            typed = self.schema.get_type(fragment.type_condition.name.value)
            part = self.selections(fragment.selection_set, typed, flat)
        finally:
            self.walking.discard(name)
        self.memo[key] = part
        return part

    def field(self, node: FieldNode, parent: Any, flat: bool) -> _Part:
        name = node.name.value
        if name == "__typename":
            return _Part()
        introspection = name.startswith("__")
        definition = _field_definition(parent, name)
        returns = definition.type if definition is not None else None
        named: GraphQLNamedType | None = get_named_type(returns) if returns else None
        analysis = named is not None and named.name in ANALYSIS_RESULTS
        arguments = self.arguments(node, definition)
        inner = self.selections(node.selection_set, named, flat or analysis or introspection)
        factor = 1
        if "first" in arguments or "last" in arguments:
            factor = _page_size(arguments)
        elif "ids" in arguments and isinstance(get_nullable_type(returns), GraphQLList):
            ids = arguments["ids"]
            factor = (
                max(1, min(len(ids), MAX_PAGE_SIZE)) if isinstance(ids, list) else MAX_PAGE_SIZE
            )
        elif isinstance(get_nullable_type(returns), GraphQLList) and not flat:
            in_connection = getattr(parent, "name", "").endswith("Connection")
            factor = 1 if in_connection else ASSUMED_LIST_SIZE
        own = ANALYSIS_RESULT_COSTS[named.name] if analysis and named is not None else 1
        cost = own + factor * inner.cost
        depth = 0 if introspection else 1 + inner.depth
        loose, tied = inner.loose, inner.tied
        if analysis:
            loose = loose | {(name, _canonical(arguments))}
        if named is not None and named.name == ORGANIZATION:
            where = EVERY_ORGANIZATION if factor > 1 else _canonical(arguments)
            tied = tied | {(where, analysis_field, args) for analysis_field, args in loose}
            loose = frozenset()
        return _Part(depth, cost, self.capped(loose), self.capped(tied))

    def arguments(self, node: FieldNode, definition: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, argument in definition.args.items() if definition is not None else ():
            if argument.default_value is not Undefined:
                values[name] = argument.default_value
        for argument in node.arguments or ():
            values[argument.name.value] = value_from_ast_untyped(argument.value, self.variables)
        return values

    def capped(self, items: frozenset[Any]) -> frozenset[Any]:
        if len(items) <= self.cap:
            return items
        return frozenset(sorted(items, key=repr)[: self.cap])


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    max_analyses: int,
) -> Measures:
    """The measures of the operation that would run (of every operation, the largest figure
    of each, when the name does not pick one: validation then refuses the document anyway)."""
    aliases, directives = _count_written(document)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if o.name is not None and o.name.value == operation_name]
    depth = cost = analyses = 0
    for operation in chosen or operations:
        given = dict(variables or {})
        for definition in operation.variable_definitions or ():
            variable = definition.variable.name.value
            if variable not in given and definition.default_value is not None:
                given[variable] = value_from_ast_untyped(definition.default_value)
        walk = _Walk(schema, fragments, given, cap=max_analyses + 1)
        root = schema.get_root_type(operation.operation)
        part = walk.selections(operation.selection_set, root, flat=False)
        depth, cost = max(depth, part.depth), max(cost, part.cost)
        loose_at_root = {(EVERY_ORGANIZATION, *key) for key in part.loose}
        analyses = max(analyses, len(part.tied | loose_at_root))
    return Measures(aliases, directives, depth, cost, analyses)


def _count_written(document: DocumentNode) -> tuple[int, int]:
    aliases = directives = 0
    pending: list[Any] = list(document.definitions)
    while pending:
        node = pending.pop()
        directives += len(getattr(node, "directives", None) or ())
        if isinstance(node, FieldNode) and node.alias is not None:
            aliases += 1
        pending.extend(getattr(node, "variable_definitions", None) or ())
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            pending.extend(selection_set.selections)
    return aliases, directives


def _page_size(arguments: Mapping[str, Any]) -> int:
    """The most items a connection returns: its `first` or `last`, the default page when
    neither is given, the largest page when one is not a number (the document is then refused)."""
    # A variable not given is null (`Undefined` here), as is an argument left out.
    given = [arguments.get(name) for name in ("first", "last")]
    sizes = [size for size in given if size is not None and size is not Undefined]
    if not sizes:
        return DEFAULT_PAGE_SIZE
    numbers = [size for size in sizes if isinstance(size, int)]
    if len(numbers) < len(sizes):
        return MAX_PAGE_SIZE
    return max(1, min(max(numbers), MAX_PAGE_SIZE))


def _field_definition(parent: Any, name: str) -> Any:
    if name == "__schema":
        return SchemaMetaFieldDef
    if name == "__type":
        return TypeMetaFieldDef
    fields = getattr(parent, "fields", None)
    return fields.get(name) if fields is not None else None


def _canonical(arguments: Mapping[str, Any]) -> str:
    return repr(sorted((name, repr(value)) for name, value in arguments.items()))


def exceeded(measures: Measures, limits: Iterable[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """(measure, its value, its limit) for each limit the measures exceed."""
    return [
        (name, getattr(measures, name), limit)
        for name, limit in limits
        if getattr(measures, name) > limit
    ]
