"""`RecommendationOptions`: the options of `recommend`, as one hashable value.

The service keeps recommendations by organization, graph version and these options, and hands
them to `recommend` as keywords; the defaults are the engine's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from graph_queries.scenarios.recommend import CANDIDATES_LIMIT

__all__ = ["RecommendationOptions"]


@dataclass(frozen=True, slots=True)
class RecommendationOptions:
    """How many recommendations (`count`), the cap of new ties per existing person, the bound
    of the candidate pool, whether liaisons are candidates too, the layer read (`kinds`, every
    tie when None) and the `kind` and `strength` of the new ties."""

    count: int = 3
    max_new_ties_per_person: int = 2
    candidates_limit: int = CANDIDATES_LIMIT
    liaisons: bool = False
    kinds: frozenset[str] | None = None
    kind: str | None = None
    strength: float = 1.0

    def keywords(self) -> dict[str, Any]:
        """The options as `recommend`'s keyword arguments."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
