"""Expected failures, raised by the domain and the stores and shown to callers as typed results."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    INVALID_TYPE = "INVALID_TYPE"
    INVALID_FORMAT = "INVALID_FORMAT"
    INVALID_ENUM = "INVALID_ENUM"
    TOO_LONG = "TOO_LONG"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    DUPLICATE = "DUPLICATE"
    UNKNOWN_REFERENCE = "UNKNOWN_REFERENCE"
    SELF_REFERENCE = "SELF_REFERENCE"
    CYCLE = "CYCLE"
    INCONSISTENT = "INCONSISTENT"
    IN_USE = "IN_USE"
    UNKNOWN_FIELD = "UNKNOWN_FIELD"
    MALFORMED = "MALFORMED"


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field.

    `path` names the field inside the document or input (``units[u7].parentId``); for files,
    `source`, `line` and `column` say where it stands (CSV lines count the header as line 1).
    """

    path: str
    code: ErrorCode
    message: str
    source: str | None = None
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = f"{self.source}:{self.line}" if self.line is not None else self.source
            if self.column:
                where += f" column {self.column}"
            where += ": "
        return f"{where}{self.path}: {self.message} [{self.code.value}]"


class UnsiloError(Exception):
    """Base of every expected failure."""


class ValidationFailed(UnsiloError):
    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors[:5]))


class NotFound(UnsiloError):
    def __init__(self, kind: str, id: str) -> None:
        self.kind = kind
        self.id = id
        super().__init__(f"{kind} {id!r} not found")


class Forbidden(UnsiloError):
    """The caller sees the organization but their role does not allow this."""

    def __init__(self, organization_id: str, needed: str, held: str) -> None:
        self.organization_id = organization_id
        self.needed = needed
        self.held = held
        super().__init__(
            f"needs the role {needed} in organization {organization_id!r}; the caller is {held}"
        )


class VersionConflict(UnsiloError):
    """The organization changed between reading it and writing it."""

    def __init__(self, organization_id: str, expected: int, actual: int | None) -> None:
        self.organization_id = organization_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"organization {organization_id!r} is at version {actual}, expected {expected}"
        )


class StoreUnavailable(UnsiloError):
    """The store cannot be reached; the request may succeed when it is back."""


class StoreNotFound(UnsiloError):
    """A store opened for reading only does not exist; opening it did not create it either."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no store at {path}")
        self.path = path


class InputRejected(UnsiloError):
    """The store refused what the caller sent (too long, too complex for it): the request is
    at fault, not the store, and sending it again fails again."""
