"""The GraphQL contract: `schema` is what the service serves and what schema.graphql exports."""

from __future__ import annotations

import strawberry

from schema.errors import StableErrorCodes
from schema.input_text import BoundedTextInput
from schema.introspection import IntrospectionGate
from schema.limits_extension import QueryLimiter
from schema.mutations import Mutation
from schema.operation_name import OperationName
from schema.queries import Query
from schema.subscriptions import Subscription

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[
        # First, so that it sees the operation after every other extension is done.
        OperationName,
        # Parses (stopping at the token limit), measures the document against the limits of
        # the request's context and only then validates it; both steps cached by query text.
        QueryLimiter,
        IntrospectionGate,
        BoundedTextInput,
        StableErrorCodes,
    ],
)

__all__ = ["schema"]
