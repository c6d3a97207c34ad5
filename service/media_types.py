"""GraphQL over HTTP: which media type an answer has, and its status when it is
`application/graphql-response+json` (docs/http.md).

`application/json` stays the default (no Accept, `*/*`, or a client asking for it) and keeps its
status 200 for every GraphQL error. A client that asks for `application/graphql-response+json`
gets request errors (parse, validation, variable coercion, a limit) as 400 without `data`, as
the GraphQL-over-HTTP specification has it; errors during execution keep 200, as their `data`
says what was resolved.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphql.error import GraphQLError
from starlette.responses import Response

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
# Request errors that are the server's fault keep a server status.
SERVER_ERROR_STATUS = {"INTERNAL": 500, "STORE_UNAVAILABLE": 503}


def negotiate(accept: str | None) -> str:
    """The media type of the answer to a request with this Accept header. Only a client that
    names `application/graphql-response+json` (at a quality not below what it gives JSON) gets
    it; any other gets JSON, never a 406, so that older clients keep working."""
    wanted = {GRAPHQL_RESPONSE: 0.0, JSON: 0.0}
    for item in (accept or "").split(","):
        media, *parameters = (part.strip() for part in item.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.lower()
        if media == GRAPHQL_RESPONSE:
            wanted[GRAPHQL_RESPONSE] = max(wanted[GRAPHQL_RESPONSE], quality)
        elif media in (JSON, "application/*", "*/*"):
            wanted[JSON] = max(wanted[JSON], quality)
    graphql = wanted[GRAPHQL_RESPONSE]
    return GRAPHQL_RESPONSE if graphql > 0 and graphql >= wanted[JSON] else JSON


def request_error(data: object, errors: Sequence[GraphQLError] | None) -> bool:
    """Whether a result is a request error: nothing executed, so no error has a path (a field
    error that nulled the whole result has one)."""
    return data is None and bool(errors) and all(error.path is None for error in errors or ())


def request_error_status(codes: Sequence[str]) -> int:
    for code in codes:
        if code in SERVER_ERROR_STATUS:
            return SERVER_ERROR_STATUS[code]
    return 400


def answer_as(
    response: Response, media_type: str, request_error_codes: list[str] | None, method: str
) -> None:
    """Gives a JSON answer the negotiated media type and, for a request error in
    `application/graphql-response+json`, its status. The bytes are the same for both types
    (only a request error's `data` differs, removed when it is executed), so stored answers,
    which never have errors, serve either."""
    if method == "GET" and response.media_type == JSON:
        response.headers["vary"] = "Accept"  # a cache in between must not mix the two types
    if media_type != GRAPHQL_RESPONSE or response.media_type != JSON:
        return
    response.headers["content-type"] = GRAPHQL_RESPONSE
    if request_error_codes is not None and response.status_code == 200:
        response.status_code = request_error_status(request_error_codes)
