"""Typed results out of the schema's result unions, or a typed exception.

Mutations and analyses answer a union (`UnitResult = UnitPayload | ValidationError |
NotFoundError`, `ExecutionReportResult = ExecutionReportAnalysis | NotFoundError |
ValidationError`; schema.graphql): a refusal is data, not a GraphQL error. A script that only
goes on with the payload asks `require(result, TheGeneratedPayloadClass)` and gets either the
payload, typed, or `ValidationFailed` (naming every field) or `EntityNotFound`.
"""

from __future__ import annotations

from typing import TypeVar

from unsilo_client.errors import EntityNotFound, FieldProblem, UnsiloError, ValidationFailed
from unsilo_client.generated.fragments import NotFoundErrorFields, ValidationErrorFields

T = TypeVar("T")

NOT_VISIBLE = "nothing there, or not visible to this caller"


def require(result: object, expected: type[T]) -> T:
    """`result` if it is an `expected`; otherwise the typed exception for what it is.

    None (an `organization` the caller may not see, or that does not exist) is
    `EntityNotFound` too, as the API answers both alike.
    """
    if isinstance(result, expected):
        return result
    if isinstance(result, ValidationErrorFields):
        problems = [FieldProblem(e.path, e.code.value, e.message) for e in result.errors]
        raise ValidationFailed(result.message, problems)
    if isinstance(result, NotFoundErrorFields):
        raise EntityNotFound(result.entity, result.id, result.message)
    if result is None:
        raise EntityNotFound(None, None, NOT_VISIBLE)
    raise UnsiloError(f"expected {expected.__name__}, got {type(result).__name__}")
