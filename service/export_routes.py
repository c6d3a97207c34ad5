"""Downloads of an organization's graph, results, tables and report: GET
/organizations/{id}/exports/{file} (docs/exports.md, "From the API").

The same door as /graphql: the caller is identified by the same credentials, spends the same
rate-limit bucket, and the answer is bounded by UNSILO_REQUEST_TIMEOUT and stops when the
client goes away (service/graphql_app.py). Authorization is the analyses' own
(service/export_files.py): ANALYST, and ADMIN to lift the privacy floor; an organization the
caller may not see answers exactly as one that does not exist. The files hold who works with
whom, so they are never stored by a cache, never sniffed into another type, each download is
logged to the audit log and counted, and the HTML report may run nothing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph_queries.context import RequestContext
from graph_queries.errors import Forbidden, NotFound, StoreUnavailable
from graph_queries.exports.archive import ExportTooLarge
from graph_queries.exports.files import EXPORT_FILES
from graph_queries.exports.results import ANALYSIS_NAMES
from schema.errors import BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, STORE_UNAVAILABLE
from schema.global_ids import organization_id_of
from schema.request_ids import REQUEST_ID_HEADER, current_request_id, new_request_id
from service.authentication import Unauthenticated, unauthenticated
from service.export_files import (
    EXPORT_COMPUTATIONS,
    ExportLimits,
    ExportRequest,
    export_file,
)
from service.graphql_app import UnsiloGraphQL
from service.http_limits import RATE_LIMITED, TIMEOUT, unless_abandoned
from service.logs import log_export
from service.metrics import Metrics
from service.rate_limit import retry_after

log = logging.getLogger("unsilo")
PATH = "/organizations/{organization}/exports/{file}"
PARAMETERS = ("asOf", "analysis", "includeSmallGroups")
EXPORT_TOO_LARGE = "EXPORT_TOO_LARGE"
INTERNAL = "INTERNAL"
# The report is inline CSS and inline SVG, nothing else: no script, frame, form or fetch.
REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'; sandbox"
)
UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_FILENAME_ID = 64
SHOWN = 40  # characters of a wrong value echoed in an error: the caller chose them
LOGGED_ID = 200  # characters of the organization id in an audit line (any caller chose it)
MIB = 1024 * 1024


class BadParameter(Exception):
    def __init__(self, parameter: str, problem: str) -> None:
        super().__init__(f"{parameter}: {problem}")
        self.parameter = parameter


def error(status: int, code: str, message: str, **more: str) -> JSONResponse:
    """A GraphQL-shaped error body; the request id is in the header only, so that two refusals
    for the same reason have the same bytes (an unseen organization answers as a missing one)."""
    body = {"errors": [{"message": message, "extensions": {"code": code, **more}}]}
    return JSONResponse(body, status_code=status)


def parse_request(organization: str, file: str, request: Request) -> ExportRequest:
    """The checked request, or BadParameter naming the first wrong parameter."""
    if file not in EXPORT_FILES:
        choose = ", ".join(EXPORT_FILES)
        raise BadParameter("file", f"unknown file {file[:SHOWN]!r}; choose from {choose}")
    query = request.query_params
    for name in query:
        if name not in PARAMETERS:
            raise BadParameter(name[:SHOWN], f"unknown parameter; use {', '.join(PARAMETERS)}")
    for name in ("asOf", "includeSmallGroups"):
        if len(query.getlist(name)) > 1:
            raise BadParameter(name, "given more than once")
    as_of = datetime.now(UTC).date()
    if (text := query.get("asOf")) is not None:
        try:
            as_of = date.fromisoformat(text)
        except ValueError:
            raise BadParameter(
                "asOf", f"{text[:SHOWN]!r} is not a date; write YYYY-MM-DD"
            ) from None
    names = query.getlist("analysis") or list(ANALYSIS_NAMES)
    for name in names:
        if name not in ANALYSIS_NAMES:
            raise BadParameter(
                "analysis",
                f"unknown analysis {name[:SHOWN]!r}; choose from {', '.join(ANALYSIS_NAMES)}",
            )
    lift = query.get("includeSmallGroups", "false")
    if lift not in ("true", "false"):
        raise BadParameter("includeSmallGroups", f"{lift[:SHOWN]!r} is not true or false")
    return ExportRequest(
        organization_id=organization_id_of(organization),
        file=file,
        as_of=as_of,
        # In the catalog's order: the files do not depend on the order asked, the cache key would.
        analyses=tuple(name for name in ANALYSIS_NAMES if name in names),
        include_small_groups=lift == "true",
    )


def download_name(organization_id: str, version: int, file: str) -> str:
    """`unsilo-<organization>-v<version>-<file>`: only letters, digits, `.`, `_` and `-`, so
    the name cannot leave a folder, hide an extension or break the header."""
    safe = UNSAFE_FILENAME.sub("_", organization_id)[:MAX_FILENAME_ID].strip("._") or "org"
    return f"unsilo-{safe}-v{version}-{file}"


@dataclass
class Outcome:
    """An answer and what the audit line says of it."""

    response: Response
    caller: str
    organization: str
    version: int | None = None


def export_routes(graphql: UnsiloGraphQL, metrics: Metrics) -> list[Route]:
    """The download route, sharing `graphql`'s callers, rate limiter and settings."""
    settings = graphql.settings
    limits = ExportLimits(
        min_group=settings.privacy_min_group,
        min_group_metadata=settings.privacy_min_group_metadata,
        path_sample=settings.path_sample or None,
        max_bytes=settings.export_max_mb * MIB,
    )
    computing = asyncio.Semaphore(EXPORT_COMPUTATIONS)

    async def download(request: Request) -> Response:
        request_id = new_request_id()
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        file = request.path_params["file"]
        label = file if file in EXPORT_FILES else "other"
        try:
            outcome = await admit(request)
            response = outcome.response
            response.headers[REQUEST_ID_HEADER] = request_id
            response.headers["x-content-type-options"] = "nosniff"
            response.headers["cache-control"] = "no-store"
            metrics.exported(label, response.status_code, time.perf_counter() - started)
            size = len(response.body) if response.status_code == 200 else 0
            status = response.status_code
            log_export(outcome.caller, outcome.organization, label, outcome.version, status, size)
        finally:
            current_request_id.reset(token)
        return response

    async def admit(request: Request) -> Outcome:
        """Who calls, their rate, then the parameters: nothing is read for a refused request."""
        organization = request.path_params["organization"]
        logged = organization[:LOGGED_ID]
        try:
            ctx = await graphql.identify_connection(request)
        except Unauthenticated as refused:
            return Outcome(unauthenticated(str(refused)), "unidentified", logged)
        request.state.request_context = ctx
        if graphql.rate_limiter is not None:
            wait = graphql.rate_limiter.take(graphql.caller_key(request))
            if wait is not None:
                refusal = error(
                    429, RATE_LIMITED, "Too many requests; retry after the time in Retry-After."
                )
                refusal.headers["retry-after"] = retry_after(wait)
                return Outcome(refusal, ctx.caller, logged)
        try:
            wanted = parse_request(organization, request.path_params["file"], request)
        except BadParameter as bad:
            refusal = error(400, BAD_USER_INPUT, str(bad), field=bad.parameter)
            return Outcome(refusal, ctx.caller, logged)
        outcome = Outcome(Response(), ctx.caller, wanted.organization_id[:LOGGED_ID])
        outcome.response, outcome.version = await run(request, ctx, wanted)
        return outcome

    async def run(
        request: Request, ctx: RequestContext, wanted: ExportRequest
    ) -> tuple[Response, int | None]:
        """The file, or the refusal that says why not."""
        runner, store = request.app.state.runner, request.app.state.store
        try:
            async with asyncio.timeout(settings.request_timeout):
                work = export_file(store, runner, ctx, wanted, limits, computing)
                exported = await unless_abandoned(work, request.receive)
        except NotFound as missing:
            return error(404, NOT_FOUND, str(missing)), None
        except Forbidden as refused:
            return error(403, FORBIDDEN, str(refused), requiredRole=refused.needed), None
        except ExportTooLarge as large:
            message = (
                f"The export exceeds {large.max_bytes // MIB} MiB (UNSILO_EXPORT_MAX_MB); ask "
                "for fewer analyses, or run `unsilo analyze` where the data is."
            )
            return error(422, EXPORT_TOO_LARGE, message), None
        except TimeoutError:
            # The results go on into the runner's cache: the same download later is quicker.
            message = f"The export took more than {settings.request_timeout:g} s; retry later."
            refusal = error(503, TIMEOUT, message)
            refusal.headers["retry-after"] = retry_after(settings.request_timeout)
            return refusal, None
        except StoreUnavailable:
            return error(503, STORE_UNAVAILABLE, "The store is unavailable; retry shortly."), None
        except Exception:
            # As GraphQL masks it (schema/errors.py): logged with its trace, answered without.
            log.exception("export of %s failed", wanted.file)
            return error(500, INTERNAL, "The export failed; quote X-Request-Id to report it."), None
        if exported is None:
            log.info("export abandoned by its client")
            return Response(status_code=499), None  # never read: the connection is gone
        version = exported.graph_version
        return file_response(
            wanted.file, exported.content, exported.organization_id, version
        ), version

    return [Route(PATH, download, methods=["GET"])]


def file_response(file: str, content: bytes, organization_id: str, version: int) -> Response:
    name = download_name(organization_id, version, file)
    # Personal data: `download` adds no-store, so no shared or private cache keeps a copy.
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    if file == "report.html":
        headers["content-security-policy"] = REPORT_POLICY
    return Response(content, media_type=EXPORT_FILES[file].media_type, headers=headers)
