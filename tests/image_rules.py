"""Reading the Dockerfile: its stages, instructions and the runtime stage's environment."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def arguments(self, instruction: str) -> list[str]:
        return [args for name, args in self.instructions if name == instruction]


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    found = []
    for line in logical:
        name, _, args = line.partition(" ")
        found.append((name.upper(), args.strip()))
    return found


def stages(text: str | None = None) -> list[Stage]:
    """The build stages in order, with `ARG`s given before the first `FROM` substituted."""
    text = (ROOT / "Dockerfile").read_text() if text is None else text
    arguments: dict[str, str] = {}
    found: list[Stage] = []
    for name, args in instructions(text):
        if name == "ARG" and not found:
            key, _, value = args.partition("=")
            arguments[key] = value
        elif name == "FROM":
            words = args.split()
            base = words[0]
            for key, value in arguments.items():
                base = base.replace("${" + key + "}", value)
            alias = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            found.append(Stage(base, alias))
        elif found:
            found[-1].instructions.append((name, args))
    return found


def environment(stage: Stage) -> dict[str, str]:
    values: dict[str, str] = {}
    for args in stage.arguments("ENV"):
        for word in shlex.split(args, comments=True):
            key, _, value = word.partition("=")
            values[key] = value
    return values


def image_environment() -> dict[str, str]:
    """The environment the service runs with in the image (the last stage's ENV)."""
    return environment(stages()[-1])
