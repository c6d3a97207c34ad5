"""The process's logging: one line per event, JSON or text, each with the request's id.

What is logged never holds query text, variables, tokens or client addresses: the request line
names the operation (as its metric label), the status, the time and the error codes only, and
uvicorn's access log (which holds the client's address) is off.
"""

from __future__ import annotations

import logging
import logging.config
from typing import Any

from schema.request_ids import current_request_id

JSON_FIELDS = ["asctime", "levelname", "name", "message", "request_id"]
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
# Codes a client causes (or a limit refuses): not the service's failures.
SERVICE_FAILURES = frozenset({"INTERNAL", "STORE_UNAVAILABLE", "TIMEOUT"})

request_log = logging.getLogger("unsilo.requests")


class RequestId(logging.Filter):
    """Adds `request_id` (the request being answered, or None) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


def json_formatter() -> logging.Formatter:
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(JSON_FIELDS, rename_fields={"levelname": "level", "asctime": "time"})


def log_format(mode: str, chosen: str) -> str:
    """`auto`: JSON in production, text in development."""
    if chosen != "auto":
        return chosen
    return "text" if mode == "development" else "json"


def log_config(level: str, form: str) -> dict[str, Any]:
    """A `logging.config.dictConfig` for the whole process, uvicorn's loggers included (uvicorn
    applies it in each worker process)."""
    formatter: dict[str, Any] = (
        {"()": "service.logs.json_formatter"} if form == "json" else {"format": TEXT_FORMAT}
    )
    quiet = {"level": "CRITICAL", "propagate": False, "handlers": []}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "service.logs.RequestId"}},
        "formatters": {"unsilo": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "unsilo",
                "filters": ["request_id"],
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "uvicorn": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.error": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.access": quiet,
            # strawberry logs every refused document at ERROR with a traceback; the service
            # logs what matters itself (schema/errors.py, and the request line below).
            "strawberry.execution": quiet,
        },
    }


def configure_logging(level: str, form: str) -> dict[str, Any]:
    config = log_config(level, form)
    logging.config.dictConfig(config)
    return config


def log_request(status: int, operation: str, seconds: float, codes: list[str]) -> None:
    """One line per GraphQL request: client mistakes at INFO, the service's own failures at
    WARNING (an unexpected error was already logged at ERROR with its stack trace)."""
    failed = status >= 500 or any(code in SERVICE_FAILURES for code in codes)
    request_log.log(
        logging.WARNING if failed else logging.INFO,
        "graphql %s %d in %.1f ms %s",
        operation,
        status,
        seconds * 1000,
        ",".join(codes) or "ok",
        extra={
            "status": status,
            "operation": operation,
            "duration_ms": round(seconds * 1000, 3),
            "error_codes": codes,
        },
    )


audit_log = logging.getLogger("unsilo.audit")


def log_export(
    caller: str, organization: str, file: str, version: int | None, status: int, size: int
) -> None:
    """One audit line per export download (who, which organization, file and graph version):
    the files hold who works with whom, so each one that leaves is on record. Refusals too."""
    audit_log.info(
        "export %s of %r v%s for %s: %d, %d bytes",
        file,
        organization,
        version if version is not None else "-",
        caller,
        status,
        size,
        extra={
            "event": "export",
            "caller": caller,
            "organization": organization,
            "file": file,
            "graph_version": version,
            "status": status,
            "bytes": size,
        },
    )
