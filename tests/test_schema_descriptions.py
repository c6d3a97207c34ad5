"""Descriptions speak GraphQL: every name in backticks is a name a client can use.

A client reads the descriptions in its tools, next to the schema, so a backticked name must be
one of the schema's own: a type, a field (of an object or an input type), an argument or an
enum value. A Python name (`as_of`, `unit_a`) looks the same in the source but means nothing to
a client, who sees `asOf` and `unitA`.

What else may stand in backticks, and how it is checked:

- a GraphQL literal value: `true`, `false`, `null`, a number such as `4`, a quoted string such
  as `"4"` (graphql-core's own scalar descriptions use them);
- a formula such as ``|A| x |B|`` or `benchmarkShare x n`: every name in it longer than one
  letter must still be a schema name; single letters are the formula's variables.

Spans in double backticks are read the same way. Outside backticks, a lowercase name with an
underscore (`vertical_share`) is a Python name too, since the schema's names are camelCase (its
enum values, in capitals, may hold underscores), and is refused the same way.

The descriptions of the introspection types (`__Type`, ...) and of the built-in directives
belong to GraphQL itself and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    specified_directives,
)

from schema import schema

BACKTICKED = re.compile(r"``(.+?)``|`([^`]+)`")
NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
LITERAL = re.compile(r'true|false|null|-?\d+(?:\.\d+)?|"[^"]*"')
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


@dataclass(frozen=True)
class Offence:
    where: str  # Type, Type.field, Type.field(argument), Enum.VALUE or @directive(argument)
    span: str  # the backticked text
    names: tuple[str, ...]  # the names in it that the schema does not have

    def __str__(self) -> str:
        return f"{self.where}: `{self.span}` names {', '.join(self.names)}"


def _described(graphql: GraphQLSchema) -> Iterator[tuple[str, str | None]]:
    """(where, description) for every described element of the schema."""
    yield "schema", graphql.description
    for type_ in graphql.type_map.values():
        if type_.name.startswith("__"):
            continue
        yield type_.name, type_.description
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for name, field in type_.fields.items():
                yield f"{type_.name}.{name}", field.description
                for arg_name, arg in field.args.items():
                    yield f"{type_.name}.{name}({arg_name})", arg.description
        elif isinstance(type_, GraphQLInputObjectType):
            for name, input_field in type_.fields.items():
                yield f"{type_.name}.{name}", input_field.description
        elif isinstance(type_, GraphQLEnumType):
            for name, value in type_.values.items():
                yield f"{type_.name}.{name}", value.description
    builtin = {directive.name for directive in specified_directives}
    for directive in graphql.directives:
        if directive.name in builtin:
            continue
        yield f"@{directive.name}", directive.description
        for arg_name, arg in directive.args.items():
            yield f"@{directive.name}({arg_name})", arg.description


def schema_names(graphql: GraphQLSchema) -> frozenset[str]:
    """Every name a client can use: types, fields, arguments and enum values."""
    names: set[str] = set()
    for type_ in graphql.type_map.values():
        names.add(type_.name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for name, field in type_.fields.items():
                names.add(name)
                names.update(field.args)
        elif isinstance(type_, GraphQLInputObjectType):
            names.update(type_.fields)
        elif isinstance(type_, GraphQLEnumType):
            names.update(type_.values)
    for directive in graphql.directives:
        names.update(directive.args)
    return frozenset(names)


def unknown_names(span: str, known: frozenset[str]) -> tuple[str, ...]:
    """The names in one backticked span that are not the schema's (empty when it is fine)."""
    span = span.strip()
    if LITERAL.fullmatch(span):
        return ()
    if NAME.fullmatch(span):
        return () if span in known else (span,)
    # A formula: its one-letter names are variables, every longer name must be the schema's.
    return tuple(
        name for name in NAME.findall(LITERAL.sub(" ", span)) if len(name) > 1 and name not in known
    )


def offences(graphql: GraphQLSchema) -> list[Offence]:
    known = schema_names(graphql)
    found = []
    for where, description in _described(graphql):
        for match in BACKTICKED.finditer(description or ""):
            span = match.group(1) or match.group(2)
            if names := unknown_names(span, known):
                found.append(Offence(where, span, names))
    return found


def plain_offences(graphql: GraphQLSchema) -> list[Offence]:
    """Python names outside backticks, one offence per name."""
    known = schema_names(graphql)
    return [
        Offence(where, name, (name,))
        for where, description in _described(graphql)
        for name in SNAKE_CASE.findall(BACKTICKED.sub(" ", description or ""))
        if name not in known
    ]


def _report(title: str, found: list[Offence]) -> str:
    return f"{title}:\n" + "\n".join(map(str, found))


def test_backticked_names_in_descriptions_are_schema_names() -> None:
    found = offences(schema._schema)
    assert not found, _report("descriptions name what the schema does not have", found)


def test_descriptions_name_no_python_names_outside_backticks() -> None:
    found = plain_offences(schema._schema)
    assert not found, _report("descriptions name Python names", found)


def test_the_check_sees_what_it_checks() -> None:
    """A rule that reads no description proves nothing: it must find the schema's descriptions
    and names, and catch a made-up offence of each sort."""
    graphql = schema._schema
    described = [text for _, text in _described(graphql) if text]
    assert len(described) > 50
    assert any("`" in text for text in described)
    known = schema_names(graphql)
    assert {"Organization", "graphVersion", "organizationId", "ALWAYS"} <= known
    assert unknown_names("graphVersion", known) == ()
    assert unknown_names("ALWAYS", known) == ()
    assert unknown_names('"4"', known) == ()
    assert unknown_names("|A| x |B|", known) == ()
    assert unknown_names("graph_version", known) == ("graph_version",)
    assert unknown_names("score_share x n", known) == ("score_share",)
    assert unknown_names("*_total", known) == ("_total",)
    assert [m.group(1) or m.group(2) for m in BACKTICKED.finditer("a ``|A|`` and `b`")] == [
        "|A|",
        "b",
    ]
    assert SNAKE_CASE.findall("TRIED_FAILED counts, unit_a and `as_of`, graphVersion") == [
        "unit_a",
        "as_of",
    ]
