"""Refuses a document past a limit before graphql-core validates it (some of its rules are
quadratic in the number of fields) and before anything executes.

Parsing stops at `max_query_tokens` (the parser counts them); the measures of
`schema.query_limits` come next, and only a document within every limit is validated. Parsed
documents and validation results are cached by query text, as clients send the same few
operations again and again; the measures depend on the variables, so they are taken every time
(linear in the document, which the token limit keeps small). A long document not seen before
is parsed, measured and validated in a worker thread, so that it never holds the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable
from typing import Any, Generic, TypeVar

from graphql import DocumentNode, parse, validate
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension

from schema.query_limits import Measures, exceeded, measure
from schema.request_limits import QueryLimits, limit_error

MAX_CACHED_DOCUMENTS = 256
# Up to this many characters, parsing, measuring and validating take about a millisecond or
# less and run on the event loop; longer documents not seen before are handled in a worker
# thread, where the interpreter hands the event loop its turn every few milliseconds (some
# graphql-core rules are quadratic: 1,200 repeated fields took 75 ms to validate).
INLINE_QUERY_LENGTH = 1_000
DEFAULT_LIMITS = QueryLimits()

T = TypeVar("T")


class _Recent(Generic[T]):
    """The most recently used values by key (parsed documents, validation results)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._values: OrderedDict[Hashable, T] = OrderedDict()

    def get(self, key: Hashable) -> T | None:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, key: Hashable, value: T) -> T:
        self._values[key] = value
        while len(self._values) > self._limit:
            self._values.popitem(last=False)
        return value


# Keyed by query text, whose hash Python keeps: a DocumentNode's hash walks the whole document.
_documents: _Recent[DocumentNode] = _Recent(MAX_CACHED_DOCUMENTS)
_validations: _Recent[list[GraphQLError]] = _Recent(MAX_CACHED_DOCUMENTS)
_measures: _Recent[Measures] = _Recent(MAX_CACHED_DOCUMENTS)


async def _run(short: bool, work: Callable[[], T]) -> T:
    return work() if short else await asyncio.to_thread(work)


class QueryLimiter(SchemaExtension):
    def _limits(self) -> QueryLimits:
        limits = getattr(self.execution_context.context, "limits", None)
        return limits if isinstance(limits, QueryLimits) else DEFAULT_LIMITS

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        max_tokens = self._limits().max_query_tokens
        context.parse_options["max_tokens"] = max_tokens
        query = context.query
        if query is not None:
            key = (query, max_tokens)
            document = _documents.get(key)
            if document is None:
                short = len(query) <= INLINE_QUERY_LENGTH
                # On a syntax error strawberry parses it again and reports it the usual way.
                with contextlib.suppress(GraphQLError):
                    parsing = functools.partial(parse, query, max_tokens=max_tokens)
                    document = _documents.put(key, await _run(short, parsing))
            context.graphql_document = document
        yield
        for error in context.pre_execution_errors or ():
            if f"more than {max_tokens} tokens" in error.message:
                error.extensions = limit_error("tokens", None, max_tokens).extensions

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        limits = self._limits()
        schema: Any = context.schema._schema
        document = context.graphql_document
        assert document is not None
        query, variables = context.query, context.variables
        rules = tuple(context.validation_rules)
        # A document given without its text (none here so far) is measured and validated anew;
        # without variables, the measures are those of the text alone and are kept with it.
        validation_key = None if query is None else (query, rules)
        measures_key = None
        if query is not None and not variables:
            measures_key = (query, context.operation_name, limits.max_analyses_per_request)
        known = None if validation_key is None else _validations.get(validation_key)
        measured = None if measures_key is None else _measures.get(measures_key)

        def check() -> tuple[Measures, list[GraphQLError], list[GraphQLError] | None]:
            # (measures, the errors to answer, a new validation result): no cache is touched
            # here, as this may run in a worker thread.
            measures = measured or measure(
                schema,
                document,
                context.operation_name,
                variables,
                limits.max_analyses_per_request,
            )
            refused = [limit_error(*found) for found in exceeded(measures, limits.bounds())]
            if refused or known is not None:
                return measures, refused or known or [], None
            validated = validate(schema, document, rules)
            return measures, validated, validated

        inline = query is None or len(query) <= INLINE_QUERY_LENGTH or known is not None
        measures, errors, validated = await _run(inline, check)
        if measures_key is not None and measured is None:
            _measures.put(measures_key, measures)
        if validation_key is not None and validated is not None:
            _validations.put(validation_key, validated)
        context.pre_execution_errors = errors
        yield
