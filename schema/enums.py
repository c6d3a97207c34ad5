"""The domain's enums as GraphQL enums, with the descriptions clients see."""

from __future__ import annotations

import strawberry

from graph_queries import model
from graph_queries.errors import ErrorCode as DomainErrorCode

UnitKind = strawberry.enum(model.UnitKind, description="What a unit is in the structure.")
LeaderLevel = strawberry.enum(model.LeaderLevel, description="A leader's level of management.")
Reliability = strawberry.enum(
    model.Reliability, description="How often the depending unit can rely on the other."
)
ConflictStatus = strawberry.enum(
    model.ConflictStatus, description="The outcome managers report for a cross-unit conflict."
)
ErrorCode = strawberry.enum(DomainErrorCode, description="Why a field was refused.")
