"""Typed errors for scripts: one class per way a request to Unsilo can fail.

The service answers every failure as a GraphQL response whose errors carry a stable
`extensions.code` (`schema/errors.py`, `service/http_limits.py`; the codes are listed in
docs/http.md). A refusal before the operation runs comes with an HTTP status (401, 413,
429...) and becomes an `HTTPError` subclass; an error of the operation itself comes with 200
and becomes a `GraphQLError` subclass chosen by its code. A typed failure in the data (a
mutation's `ValidationError`, a `NotFoundError`) is not an error of the request: `require`
(`unsilo_client.results`) turns it into `ValidationFailed` or `EntityNotFound` when asked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE = 500  # characters of a server's message kept in an exception's text


class UnsiloError(Exception):
    """Anything the client raises on purpose."""


class InvalidResponse(UnsiloError):
    """The answer is not a GraphQL response (a proxy's error page, a truncated body)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status}: not a GraphQL response ({reason})")
        self.status = status


class HTTPError(UnsiloError):
    """The service refused the request with an HTTP error status before running it."""

    def __init__(self, status: int, code: str | None, message: str) -> None:
        label = f"HTTP {status}" + (f" {code}" if code else "")
        super().__init__(f"{label}: {message}")
        self.status = status
        self.code = code
        self.message = message


class AuthenticationError(HTTPError):
    """401: no credential, or one the service does not accept (expired, revoked, wrong key)."""


class AccessDenied(HTTPError):
    """403: the request is refused as a whole (an origin or address not allowed)."""


class RequestTooLarge(HTTPError):
    """413: the body is past `UNSILO_MAX_BODY_BYTES`."""


class RateLimited(HTTPError):
    """429: too many requests; `retry_after` is the wait in seconds the service asks for."""

    def __init__(
        self, status: int, code: str | None, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(status, code, message)
        self.retry_after = retry_after


class ServiceUnavailable(HTTPError):
    """503: the service or its store is not ready; try again later."""


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One entry of a response's `errors`: what the service said, where, and its code."""

    code: str | None
    message: str
    path: tuple[str | int, ...]
    field: str | None
    extensions: Mapping[str, Any]


class GraphQLError(UnsiloError):
    """The operation ran (or was checked) and answered errors; the first decides the class.

    `code`, `message`, `path` (the response path, e.g. `("organization", "units")`) and `field`
    (the argument the service names, e.g. `first`) are the first error's; `errors` holds all
    of them and `data` what the service answered beside them (often None).
    """

    def __init__(self, errors: Sequence[ErrorDetail], data: Any = None) -> None:
        first = errors[0]
        where = f" at {'.'.join(map(str, first.path))}" if first.path else ""
        named = f" ({first.field})" if first.field else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first.code or 'ERROR'}{where}{named}: {first.message}{more}")
        self.errors = tuple(errors)
        self.data = data
        self.code = first.code
        self.message = first.message
        self.path = first.path
        self.field = first.field
        self.extensions = first.extensions


class InvalidQuery(GraphQLError):
    """`GRAPHQL_PARSE_FAILED` or `GRAPHQL_VALIDATION`: the client's operation does not fit the
    service's schema (an older client against a newer service: regenerate it)."""


class QueryTooComplex(GraphQLError):
    """`QUERY_TOO_COMPLEX`: past a limit on depth, cost, aliases or analyses per request."""


class BadUserInput(GraphQLError):
    """`BAD_USER_INPUT`: an argument was refused; `field` names it where the service does."""


class Forbidden(GraphQLError):
    """`FORBIDDEN`: the caller sees the organization but lacks `required_role` for this."""

    @property
    def required_role(self) -> str | None:
        role = self.extensions.get("requiredRole")
        return role if isinstance(role, str) else None


class NotFound(GraphQLError):
    """`NOT_FOUND`: no such organization, or one the caller may not see (the same answer)."""


class WriteConflict(GraphQLError):
    """`WRITE_CONFLICT`: others kept writing the organization; nothing changed, send it again."""


class StoreUnavailable(GraphQLError):
    """`STORE_UNAVAILABLE`: the service's database did not answer; try again shortly."""


class RequestTimeout(GraphQLError):
    """`TIMEOUT`: the request ran past `UNSILO_REQUEST_TIMEOUT` on the service."""


class InternalServerError(GraphQLError):
    """`INTERNAL`: a bug on the service, logged there under `extensions.requestId`."""


GRAPHQL_ERRORS: dict[str, type[GraphQLError]] = {
    "GRAPHQL_PARSE_FAILED": InvalidQuery,
    "GRAPHQL_VALIDATION": InvalidQuery,
    "QUERY_TOO_COMPLEX": QueryTooComplex,
    "BAD_USER_INPUT": BadUserInput,
    "FORBIDDEN": Forbidden,
    "NOT_FOUND": NotFound,
    "WRITE_CONFLICT": WriteConflict,
    "STORE_UNAVAILABLE": StoreUnavailable,
    "TIMEOUT": RequestTimeout,
    "INTERNAL": InternalServerError,
}

HTTP_ERRORS: dict[int, type[HTTPError]] = {
    401: AuthenticationError,
    403: AccessDenied,
    413: RequestTooLarge,
    429: RateLimited,
    503: ServiceUnavailable,
}


def error_details(errors: Any) -> list[ErrorDetail]:
    """The `errors` of a response as details; entries of another shape are kept as text."""
    details = []
    for error in errors if isinstance(errors, list) else [errors]:
        entry = error if isinstance(error, Mapping) else {"message": str(error)}
        extensions = entry.get("extensions")
        extensions = extensions if isinstance(extensions, Mapping) else {}
        code, field = extensions.get("code"), extensions.get("field")
        path = entry.get("path")
        details.append(
            ErrorDetail(
                code=code if isinstance(code, str) else None,
                message=str(entry.get("message", ""))[:MAX_MESSAGE],
                path=tuple(p for p in path if isinstance(p, str | int))
                if isinstance(path, list)
                else (),
                field=field if isinstance(field, str) else None,
                extensions=dict(extensions),
            )
        )
    return details


def graphql_error(errors: Any, data: Any = None) -> GraphQLError:
    """The typed exception for a response's errors, chosen by the first error's code."""
    details = error_details(errors) or [ErrorDetail(None, "empty errors", (), None, {})]
    return GRAPHQL_ERRORS.get(details[0].code or "", GraphQLError)(details, data)


def http_error(status: int, body: Any, retry_after: str | None) -> HTTPError:
    """The typed exception for an HTTP error status, with the service's code and message when
    the body is a GraphQL response (every refusal of the service's is)."""
    details = (
        error_details(body["errors"]) if isinstance(body, Mapping) and "errors" in body else []
    )
    code = details[0].code if details else None
    message = details[0].message if details else "no message from the service"
    kind = HTTP_ERRORS.get(status, HTTPError)
    if kind is RateLimited:
        return RateLimited(status, code, message, _seconds(retry_after))
    return kind(status, code, message)


def _seconds(header: str | None) -> float | None:
    try:
        return float(header) if header is not None else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One refused field of a mutation's input: `path` such as `input.parentId`, `code` one of
    the schema's `ErrorCode` values (`UNKNOWN_REFERENCE`, `TOO_LONG`...), and why."""

    path: str
    code: str
    message: str


class Refused(UnsiloError):
    """The operation answered a typed failure instead of its result; nothing was changed."""


class ValidationFailed(Refused):
    """A `ValidationError` result: the input breaks the rules listed in `problems`."""

    def __init__(self, message: str, problems: Sequence[FieldProblem]) -> None:
        listed = "; ".join(f"{p.path}: {p.code}: {p.message}" for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{message}: {listed}{more}" if problems else message)
        self.message = message
        self.problems = tuple(problems)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(problem.path for problem in self.problems)


class EntityNotFound(Refused):
    """A `NotFoundError` result, or an organization that is null: not there, or not visible
    to this caller (the service answers both alike)."""

    def __init__(self, entity: str | None, id: str | None, message: str) -> None:
        super().__init__(message)
        self.entity = entity
        self.id = id
        self.message = message
