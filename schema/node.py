"""The `Node` interface of Relay Global Object Identification
(https://relay.dev/graphql/objectidentification.htm): every object a client may cache by id."""

from __future__ import annotations

import strawberry

from schema.global_ids import encode_global_id

LOCAL_ID = "The id inside its organization, as in imports, exports, mutations and analysis results."
GLOBAL_ID = (
    "Globally unique and opaque (do not parse it): pass it to `node` or `nodes` to fetch this "
    "object again. `localId` is the id inside its organization."
)
# Said of every `...Id` field: they hold local ids, as mutation inputs and analyses do.
LOCAL_REFERENCE = "A local id (`localId`), unique inside this organization only."


@strawberry.interface(description="An object with a globally unique id (Relay `Node`).")
class Node:
    local_id: strawberry.ID = strawberry.field(description=LOCAL_ID)
    organization_id: strawberry.Private[str]

    @strawberry.field(description=GLOBAL_ID)
    def id(self) -> strawberry.ID:
        # Each implementation's GraphQL name is its class name (checked by the tests).
        return strawberry.ID(
            encode_global_id(type(self).__name__, self.organization_id, self.local_id)
        )
