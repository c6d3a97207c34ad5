"""Which kind of operation a document runs, read before it executes: subscriptions go over
WebSocket only, queries and mutations over HTTP only."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, OperationType, get_operation_ast, parse

SUBSCRIPTION_WORD = "subscription"


def operation_type(query: str, operation_name: Any, max_tokens: int) -> OperationType | None:
    """The type of the operation `query` runs (`operation_name` picks one of several); None
    when the document does not parse or names no such operation, which execution then
    reports the usual way."""
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return None
    name = operation_name if isinstance(operation_name, str) else None
    operation = get_operation_ast(document, name)
    return None if operation is None else operation.operation


def may_subscribe(query: str) -> bool:
    """False for a document that cannot hold a subscription: the HTTP path parses no document
    twice for that check, as almost none holds the word."""
    return SUBSCRIPTION_WORD in query
