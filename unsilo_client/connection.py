"""`connect`: the generated client, authenticated, with the service's errors as typed exceptions.

The service identifies a caller by `Authorization: Bearer <credential>`, a JWT or an API key
(`uk_...`; service/authentication.py, docs/security.md). The credential goes into the HTTP
client's default headers only: httpx masks it in their repr, and this module never logs it,
never puts it in an exception and never keeps it anywhere else.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit

import httpx

from unsilo_client.errors import InvalidResponse, graphql_error, http_error
from unsilo_client.generated.base_client import HttpClient, Response
from unsilo_client.generated.client import Client
from unsilo_client.generated.fragments import (
    ConflictFields,
    DependencyFields,
    LeaderFields,
    TieFields,
    UnitFields,
)
from unsilo_client.generated.input_types import (
    ConflictFilter,
    DependencyFilter,
    LeaderFilter,
    TieFilter,
    UnitFilter,
)
from unsilo_client.paging import MAX_PAGE, Connection, each_node

DEFAULT_TIMEOUT = 60.0  # seconds; the service gives up on a request at 30 by default
USER_AGENT = "unsilo-client/0.1"
LOOPBACK_NAMES = frozenset({"localhost"})


class UnsiloClient(Client):
    """One method per operation of `unsilo_client/operations` (generated), plus `each_*`
    iterators over whole lists. Failures raise `unsilo_client.errors` classes."""

    def __repr__(self) -> str:
        return f"UnsiloClient({self.url!r})"

    def get_data(self, response: Response) -> dict[str, Any]:
        headers = response.headers if isinstance(response, httpx.Response) else {}
        try:
            body = response.json()
        except ValueError:
            body = None
        if not 200 <= response.status_code <= 299:
            raise http_error(response.status_code, body, headers.get("retry-after"))
        if not isinstance(body, dict) or not ("data" in body or "errors" in body):
            raise InvalidResponse(response.status_code, "no data and no errors")
        if body.get("errors"):
            raise graphql_error(body["errors"], body.get("data"))
        data = body.get("data")
        if not isinstance(data, dict):
            raise InvalidResponse(response.status_code, "data is not an object")
        return data

    def each_unit(
        self,
        organization_id: str,
        filter_: UnitFilter | None = None,
        page_size: int = MAX_PAGE,
    ) -> Iterator[UnitFields]:
        def page(first: int, after: str | None) -> Connection[UnitFields] | None:
            found = self.units(organization_id, first=first, after=after, filter_=filter_)
            return found.organization.units if found.organization else None

        return each_node(page, page_size)

    def each_leader(
        self,
        organization_id: str,
        filter_: LeaderFilter | None = None,
        page_size: int = MAX_PAGE,
    ) -> Iterator[LeaderFields]:
        def page(first: int, after: str | None) -> Connection[LeaderFields] | None:
            found = self.leaders(organization_id, first=first, after=after, filter_=filter_)
            return found.organization.leaders if found.organization else None

        return each_node(page, page_size)

    def each_tie(
        self,
        organization_id: str,
        filter_: TieFilter | None = None,
        page_size: int = MAX_PAGE,
    ) -> Iterator[TieFields]:
        def page(first: int, after: str | None) -> Connection[TieFields] | None:
            found = self.ties(organization_id, first=first, after=after, filter_=filter_)
            return found.organization.ties if found.organization else None

        return each_node(page, page_size)

    def each_dependency(
        self,
        organization_id: str,
        filter_: DependencyFilter | None = None,
        page_size: int = MAX_PAGE,
    ) -> Iterator[DependencyFields]:
        def page(first: int, after: str | None) -> Connection[DependencyFields] | None:
            found = self.dependencies(organization_id, first=first, after=after, filter_=filter_)
            return found.organization.dependencies if found.organization else None

        return each_node(page, page_size)

    def each_conflict(
        self,
        organization_id: str,
        filter_: ConflictFilter | None = None,
        page_size: int = MAX_PAGE,
    ) -> Iterator[ConflictFields]:
        def page(first: int, after: str | None) -> Connection[ConflictFields] | None:
            found = self.conflicts(organization_id, first=first, after=after, filter_=filter_)
            return found.organization.conflicts if found.organization else None

        return each_node(page, page_size)


def connect(
    url: str,
    token: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    allow_insecure: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> UnsiloClient:
    """A client for the service at `url` (its address, `https://unsilo.example.com`, or its
    GraphQL endpoint; a bare address means `/graphql`).

    `token` is a JWT or an API key, sent as `Authorization: Bearer <token>` on every request;
    without it the service answers only in development mode. A token is refused over plain
    `http://` to anything but this machine (it would cross the network readable), unless
    `allow_insecure` says the network is trusted (a cluster-internal address). `timeout` is
    in seconds for each request. Close the client (or use it in `with`) when done.
    """
    endpoint = graphql_endpoint(url)
    headers = {"accept": "application/json", "user-agent": USER_AGENT}
    if token is not None:
        check_token(token, endpoint, allow_insecure)
        headers["authorization"] = f"Bearer {token}"
    if not timeout > 0:
        raise ValueError(f"timeout: must be more than 0 seconds, not {timeout}")
    http = httpx.Client(headers=headers, timeout=timeout, transport=transport)
    # The generated protocol spells `post` with positional parameters httpx takes by keyword
    # only; the generated client calls it by keyword.
    return UnsiloClient(url=endpoint, http_client=cast(HttpClient, http))


def graphql_endpoint(url: str) -> str:
    """The GraphQL endpoint of `url`: an http(s) address, `/graphql` added to a bare one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"url: must be an http:// or https:// address, not {url!r}")
    if parts.username or parts.password:
        raise ValueError("url: must not carry a user or password; pass token= instead")
    path = parts.path if parts.path not in ("", "/") else "/graphql"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def check_token(token: str, endpoint: str, allow_insecure: bool) -> None:
    """Refuses a token that cannot be a credential, or one about to cross a network in clear.

    Messages never quote the token.
    """
    if not token or token != token.strip() or any(c.isspace() for c in token):
        raise ValueError("token: must be non-empty, without spaces or line breaks")
    if not token.isascii() or not token.isprintable():
        raise ValueError("token: must be printable ASCII")
    parts = urlsplit(endpoint)
    if parts.scheme == "http" and not allow_insecure and not is_loopback(parts.hostname or ""):
        raise ValueError(
            f"url: refusing to send a token over plain http to {parts.hostname}; "
            "use https, or allow_insecure=True on a trusted network"
        )


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
