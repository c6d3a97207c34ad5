"""Which GraphQL operations may be answered again from a stored response, and what keys one.

An operation's answer can be stored when it is a query whose every root field is
`organization(id: ...)` (or `__typename`) and that asks for an analysis: everything below an
organization is read from that organization's data, which every write moves to a new graph
version, and the analyses are pure functions of that data and their arguments. The only other
input is the date, which an omitted `asOf` defaults to, so the date belongs in the key as well
(`service/response_cache.py` builds the key and checks the versions).

A query asking for `trends` is not stored either: a capture adds a snapshot without moving the
graph version. Anything else (mutations, `organizations`, introspection, fragments at the root,
an id that is neither a string literal nor a variable) is not stored: it is cheap, or its
answer depends on more than one organization's version.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    StringValueNode,
    VariableNode,
    parse,
)

from schema.analyses import ANALYSES
from schema.global_ids import organization_id_of
from schema.recommendations import FIELD as RECOMMENDATIONS_FIELD
from schema.simulation import FIELD as SIMULATION_FIELD

# The Organization fields of the analyses: `SiloBottlenecks` is the field `siloBottlenecks`.
# A simulation and recommendations are too: pure functions of the organization's version and
# their arguments.
ANALYSIS_FIELDS = frozenset(exposed.name[0].lower() + exposed.name[1:] for exposed in ANALYSES) | {
    SIMULATION_FIELD,
    RECOMMENDATIONS_FIELD,
}
ROOT_FIELD = "organization"
# Fields read from what a write does not version: analysis snapshots (`captureSnapshot`).
UNVERSIONED_FIELDS = frozenset({"trends"})
MAX_PLANS = 256


@dataclass(frozen=True, slots=True)
class OrganizationId:
    """Where an operation names an organization: a literal id or a variable's name."""

    literal: str | None = None
    variable: str | None = None

    def value(self, variables: dict[str, Any]) -> str | None:
        """The organization's own id: `organization(id:)` takes its global id as well, and
        the stored answer must be keyed (and invalidated) by the organization it reads."""
        if self.literal is not None:
            return organization_id_of(self.literal)
        found = variables.get(self.variable or "")
        return organization_id_of(found) if isinstance(found, str) else None


@dataclass(frozen=True, slots=True)
class CacheScope:
    """A storable operation reads these organizations, and nothing else that changes."""

    organizations: tuple[OrganizationId, ...]
    operation_name: str | None = None  # the operation's own name, if it has one

    def organization_ids(self, variables: dict[str, Any]) -> tuple[str, ...] | None:
        """The ids, sorted and distinct; None when a variable does not hold a string id."""
        ids = [where.value(variables) for where in self.organizations]
        if any(id is None for id in ids):
            return None
        return tuple(sorted({id for id in ids if id is not None}))


@functools.lru_cache(maxsize=MAX_PLANS)
def cache_scope(
    query: str, operation_name: str | None, max_tokens: int | None = None
) -> CacheScope | None:
    """The scope of the named (or only) operation of `query`, or None if it is not storable
    (also when it has more than `max_tokens` tokens: executing it refuses it)."""
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return None  # executing it reports the syntax error
    operation = operation_named(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    organizations = []
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None
        if selection.name.value == "__typename":
            continue
        where = _organization_argument(selection)
        if where is None:
            return None
        organizations.append(where)
    if not organizations or not _asks_for_analysis(document):
        return None
    name = operation.name.value if operation.name is not None else None
    return CacheScope(tuple(organizations), name)


def operation_named(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    """The operation `name`, or the only one when `name` is None; None if there is none."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)


def _organization_argument(field: FieldNode) -> OrganizationId | None:
    arguments = field.arguments or ()
    if field.name.value != ROOT_FIELD or len(arguments) != 1:
        return None
    argument = arguments[0]
    if argument.name.value != "id":
        return None
    if isinstance(argument.value, StringValueNode):
        return OrganizationId(literal=argument.value.value)
    if isinstance(argument.value, VariableNode):
        return OrganizationId(variable=argument.value.name.value)
    return None


def _asks_for_analysis(document: DocumentNode) -> bool:
    """An analysis field and no unversioned one. Any field of those names anywhere (fragments
    included): a stored answer that did not need storing costs memory, one not stored that
    could have been costs time, never correctness."""
    pending: list[Any] = list(document.definitions)
    analysis = False
    while pending:
        node = pending.pop()
        if isinstance(node, FieldNode) and node.name.value in UNVERSIONED_FIELDS:
            return False
        if isinstance(node, FieldNode) and node.name.value in ANALYSIS_FIELDS:
            analysis = True
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            pending.extend(selection_set.selections)
    return analysis
