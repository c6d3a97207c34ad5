"""Every GraphQL error leaves with a stable `extensions.code` and never with a stack trace."""

from __future__ import annotations

import logging

from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors

from graph_queries.errors import (
    Forbidden,
    InputRejected,
    NotFound,
    StoreUnavailable,
    VersionConflict,
)
from schema.request_ids import current_request_id

log = logging.getLogger("unsilo.graphql")

STORE_UNAVAILABLE = "STORE_UNAVAILABLE"
BAD_USER_INPUT = "BAD_USER_INPUT"
WRITE_CONFLICT = "WRITE_CONFLICT"
FORBIDDEN = "FORBIDDEN"
NOT_FOUND = "NOT_FOUND"
INTERNAL = "INTERNAL"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION = "GRAPHQL_VALIDATION"


class StableErrorCodes(MaskErrors):
    """Keeps errors the API raises on purpose; replaces everything else by a coded message."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: True)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            # Raised on purpose (bad input, a schema validation error): keep its message.
            extensions = dict(error.extensions or {})
            extensions.setdefault("code", _request_error_code(error))
            _add_request_id(extensions)
            return GraphQLError(
                error.message,
                error.nodes,
                error.source,
                error.positions,
                error.path,
                extensions=extensions,
            )
        if isinstance(original, Forbidden | NotFound):
            # FORBIDDEN only for an organization the caller sees; one they do not see, or a
            # missing one, is NOT_FOUND, alike.
            coded: dict[str, object] = {"code": NOT_FOUND}
            if isinstance(original, Forbidden):
                coded = {"code": FORBIDDEN, "requiredRole": original.needed}
            return GraphQLError(
                str(original),
                error.nodes,
                error.source,
                error.positions,
                error.path,
                extensions=coded,
            )
        if isinstance(original, VersionConflict):
            # Someone else kept writing the organization through every retry: the write was
            # not applied, and sending it again is expected to work.
            return GraphQLError(
                "The organization changed while this write was checked; nothing was changed. "
                "Send it again.",
                error.nodes,
                error.source,
                error.positions,
                error.path,
                extensions={"code": WRITE_CONFLICT, "retryable": True},
            )
        if isinstance(original, InputRejected):
            message, code = str(original), BAD_USER_INPUT
        elif isinstance(original, StoreUnavailable):
            message, code = "The store is unavailable; try again shortly.", STORE_UNAVAILABLE
            log.warning("store unavailable (request %s): %s", current_request_id.get(), original)
        else:
            message, code = "Internal server error.", INTERNAL
            log.error(
                "unexpected error in %s (request %s)",
                error.path,
                current_request_id.get(),
                exc_info=original,
            )
        extensions = {"code": code}
        _add_request_id(extensions)
        return GraphQLError(
            message,
            error.nodes,
            error.source,
            error.positions,
            error.path,
            extensions=extensions,
        )


def _request_error_code(error: GraphQLError) -> str:
    # Clients tell a document that does not parse from one that does not fit the schema.
    if error.original_error is not None:
        return BAD_USER_INPUT
    return GRAPHQL_PARSE_FAILED if isinstance(error, GraphQLSyntaxError) else GRAPHQL_VALIDATION


def _add_request_id(extensions: dict[str, object]) -> None:
    # The id the client can quote: the log line of the real error carries the same one.
    request_id = current_request_id.get()
    if request_id is not None:
        extensions["requestId"] = request_id
