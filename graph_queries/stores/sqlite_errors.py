"""Which SQLite errors are the request's fault and which are an outage."""

from __future__ import annotations

import sqlite3

from graph_queries.errors import InputRejected, StoreUnavailable, UnsiloError

# SQLite limits that a request's own values reach (a LIKE pattern over 50,000 bytes, a string
# over its maximum length): the same request fails again every time, so they are no outage.
INPUT_LIMITS = ("pattern too complex", "too big", "too many sql variables", "too large")


def store_error(error: sqlite3.DataError | sqlite3.OperationalError, path: str) -> UnsiloError:
    message = str(error)
    if isinstance(error, sqlite3.DataError) or any(
        limit in message.lower() for limit in INPUT_LIMITS
    ):
        return InputRejected(f"the store refused the input: {message}")
    return StoreUnavailable(f"SQLite store at {path}: {message}")
