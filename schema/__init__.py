"""The GraphQL contract: `schema` is what the service serves and what schema.graphql exports."""

from __future__ import annotations

import strawberry
from strawberry.extensions import QueryDepthLimiter

from schema.errors import StableErrorCodes
from schema.mutations import Mutation
from schema.queries import Query

MAX_QUERY_DEPTH = 12

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    extensions=[lambda: QueryDepthLimiter(max_depth=MAX_QUERY_DEPTH), StableErrorCodes],
)

__all__ = ["schema"]
