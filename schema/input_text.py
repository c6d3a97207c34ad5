"""Every string a request passes in, bounded and free of control characters, before it runs.

A string argument reaches the store as a LIKE pattern, a Cypher parameter or a stored value:
one too long for the store used to come back as a store failure (a false outage), and a NUL
byte cut a filter short. Strings are checked once per request, in the document's literals and
in the variables, and a refused request answers BAD_USER_INPUT naming the argument.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ExecutionResult,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    Visitor,
    visit,
)
from graphql.language import ArgumentNode
from strawberry.extensions import SchemaExtension

from graph_queries.validation import CONTROL_CHARACTER

# Above every stored text's own limit (graph_queries.validation: 2,000 at most), so a write
# that is too long still gets its typed TOO_LONG result naming the field.
DEFAULT_MAX_TEXT_ARGUMENT = 10_000
BAD_USER_INPUT = "BAD_USER_INPUT"


def text_problem(where: str, text: str, maximum: int) -> str | None:
    """Why `text`, given at `where`, is refused; None when it is fine."""
    if len(text) > maximum:
        return f"{where} has {len(text)} characters, at most {maximum}"
    control = CONTROL_CHARACTER.search(text)
    if control is not None:
        return (
            f"{where} contains the control character U+{ord(control.group()):04X} at position "
            f"{control.start()}; only tab and newline are allowed"
        )
    return None


def _strings_in_value(where: str, value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings_in_value(f"{where}.{key}", item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings_in_value(f"{where}[{index}]", item)


def _strings_in_literal(where: str, node: ValueNode) -> Iterator[tuple[str, str]]:
    if isinstance(node, StringValueNode):
        yield where, node.value
    elif isinstance(node, ObjectValueNode):
        for field in node.fields:
            yield from _strings_in_literal(f"{where}.{field.name.value}", field.value)
    elif isinstance(node, ListValueNode):
        for index, item in enumerate(node.values):
            yield from _strings_in_literal(f"{where}[{index}]", item)


class _LiteralArguments(Visitor):
    """Collects the string literals of every argument in the document (fragments too)."""

    def __init__(self) -> None:
        super().__init__()
        self.strings: list[tuple[str, str]] = []

    def enter_argument(self, node: ArgumentNode, *_: object) -> None:
        self.strings.extend(_strings_in_literal(f"argument {node.name.value}", node.value))


def request_strings(
    document: Any, variables: Mapping[str, Any] | None
) -> Iterator[tuple[str, str]]:
    """Every string the request passes in, with where it stands (`argument filter.text`)."""
    for name, value in (variables or {}).items():
        yield from _strings_in_value(f"variable ${name}", value)
    if document is not None:
        yield from _literal_strings(document)


def _literal_strings(document: Any) -> list[tuple[str, str]]:
    # The parser cache hands out the same document object for the same query text: its
    # literals are walked once, not on every request.
    key = id(document)
    cached = _LITERALS.get(key)
    if cached is not None and cached[0] is document:
        _LITERALS.move_to_end(key)
        return cached[1]
    literals = _LiteralArguments()
    visit(document, literals)
    _LITERALS[key] = (document, literals.strings)
    if len(_LITERALS) > MAX_CACHED_DOCUMENTS:
        _LITERALS.popitem(last=False)
    return literals.strings


MAX_CACHED_DOCUMENTS = 256
_LITERALS: OrderedDict[int, tuple[Any, list[tuple[str, str]]]] = OrderedDict()


class BoundedTextInput(SchemaExtension):
    """Refuses a request whose strings are too long or hold control characters."""

    def __init__(self, *, max_length: int = DEFAULT_MAX_TEXT_ARGUMENT) -> None:
        self.max_length = max_length

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        maximum = getattr(context.context, "max_text_argument", self.max_length)
        for where, text in request_strings(context.graphql_document, context.variables):
            problem = text_problem(where, text, maximum)
            if problem is not None:
                error = GraphQLError(problem, extensions={"code": BAD_USER_INPUT})
                # A result set before execution is what strawberry answers, without running.
                context.result = ExecutionResult(data=None, errors=[error])
                break
        yield
