"""The grants a token or an API key carries, as a `RequestContext`.

Shape (in a JWT under the claim `UNSILO_JWT_CLAIM`, default `unsilo`; in an API key's entry
as is): `{"orgs": {"acme": "ANALYST", "globex": "VIEWER"}, "admin": false}`. `orgs` maps each
organization the caller may see to their role there; `admin: true` makes the caller ADMIN
of every organization, including ones that do not exist yet (creating an organization needs
ADMIN for its id: a global admin, or a grant naming that id in advance).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph_queries.context import RequestContext, Role


class InvalidGrants(ValueError):
    """The grants are not in the documented shape; the credential is refused as a whole."""


def context_from_grants(caller: str, grants: Any) -> RequestContext:
    if not isinstance(grants, Mapping):
        raise InvalidGrants("grants must be an object with `orgs` and `admin`")
    unknown = set(grants) - {"orgs", "admin"}
    if unknown:
        raise InvalidGrants(f"unknown grant field(s): {', '.join(sorted(map(str, unknown)))}")
    admin = grants.get("admin", False)
    if not isinstance(admin, bool):
        raise InvalidGrants("`admin` must be true or false")
    return RequestContext.granted(
        caller, parse_roles(grants.get("orgs", {})), Role.ADMIN if admin else None
    )


def parse_roles(orgs: Any) -> dict[str, Role]:
    if not isinstance(orgs, Mapping):
        raise InvalidGrants("`orgs` must map organization ids to roles")
    roles: dict[str, Role] = {}
    for organization_id, role in orgs.items():
        if not isinstance(organization_id, str) or not organization_id:
            raise InvalidGrants("`orgs` keys must be organization ids")
        if not isinstance(role, str) or role not in Role.__members__:
            names = ", ".join(Role.__members__)
            raise InvalidGrants(f"`orgs.{organization_id}` must be one of {names}")
        roles[organization_id] = Role[role]
    return roles
