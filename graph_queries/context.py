"""Who is asking, and which organizations they may see: passed to every resolver and store call."""

from __future__ import annotations

from dataclasses import dataclass

from graph_queries.errors import NotFound


@dataclass(frozen=True, slots=True)
class RequestContext:
    """`visible_organizations` of None means every organization (development mode)."""

    caller: str
    visible_organizations: frozenset[str] | None = None

    def can_see(self, organization_id: str) -> bool:
        return self.visible_organizations is None or organization_id in self.visible_organizations

    def require(self, organization_id: str) -> None:
        # An organization the caller may not see answers exactly like one that does not exist.
        if not self.can_see(organization_id):
            raise NotFound("Organization", organization_id)


ANONYMOUS = RequestContext(caller="anonymous")
