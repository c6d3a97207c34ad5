"""What one request may ask for (from the UNSILO_MAX_* settings), and the error past a limit."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from graphql.error import GraphQLError

QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """Defaults as in `service.settings.Settings`, for a schema executed without the service."""

    max_query_tokens: int = 2_000
    max_query_aliases: int = 50
    max_query_depth: int = 12
    max_query_directives: int = 50
    max_query_cost: int = 100_000
    max_analyses_per_request: int = 2

    def bounds(self) -> tuple[tuple[str, int], ...]:
        """(measure of `schema.query_limits.Measures`, its limit)."""
        return (
            ("aliases", self.max_query_aliases),
            ("directives", self.max_query_directives),
            ("depth", self.max_query_depth),
            ("cost", self.max_query_cost),
            ("analyses", self.max_analyses_per_request),
        )


SETTING_OF = {
    "tokens": "UNSILO_MAX_QUERY_TOKENS",
    "aliases": "UNSILO_MAX_QUERY_ALIASES",
    "directives": "UNSILO_MAX_QUERY_DIRECTIVES",
    "depth": "UNSILO_MAX_QUERY_DEPTH",
    "cost": "UNSILO_MAX_QUERY_COST",
    "analyses": "UNSILO_MAX_ANALYSES_PER_REQUEST",
}


def limit_error(measure: str, value: int | None, limit: int) -> GraphQLError:
    """The error a client gets for a document past a limit: which one, and by how much."""
    found = "more than" if value is None else f"{value},"
    return GraphQLError(
        f"The query exceeds a limit: {measure} {found} at most {limit} allowed.",
        extensions={
            "code": QUERY_TOO_COMPLEX,
            "limit": measure,
            "maximum": limit,
            "setting": SETTING_OF[measure],
        },
    )


@dataclass
class AnalysisAllowance:
    """The distinct analysis computations one request has started; the document check counts
    them before execution, this counts those it could not see (below `organizations`)."""

    limit: int
    started: set[Hashable] = field(default_factory=set)

    def admit(self, key: Hashable) -> None:
        if key not in self.started and len(self.started) >= self.limit:
            raise limit_error("analyses", None, self.limit)
        self.started.add(key)
