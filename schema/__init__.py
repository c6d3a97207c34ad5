"""The GraphQL contract: `schema` is what the service serves and what schema.graphql exports."""

from __future__ import annotations

import strawberry
from strawberry.extensions import AddValidationRules, ParserCache, ValidationCache
from strawberry.extensions.query_depth_limiter import create_validator

from schema.errors import StableErrorCodes
from schema.input_text import BoundedTextInput
from schema.introspection import IntrospectionGate
from schema.mutations import Mutation
from schema.queries import Query

MAX_QUERY_DEPTH = 12
# Distinct query texts whose parsed document and validation result are kept: clients send the
# same few operations over and over, and parsing plus validating cost as much as resolving.
MAX_CACHED_DOCUMENTS = 256

# One rule class for every request: `QueryDepthLimiter` makes a new class per request, which
# would also make every request's rules differ and defeat the validation cache.
_DEPTH_RULE = create_validator(MAX_QUERY_DEPTH, should_ignore=None)

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    extensions=[
        lambda: AddValidationRules([_DEPTH_RULE]),
        IntrospectionGate,
        lambda: ParserCache(maxsize=MAX_CACHED_DOCUMENTS),
        lambda: ValidationCache(maxsize=MAX_CACHED_DOCUMENTS),
        BoundedTextInput,
        StableErrorCodes,
    ],
)

__all__ = ["schema"]
