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
