"""The documented order of ids and names: natural, digit runs compared as numbers, so that
`u2` comes before `u10` and `m2` before `m14`."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable

DIGITS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple[tuple[str | int, ...], str]:
    """Text and numbers alternate in the parts (text first), so that parts at one position
    are always of one type; the text itself breaks ties such as `u1` and `u01`."""
    parts = DIGITS.split(text)
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts)), text


# Below every character an id may hold, so a number sorts before any text at its position,
# as an int part sorts after the shorter text part it follows in `natural_key`.
NUMBER_MARK = "\x01"


def sort_text(id: str) -> str:
    """A text whose plain code-point order is the order of `natural_key`, ties aside: ids
    with equal numbers, such as `u01` and `u1`, get equal texts, and a store breaks the tie
    by the id itself. Stores keep it beside each entity so that they can order and seek by it.

    Text runs are copied; each digit run becomes NUMBER_MARK, then the number without leading
    zeros as the count of digits of its length, its length and its digits, so a longer number
    sorts later (numbers up to 10**9 - 1 digits long). The encoding ends where the number
    ends, so what follows it lines up again.

    >>> sort_text("u2") < sort_text("u10")
    True
    >>> sort_text("u01") == sort_text("u1")
    True
    >>> sort_text("u12b")
    'u\\x011212b'
    >>> natural_sorted(["u10", "u-2", "u01", "u2", "u1", "u"]) == sorted(
    ...     ["u10", "u-2", "u01", "u2", "u1", "u"], key=lambda id: (sort_text(id), id))
    True
    """
    encoded = []
    for i, part in enumerate(DIGITS.split(id)):
        if i % 2:
            digits = part.lstrip("0") or "0"
            length = str(len(digits))
            encoded.append(f"{NUMBER_MARK}{len(length)}{length}{digits}")
        else:
            encoded.append(part)
    return "".join(encoded)


def natural_sorted(texts: Iterable[str]) -> list[str]:
    """
    >>> natural_sorted(["u10", "u2", "m18", "m2", "m14"])
    ['m2', 'm14', 'm18', 'u2', 'u10']
    """
    return sorted(texts, key=natural_key)


def community_order(community: Iterable[Hashable]) -> list[tuple[tuple[str | int, ...], str]]:
    """How communities of one size are ordered: by their members' ids in natural order, alike
    for those found here and those found in Neo4j."""
    return sorted(natural_key(str(member)) for member in community)
