"""A POST to /graphql checked before GraphQL sees it: a malformed body is the caller's error.

strawberry answered some malformed bodies with a 500 or a dropped connection (a JSON string,
`null`, an array, invalid UTF-8) and others with plain text; every one is now a 4xx with a
GraphQL-shaped body: `{"errors": [{"message": ..., "extensions": {"code": ...}}]}`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Scope

from service.http_limits import get_not_allowed

BAD_REQUEST = "BAD_REQUEST"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
JSON_MEDIA_TYPE = "application/json"


def graphql_error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status
    )


def read_request(media_type: str, body: bytes) -> dict[str, Any] | JSONResponse:
    """The GraphQL request in a POST body (parsed once here, and read again by the response
    cache), or the answer to a malformed one."""
    if media_type != JSON_MEDIA_TYPE:
        shown = media_type or "none"
        return graphql_error(
            415, UNSUPPORTED_MEDIA_TYPE, f"content type must be {JSON_MEDIA_TYPE}, not {shown}"
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        return graphql_error(400, BAD_REQUEST, f"body is not UTF-8: byte {error.start} is invalid")
    try:
        request: Any = json.loads(text)
    except json.JSONDecodeError as error:
        return graphql_error(400, BAD_REQUEST, f"body is not JSON: {error}")
    if not isinstance(request, dict):
        kind = "null" if request is None else type(request).__name__
        return graphql_error(
            400, BAD_REQUEST, f"body must be a JSON object with a query, not a JSON {kind}"
        )
    return checked(request)


def graphql_get(scope: Scope) -> bool:
    """Whether a request is a GET that carries a GraphQL query (not the IDE page)."""
    return scope["method"] == "GET" and "query" in QueryParams(scope.get("query_string", b""))


async def read_graphql_request(request: Request, allow_get: bool) -> dict[str, Any] | JSONResponse:
    """The GraphQL request of a POST or of a GET (refused with 405 unless GET is allowed)."""
    if request.method == "GET":
        if not allow_get:
            raise get_not_allowed("the query", "GET is off (UNSILO_ALLOW_GET)")
        return read_query_params(request.query_params)
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    return read_request(media_type, await request.body())


def read_query_params(params: Mapping[str, str]) -> dict[str, Any] | JSONResponse:
    """The GraphQL request in a GET's query string (`variables` and `extensions` as JSON), or
    the answer to a malformed one."""
    request: dict[str, Any] = {
        "query": params.get("query"),
        "operationName": params.get("operationName") or None,
    }
    for name in ("variables", "extensions"):
        text = params.get(name)
        if text:
            try:
                request[name] = json.loads(text)
            except json.JSONDecodeError as error:
                return graphql_error(400, BAD_REQUEST, f"{name} is not JSON: {error}")
    return checked(request)


def checked(request: dict[str, Any]) -> dict[str, Any] | JSONResponse:
    extensions = request.get("extensions")
    by_hash = isinstance(extensions, dict) and "persistedQuery" in extensions
    checks = (
        ("query", request.get("query"), str, "a string", by_hash),
        ("variables", request.get("variables"), dict, "an object", True),
        ("operationName", request.get("operationName"), str, "a string", True),
        ("extensions", request.get("extensions"), dict, "an object", True),
    )
    for name, value, wanted, described, optional in checks:
        if value is None and optional:
            continue
        if not isinstance(value, wanted):
            problem = "is missing" if value is None else f"must be {described}"
            return graphql_error(400, BAD_REQUEST, f"{name} {problem}")
    return request
