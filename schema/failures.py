"""Expected failures, returned as members of result unions rather than as GraphQL errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import strawberry

from graph_queries.errors import FieldError as DomainFieldError
from graph_queries.errors import NotFound, ValidationFailed
from schema.enums import ErrorCode


@strawberry.type(description="One problem with one field of the input.")
class FieldError:
    path: str = strawberry.field(description="The field, e.g. input.parentId or units[u7].name.")
    code: ErrorCode  # type: ignore[valid-type]
    message: str
    source: str | None = strawberry.field(description="The file, for imports from files.")
    line: int | None
    column: str | None

    @classmethod
    def from_domain(cls, error: DomainFieldError) -> FieldError:
        return cls(
            path=error.path,
            code=error.code,
            message=error.message,
            source=error.source,
            line=error.line,
            column=error.column,
        )


@strawberry.type(
    description="The input breaks one or more rules; a mutation that answers this changed nothing."
)
class ValidationError:
    message: str
    errors: list[FieldError]

    @classmethod
    def from_domain(cls, errors: Sequence[DomainFieldError], write: bool = True) -> ValidationError:
        """`write`: the failure of a mutation, which says that it changed nothing; a read-only
        query changes nothing anyway, so its message says what is wrong instead."""
        noun = "problem" if len(errors) == 1 else "problems"
        if write:
            message = f"{len(errors)} {noun} found; nothing was changed"
        else:
            first = errors[0] if errors else None
            shown = f": {first.path} {first.message}" if first is not None else ""
            message = f"{len(errors)} {noun} in the arguments{shown}"
        return cls(message=message, errors=[FieldError.from_domain(e) for e in errors])


@strawberry.type(description="No such entity in an organization the caller may see.")
class NotFoundError:
    message: str
    entity: str
    id: strawberry.ID

    @classmethod
    def from_domain(cls, missing: NotFound) -> NotFoundError:
        return cls(message=str(missing), entity=missing.kind, id=strawberry.ID(missing.id))


P = TypeVar("P")


async def attempt(work: Callable[[], Awaitable[P]]) -> P | ValidationError | NotFoundError:
    """The result of `work`, or the expected failure it raised as a union member."""
    try:
        return await work()
    except ValidationFailed as failure:
        return ValidationError.from_domain(failure.errors)
    except NotFound as missing:
        return NotFoundError.from_domain(missing)
