"""Who is asking and what they may do: passed to every resolver and store call.

Authorization is decided here and nowhere else: `RequestContext.require(organization, role)`
is the one check, called by the store port for every read and write and by the analysis
runner for every analysis (see docs/security.md for the role each operation needs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from graph_queries.errors import Forbidden, NotFound


class Role(IntEnum):
    """Each role may do what the ones below it may, and more."""

    VIEWER = 1  # units, leaders, dependencies, conflicts, ties
    ANALYST = 2  # also the analyses, individual-level results included, and exports
    EDITOR = 3  # also writes to the organization's entities and its name
    ADMIN = 4  # also imports, deletes the organization, and creates it


Grants = frozenset[tuple[str, Role]]


@dataclass(frozen=True, slots=True)
class RequestContext:
    """`grants` holds (organization id, role) pairs; `every_organization`, when set, is the
    role on every organization, existing or not (a global admin, or development without
    authentication). The whole context is hashable: the response cache keys by it, so a
    caller's roles are part of every stored answer's key."""

    caller: str
    grants: Grants = frozenset()
    every_organization: Role | None = None

    @classmethod
    def granted(
        cls, caller: str, grants: Mapping[str, Role], every_organization: Role | None = None
    ) -> RequestContext:
        return cls(caller, frozenset(grants.items()), every_organization)

    def role_in(self, organization_id: str) -> Role | None:
        """The caller's role in the organization; None when they may not see it."""
        roles = [role for id, role in self.grants if id == organization_id]
        if self.every_organization is not None:
            roles.append(self.every_organization)
        return max(roles, default=None)

    def can_see(self, organization_id: str) -> bool:
        return self.role_in(organization_id) is not None

    def require(self, organization_id: str, role: Role = Role.VIEWER) -> None:
        """Raise unless the caller holds `role` (or a higher one) in the organization."""
        held = self.role_in(organization_id)
        if held is None:
            # An organization the caller may not see answers exactly like one that does not
            # exist, so a guessed id tells nothing.
            raise NotFound("Organization", organization_id)
        if held < role:
            raise Forbidden(organization_id, role.name, held.name)


ANONYMOUS = RequestContext(caller="anonymous", every_organization=Role.ADMIN)
"""Development without authentication, and operators' CLI commands: everything is allowed."""
