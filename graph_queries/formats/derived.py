"""What the importers derive alike from counted or weighted pairs: strengths and stable ids."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

Pair = tuple[str, str, str]  # (kind, source, target)


def relative_strengths(weights: Mapping[Pair, float]) -> dict[Pair, float]:
    """Each pair's weight over the largest weight of its kind, so the heaviest pair has 1.0: the
    model's strengths lie in (0, 1] whatever the scale of counts or ratings."""
    heaviest: dict[str, float] = {}
    for (kind, _, _), weight in weights.items():
        heaviest[kind] = max(heaviest.get(kind, 0.0), weight)
    return {pair: weight / heaviest[pair[0]] for pair, weight in weights.items()}


def derived_id(prefix: str, *parts: str) -> str:
    """`prefix-` and 24 hex digits of SHA-256 over `parts`: the same parts give the same id on
    every import, and the id fits the model's 64 characters whatever the parts' lengths."""
    return f"{prefix}-" + hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]
