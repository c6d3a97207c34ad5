"""A rejected setting as one line: the CLI prints it after `unsilo: invalid setting:` and exits,
so pydantic's multi-line report becomes `NAME: 'value' reason; NAME: reason`, every wrong
setting named."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import ValidationError
from pydantic_core import ErrorDetails


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong. `setting` is the field, named by whoever reports it (the variable, or
    the command-line option that set it); None for a check across settings, whose text names
    the variables itself."""

    setting: str | None
    text: str

    def line(self, name: Callable[[str], str]) -> str:
        return self.text if self.setting is None else f"{name(self.setting)}: {self.text}"


class SettingsError(ValueError):
    """A setting has a value the service cannot start with."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


def one_line(lines: Iterable[str]) -> str:
    # Reasons come from several places; none may break the line the CLI prints.
    return "; ".join(" ".join(line.split()) for line in lines)


def report(problems: Iterable[Problem], name: Callable[[str], str]) -> str:
    """The problems on one line: each setting's in sorted order, then the checks across them."""
    problems = list(problems)
    per_setting = sorted(p.line(name) for p in problems if p.setting is not None)
    return one_line(per_setting + [p.text for p in problems if p.setting is None])


def problems_of(error: ValidationError) -> tuple[Problem, ...]:
    found = []
    for detail in error.errors():
        if not detail["loc"]:
            found.append(Problem(None, _reason(detail)))
        elif detail["type"] == "extra_forbidden":
            found.append(Problem(str(detail["loc"][0]), "unknown setting"))
        else:
            # The readers run first, so the input is the text as the user gave it.
            found.append(Problem(str(detail["loc"][0]), f"{detail['input']!r} {_reason(detail)}"))
    return tuple(found)


def _reason(detail: ErrorDetails) -> str:
    # The readers raise ValueError with the reason as its text; pydantic's own message would
    # prefix "Value error, ".
    cause = detail.get("ctx", {}).get("error")
    if detail["type"] == "value_error" and cause is not None:
        return str(cause)
    message = detail["msg"]
    return message[:1].lower() + message[1:]
