"""constraints.txt pins every distribution installed with the project, at the version installed:
a dependency added, dropped from the pins or upgraded without them fails here, in `make test`
and in CI alike (both install with `pip install -c constraints.txt -e ".[test]"`)."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parents[1] / "constraints.txt"
# The installer's own tools and the project itself, which the pins do not cover.
UNPINNED = {"pip", "setuptools", "wheel", "unsilo"}
PIN = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)")


def normalized(name: str) -> str:
    """PEP 503: runs of `-`, `_` and `.` are one `-`, case does not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def constraint_lines() -> list[str]:
    return [line for line in CONSTRAINTS.read_text("utf-8").splitlines() if line.strip()]


def pins(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        match = PIN.fullmatch(line)
        assert match, f"constraints.txt: not a `name==version` pin: {line!r}"
        name = normalized(match["name"])
        assert name not in found, f"constraints.txt: {name} pinned twice"
        found[name] = match["version"]
    return found


def installed() -> dict[str, str]:
    return {
        normalized(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }


def drift(installed: dict[str, str], pinned: dict[str, str]) -> list[str]:
    problems = []
    pinned = {normalized(name): version for name, version in pinned.items()}
    for name, version in sorted({normalized(n): v for n, v in installed.items()}.items()):
        if name in UNPINNED:
            continue
        if name not in pinned:
            problems.append(f"{name}=={version} is installed but not pinned")
        elif pinned[name] != version:
            problems.append(f"{name}=={version} is installed but pinned at {pinned[name]}")
    return problems


def test_every_installed_distribution_is_pinned_at_its_version() -> None:
    problems = drift(installed(), pins(constraint_lines()))
    assert problems == [], "update constraints.txt:\n" + "\n".join(problems)


def test_the_pins_stay_sorted() -> None:
    lines = constraint_lines()
    assert lines == sorted(lines, key=str.lower)


def test_the_check_sees_what_it_checks() -> None:
    here = installed()
    assert {"pytest", "pydantic-settings", "strawberry-graphql", "unsilo"} <= set(here)
    pinned = pins(["Foo_Bar==1.0", "pytest==8.0"])
    assert set(pinned) == {"foo-bar", "pytest"}
    assert drift({"Foo.Bar": "1.0", "pip": "1", "unsilo": "0"}, {"foo_bar": "1.0"}) == []
    assert drift({"foo-bar": "2.0"}, {"foo-bar": "1.0"}) == [
        "foo-bar==2.0 is installed but pinned at 1.0"
    ]
    assert drift({"baz": "1"}, {}) == ["baz==1 is installed but not pinned"]
