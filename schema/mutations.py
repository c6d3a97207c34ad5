"""The root Mutation: the organization's own mutations, then those of every entity kind.

Expected failures come back as members of each result union (ValidationError, NotFoundError),
so clients can show them field by field; only unexpected ones become GraphQL errors.
"""

from __future__ import annotations

from strawberry.tools import merge_types

from schema.entity_mutations import EntityMutation
from schema.organization_mutations import OrganizationMutation
from schema.snapshot_mutations import SnapshotMutation

# The order of the bases is the order of the fields in the schema.
Mutation = merge_types("Mutation", (OrganizationMutation, SnapshotMutation, EntityMutation))
