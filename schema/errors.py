"""Every GraphQL error leaves with a stable `extensions.code` and never with a stack trace."""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from graph_queries.errors import StoreUnavailable
from schema.request_ids import current_request_id

log = logging.getLogger("unsilo.graphql")

STORE_UNAVAILABLE = "STORE_UNAVAILABLE"
INTERNAL = "INTERNAL"


class StableErrorCodes(MaskErrors):
    """Keeps errors the API raises on purpose; replaces everything else by a coded message."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: True)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            # Raised on purpose (bad input, a schema validation error): keep its message.
            extensions = dict(error.extensions or {})
            extensions.setdefault("code", "BAD_USER_INPUT" if original else "GRAPHQL_VALIDATION")
            _add_request_id(extensions)
            return GraphQLError(
                error.message,
                error.nodes,
                error.source,
                error.positions,
                error.path,
                extensions=extensions,
            )
        if isinstance(original, StoreUnavailable):
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


def _add_request_id(extensions: dict[str, object]) -> None:
    # The id the client can quote: the log line of the real error carries the same one.
    request_id = current_request_id.get()
    if request_id is not None:
        extensions["requestId"] = request_id
