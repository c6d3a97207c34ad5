"""`unsilo`: serve the API, import and export organizations, generate realistic ones, write the
manifest of persisted operations."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
from collections.abc import Sequence
from typing import Any

from graph_queries.errors import StoreNotFound, StoreUnavailable, UnsiloError, ValidationFailed
from service.analyze_command import analyze_command
from service.authentication import Authenticator
from service.cli_parser import DEMO_LEADERS, build_parser
from service.key_command import create_key_command
from service.logs import configure_logging, log_format
from service.persisted_command import persisted_queries_command
from service.persisted_queries import PersistedQueries
from service.settings import Settings, SettingsError
from service.store_commands import load_demo, run_store_command
from service.stores import open_store
from service.wording import counted

__all__ = ["DEMO_LEADERS", "load_demo", "main"]

APP_FACTORY = "service.app:app_from_environment"
SHUTDOWN_GRACE_SECONDS = 5
ONE_LINE_PROBLEMS = 3  # up to this many problems with a file are told on one line


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser(__doc__)[0].parse_args(argv)
    try:
        return _run(args)
    except SettingsError as error:
        print(f"unsilo: invalid setting: {error}", file=sys.stderr)
        return 2
    except StoreNotFound as missing:
        print(
            f"unsilo: no store at {missing.path} (create one with `unsilo import` or "
            "`unsilo generate`)",
            file=sys.stderr,
        )
        return 1
    except ValidationFailed as failure:
        if len(failure.errors) <= ONE_LINE_PROBLEMS:
            problems = "; ".join(str(problem) for problem in failure.errors)
            print(f"unsilo: nothing was changed: {problems}", file=sys.stderr)
            return 1
        # A file with many problems gets them all, one a line, to be fixed in one go.
        print(f"unsilo: {len(failure.errors)} problems, nothing was changed:", file=sys.stderr)
        for problem in failure.errors:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except UnsiloError as error:
        print(f"unsilo: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        # A file the command was pointed at: missing, unreadable, a folder... One line, no trace.
        where = f"{error.filename}: " if error.filename else ""
        print(f"unsilo: {where}{error.strerror or error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_env().with_overrides(
        store=args.store,
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        workers=getattr(args, "workers", None),
    )
    log_config = configure_logging(
        settings.log_level, log_format(settings.mode, settings.log_format)
    )
    if args.command == "serve":
        return _serve(settings, args, log_config=log_config)
    if args.command == "create-key":
        return create_key_command(settings, args)
    if args.command == "compile-kernels":
        return _compile_kernels()
    if args.command == "persisted-queries":
        return persisted_queries_command(settings, args)
    if args.command == "analyze":
        return analyze_command(settings, args)
    return asyncio.run(run_store_command(settings, args))


def _serve(settings: Settings, args: argparse.Namespace, log_config: dict[str, Any]) -> int:
    import uvicorn

    # Refused here, before the demo is loaded, with the same message the app gives.
    settings.check_serving()
    Authenticator(settings)  # a broken key file or JWKS file stops start-up here, named
    PersistedQueries(settings)  # and so does a broken manifest of persisted operations
    if args.demo:
        asyncio.run(load_demo(settings, reset=args.reset_demo))
    elif settings.workers > 1 or settings.store.startswith("sqlite:"):
        # Once here, so that the workers starting together do not all set the schema up at once;
        # and a SQLite file that cannot be opened stops start-up here, in one line.
        asyncio.run(_migrate(settings))
    # Every worker builds the app from these settings, command-line options included.
    os.environ.update(settings.to_environ())
    logging.getLogger("unsilo").info("serving http://%s:%s/graphql", settings.host, settings.port)
    options: dict[str, Any] = {
        "factory": True,
        "host": settings.host,
        "port": settings.port,
        "workers": settings.workers,
        "log_level": settings.log_level.lower(),
        # Each worker process applies it too (service/logs.py). No access log: it holds the
        # client's address; the service logs one line per GraphQL request instead.
        "log_config": log_config,
        "access_log": False,
        # On SIGTERM, requests still running after this many seconds are cancelled rather than
        # awaited (an analysis they started is dropped with the process: graph_queries/runner.py).
        "timeout_graceful_shutdown": SHUTDOWN_GRACE_SECONDS,
    }
    if settings.workers == 1:
        uvicorn.run(APP_FACTORY, **options)
        return 0
    from uvicorn.supervisors import Multiprocess

    # As uvicorn.run does for workers, but uvicorn binds with protocol 0, and asyncio sets
    # TCP_NODELAY only on IPPROTO_TCP sockets: every response then waited ~40 ms for the
    # client's delayed ACK. Accepted connections inherit the listening socket's option.
    config = uvicorn.Config(APP_FACTORY, **options)
    listening = config.bind_socket()
    if listening.family in (socket.AF_INET, socket.AF_INET6):
        listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[listening]).run()
    return 0


def _compile_kernels() -> int:
    from graph_queries.analyses.metrics import cached_kernels, compile_kernels

    print("compiling the analysis kernels (about 15 s on one core the first time)...", flush=True)
    compiled = compile_kernels()
    expected = len(cached_kernels())
    where = os.environ.get("NUMBA_CACHE_DIR") or "beside the installed modules"
    if len(compiled) < expected:
        print(
            f"unsilo: only {len(compiled)} of {expected} kernels could be cached: is {where} "
            "writable?",
            file=sys.stderr,
        )
        return 1
    print(f"{counted(len(compiled), 'kernel')} compiled and cached ({where})")
    return 0


async def _migrate(settings: Settings) -> None:
    store = open_store(settings)
    try:
        await store.migrate()
    except StoreUnavailable as error:
        # As when one process starts: /readyz tells, and each worker tries again.
        logging.getLogger("unsilo").warning("store schema not prepared: %s", error)
    finally:
        await store.close()


if __name__ == "__main__":
    sys.exit(main())
