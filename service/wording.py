"""How the CLI words what it counts: "1 dependency", "2 dependencies", never "1 dependencies"."""

from __future__ import annotations

IRREGULAR = {"person": "people"}


def plural(noun: str) -> str:
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def counted(n: int, noun: str, nouns: str | None = None) -> str:
    """`n` and `noun`, singular for one and plural otherwise (`nouns` when the rule cannot
    make it)."""
    return f"{n} {noun if n == 1 else nouns or plural(noun)}"
