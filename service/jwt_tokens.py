"""Bearer JWTs, verified with PyJWT: signature, algorithm allow-list, issuer, audience, expiry.

The token's header picks the key source by algorithm family only: an HS token is checked with
the shared secret and nothing else, an RS/ES token with the JWKS keys and nothing else, so a
public key can never be used as an HMAC secret. `alg: none` is in no allow-list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jwt

from graph_queries.context import RequestContext
from service.grants import InvalidGrants, context_from_grants
from service.settings import (
    PUBLIC_KEY_ALGORITHMS,
    SHARED_SECRET_ALGORITHMS,
    Settings,
    SettingsError,
)

REQUIRED_CLAIMS = ["exp", "iss", "aud", "sub"]
JWKS_LIFESPAN = 300  # seconds a fetched key set is trusted before it is fetched again
JWKS_TIMEOUT = 5  # seconds to fetch the key set


class InvalidToken(ValueError):
    """Why a token was refused, in words safe to send back (no key material)."""


class TokenVerifier:
    def __init__(self, settings: Settings) -> None:
        allowed = settings.jwt_algorithms.split(",")
        self._secret = settings.jwt_secret
        self._secret_algorithms = [a for a in allowed if a in SHARED_SECRET_ALGORITHMS]
        self._public_algorithms = [a for a in allowed if a in PUBLIC_KEY_ALGORITHMS]
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._leeway = settings.jwt_leeway
        self._claim = settings.jwt_claim
        self._client: jwt.PyJWKClient | None = None
        self._key_set: jwt.PyJWKSet | None = None
        if settings.jwks_url:
            self._client = jwt.PyJWKClient(
                settings.jwks_url, lifespan=JWKS_LIFESPAN, timeout=JWKS_TIMEOUT
            )
        elif settings.jwks_file:
            self._key_set = _read_key_set(settings.jwks_file)
        # A JWKS URL is fetched with blocking I/O: the app verifies such tokens off the loop.
        self.may_block = self._client is not None

    def identify(self, token: str) -> RequestContext:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise InvalidToken("malformed token") from error
        algorithm = header.get("alg")
        key, algorithms = self._key_for(algorithm, header.get("kid"))
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("token expired") from error
        except jwt.ImmatureSignatureError as error:
            raise InvalidToken("token not yet valid") from error
        except jwt.InvalidAudienceError as error:
            raise InvalidToken("token is for another audience") from error
        except jwt.InvalidIssuerError as error:
            raise InvalidToken("token is from another issuer") from error
        except jwt.InvalidSignatureError as error:
            raise InvalidToken("token signature does not verify") from error
        except jwt.InvalidTokenError as error:
            raise InvalidToken(f"invalid token: {error}") from error
        try:
            return context_from_grants(str(claims["sub"]), claims.get(self._claim, {}))
        except InvalidGrants as error:
            raise InvalidToken(f"claim {self._claim!r}: {error}") from error

    def _key_for(self, algorithm: Any, kid: Any) -> tuple[Any, list[str]]:
        if algorithm in self._secret_algorithms and self._secret:
            return self._secret, [algorithm]
        if algorithm in self._public_algorithms and (self._client or self._key_set):
            return self._public_key(kid), [algorithm]
        raise InvalidToken(f"algorithm {algorithm!r} is not accepted")

    def _public_key(self, kid: Any) -> Any:
        if self._client is not None:
            try:
                if kid is None:
                    raise InvalidToken("token names no key (kid)")
                return self._client.get_signing_key(str(kid)).key
            except jwt.PyJWKClientConnectionError as error:
                raise InvalidToken("the key set cannot be fetched") from error
            except jwt.PyJWKClientError as error:
                raise InvalidToken("token names an unknown key") from error
        assert self._key_set is not None
        keys = [k for k in self._key_set.keys if kid is None or k.key_id == kid]
        if len(keys) != 1:
            raise InvalidToken("token names an unknown key")
        return keys[0].key


def _read_key_set(path: str) -> jwt.PyJWKSet:
    try:
        return jwt.PyJWKSet.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, jwt.PyJWKError, jwt.PyJWKSetError) as error:
        raise SettingsError(f"UNSILO_JWKS_FILE: {path}: {error}") from error


def expiry(token: str) -> float | None:
    """The `exp` claim of a token already verified (by `TokenVerifier.identify`); None when
    `token` is not a JWT (an API key)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return None
    expires = claims.get("exp")
    return float(expires) if isinstance(expires, int | float) else None
