"""The check of UNSILO_OTLP_ENDPOINT, apart from service/tracing.py so that reading the settings
never loads OpenTelemetry."""

from __future__ import annotations

from urllib.parse import urlsplit


def otlp_endpoint(value: str) -> str:
    """Empty (tracing off) or an http:// or https:// URL with a host."""
    if not value:
        return value
    try:
        parts = urlsplit(value)
        # `port` raises ValueError for a port that is not a number from 0 to 65535.
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:
        valid = False
    if not valid or any(character.isspace() for character in value):
        raise ValueError("must be an http:// or https:// URL")
    return value
