"""Credentials for the tests: JWTs signed as an identity provider would, and broken ones."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from typing import Any

import jwt

from service.settings import Settings

SECRET = "test-secret-that-is-long-enough-for-hs256!"
ISSUER = "https://id.example.test"
AUDIENCE = "unsilo-api"
NOW_SLACK = 60  # further from now than the default leeway (30 s)

SETTINGS = Settings(mode="production", jwt_secret=SECRET, jwt_issuer=ISSUER, jwt_audience=AUDIENCE)


def claims(
    orgs: Mapping[str, str] | None = None, admin: bool = False, **overrides: Any
) -> dict[str, Any]:
    now = int(time.time())
    body: dict[str, Any] = {
        "sub": "someone",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 600,
        "unsilo": {"orgs": dict(orgs or {}), "admin": admin},
    }
    body.update(overrides)
    return body


def token(orgs: Mapping[str, str] | None = None, admin: bool = False, **overrides: Any) -> str:
    return jwt.encode(claims(orgs, admin, **overrides), SECRET, algorithm="HS256")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(orgs: Mapping[str, str]) -> str:
    """`alg: none`, with the claims a valid token would have."""
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{_b64(json.dumps(claims(orgs)).encode())}."


def tampered(orgs: Mapping[str, str]) -> str:
    """A valid token for other grants, with these grants pasted into its payload."""
    header, _, signature = token({"elsewhere": "VIEWER"}).split(".")
    return f"{header}.{_b64(json.dumps(claims(orgs)).encode())}.{signature}"


def broken_tokens(orgs: Mapping[str, str]) -> dict[str, tuple[str | None, str]]:
    """Name -> (the Authorization credential or None, what the 401 must say)."""
    now = int(time.time())
    return {
        "none": (None, "no credentials"),
        "expired": (token(orgs, exp=now - NOW_SLACK), "token expired"),
        "not yet valid": (token(orgs, nbf=now + NOW_SLACK), "token not yet valid"),
        "tampered": (tampered(orgs), "signature does not verify"),
        "alg none": (unsigned(orgs), "algorithm 'none' is not accepted"),
        "wrong issuer": (token(orgs, iss="https://evil.test"), "another issuer"),
        "wrong audience": (token(orgs, aud="another-api"), "another audience"),
        "other secret": (
            jwt.encode(claims(orgs), "x" * 40, algorithm="HS256"),
            "signature does not verify",
        ),
        "garbage": ("not-a-token", "malformed token"),
    }
