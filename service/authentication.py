"""Who is calling: a bearer JWT or API key turned into a `RequestContext`, or a refusal.

Without any credential source configured (development only: production refuses to start,
`Settings.check_serving`) every caller is the anonymous developer who may do everything.
"""

from __future__ import annotations

import logging

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response

from graph_queries.context import ANONYMOUS, RequestContext
from service.api_keys import ApiKeys, KeyFileError, looks_like_api_key
from service.jwt_tokens import InvalidToken, TokenVerifier
from service.settings import Settings, SettingsError

log = logging.getLogger("unsilo")


def unauthenticated(reason: str) -> Response:
    """A GraphQL-shaped 401: clients read `errors` as for any other failure."""
    error = {"message": f"Unauthenticated: {reason}", "extensions": {"code": "UNAUTHENTICATED"}}
    return JSONResponse(
        {"data": None, "errors": [error]},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="unsilo"'},
    )


class Unauthenticated(Exception):
    """No credential, or one that does not verify: answered 401 before any query runs."""


class Authenticator:
    def __init__(self, settings: Settings) -> None:
        self.required = settings.auth_configured
        self._tokens = TokenVerifier(settings) if settings.jwt_configured else None
        self._keys: ApiKeys | None = None
        if settings.api_keys_file:
            try:
                self._keys = ApiKeys(settings.api_keys_file)
            except KeyFileError as error:
                raise SettingsError(f"UNSILO_API_KEYS_FILE: {error}") from error
        self.may_block = self._tokens is not None and self._tokens.may_block

    def announce(self) -> None:
        """One start-up line saying how callers are identified."""
        if not self.required:
            log.warning("authentication is OFF (development mode): every caller may do anything")
            return
        sources = [name for name, on in (("JWT", self._tokens), ("API keys", self._keys)) if on]
        log.info("authentication required: %s", " and ".join(sources))

    def identify(self, connection: HTTPConnection) -> RequestContext:
        if not self.required:
            return ANONYMOUS
        scheme, _, credential = connection.headers.get("authorization", "").partition(" ")
        credential = credential.strip()
        if scheme.lower() != "bearer" or not credential:
            raise Unauthenticated("no credentials: send Authorization: Bearer <token or API key>")
        if looks_like_api_key(credential):
            if self._keys is None:
                raise Unauthenticated("API keys are not accepted here")
            try:
                context = self._keys.identify(credential)
            except KeyFileError as error:
                log.error("API keys file unreadable: %s", error)
                raise Unauthenticated("API keys cannot be checked right now") from error
            if context is None:
                raise Unauthenticated("unknown or revoked API key")
            return context
        if self._tokens is None:
            raise Unauthenticated("tokens are not accepted here")
        try:
            return self._tokens.identify(credential)
        except InvalidToken as error:
            raise Unauthenticated(str(error)) from error
