"""Refuses a document past a limit before graphql-core validates it (some of its rules are
quadratic in the number of fields) and before anything executes.

Parsing stops at `max_query_tokens` (the parser counts them); the measures of
`schema.query_limits` come next, and only a document within every limit is validated. Parsed
documents and validation results are cached by query text, as clients send the same few
operations again and again; the measures depend on the variables, so they are taken every time
(linear in the document, which the token limit keeps small).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLSchema, parse, validate
from graphql.error import GraphQLError
from graphql.validation import ASTValidationRule
from strawberry.extensions import SchemaExtension

from schema.query_limits import exceeded, measure
from schema.request_limits import QueryLimits, limit_error

MAX_CACHED_DOCUMENTS = 256
DEFAULT_LIMITS = QueryLimits()


@functools.lru_cache(maxsize=MAX_CACHED_DOCUMENTS)
def _parsed(query: str, max_tokens: int) -> DocumentNode:
    return parse(query, max_tokens=max_tokens)


@functools.lru_cache(maxsize=MAX_CACHED_DOCUMENTS)
def _validated(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ASTValidationRule], ...]
) -> list[GraphQLError]:
    return validate(schema, document, rules)


class QueryLimiter(SchemaExtension):
    def _limits(self) -> QueryLimits:
        limits = getattr(self.execution_context.context, "limits", None)
        return limits if isinstance(limits, QueryLimits) else DEFAULT_LIMITS

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        max_tokens = self._limits().max_query_tokens
        context.parse_options["max_tokens"] = max_tokens
        # On a syntax error strawberry parses it again and reports the error the usual way.
        if context.query is not None:
            with contextlib.suppress(GraphQLError):
                context.graphql_document = _parsed(context.query, max_tokens)
        yield
        for error in context.pre_execution_errors or ():
            if f"more than {max_tokens} tokens" in error.message:
                error.extensions = limit_error("tokens", None, max_tokens).extensions

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        limits = self._limits()
        schema: Any = context.schema._schema
        document = context.graphql_document
        assert document is not None
        measures = measure(
            schema,
            document,
            context.operation_name,
            context.variables,
            limits.max_analyses_per_request,
        )
        refused = [limit_error(*found) for found in exceeded(measures, limits.bounds())]
        if refused:
            context.pre_execution_errors = refused
        else:
            rules = tuple(context.validation_rules)
            context.pre_execution_errors = _validated(schema, document, rules)
        yield
