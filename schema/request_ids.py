"""The id of the request being answered: in a response header, in every error's
`extensions.requestId`, and in the server's log lines about it."""

from __future__ import annotations

import secrets
from contextvars import ContextVar

REQUEST_ID_HEADER = "x-request-id"

current_request_id: ContextVar[str | None] = ContextVar("unsilo_request_id", default=None)


def new_request_id() -> str:
    return secrets.token_hex(8)
