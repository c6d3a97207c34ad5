"""`unsilo`: serve the API, import and export organizations, analyze them without a server,
generate realistic ones, write the manifest of persisted operations."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.errors import StoreUnavailable, UnsiloError, ValidationFailed
from graph_queries.formats.files import read_organization, write_organization
from graph_queries.generator import generate_organization
from graph_queries.hierarchy_check import hierarchy_warnings
from graph_queries.model import KINDS, OrgSnapshot
from graph_queries.stores.port import Store
from service.analyze_command import add_analyze_parser, analyze_command, usage_error
from service.authentication import Authenticator
from service.key_command import add_create_key_parser, create_key_command
from service.logs import configure_logging, log_format
from service.metadata_command import add_import_metadata_parser, import_metadata
from service.network_command import add_import_network_parser, import_network
from service.persisted_command import add_persisted_queries_parser, persisted_queries_command
from service.persisted_queries import PersistedQueries
from service.settings import Settings, SettingsError
from service.stores import open_store
from service.survey_command import add_import_survey_parser, import_survey

DEMO_LEADERS = 100
APP_FACTORY = "service.app:app_from_environment"
SHUTDOWN_GRACE_SECONDS = 5


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        message = f"unrecognized arguments: {' '.join(unknown)}"
        if args.command == "analyze":
            usage_error(message)  # one line, as its other mistakes
        parser.error(message)
    try:
        settings = Settings.from_env().with_overrides(
            store=args.store,
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
            workers=getattr(args, "workers", None),
        )
    except SettingsError as error:
        print(f"unsilo: invalid setting: {error}", file=sys.stderr)
        return 2
    log_config = configure_logging(
        settings.log_level, log_format(settings.mode, settings.log_format)
    )
    try:
        if args.command == "serve":
            return _serve(settings, demo=args.demo, log_config=log_config)
        if args.command == "create-key":
            return create_key_command(settings, args)
        if args.command == "compile-kernels":
            return _compile_kernels()
        if args.command == "persisted-queries":
            return persisted_queries_command(settings, args)
        if args.command == "analyze":
            return analyze_command(settings, args)
        return asyncio.run(_run_offline(settings, args))
    except SettingsError as error:
        print(f"unsilo: invalid setting: {error}", file=sys.stderr)
        return 2
    except ValidationFailed as failure:
        print(f"unsilo: {len(failure.errors)} problem(s), nothing was changed:", file=sys.stderr)
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="unsilo", description=__doc__)
    parser.add_argument("--store", help="store URI (default: UNSILO_STORE or sqlite:data/...)")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the GraphQL API")
    serve.add_argument("--demo", action="store_true", help="load the demo organization first")
    serve.add_argument("--host")
    serve.add_argument("--port")
    serve.add_argument("--workers", help="server processes (default: UNSILO_WORKERS or 1)")

    load = sub.add_parser("import", help="import an organization (JSON file or CSV folder)")
    load.add_argument("path", type=Path)
    load.add_argument("--replace", action="store_true", help="overwrite an existing one")

    dump = sub.add_parser("export", help="export an organization (path.json or a folder)")
    dump.add_argument("path", type=Path)
    dump.add_argument("--organization", help="its id; may be left out when there is only one")

    add_analyze_parser(sub)
    add_create_key_parser(sub)
    add_import_metadata_parser(sub)
    add_import_network_parser(sub)
    add_import_survey_parser(sub)
    add_persisted_queries_parser(sub)
    sub.add_parser("migrate", help="create the store's constraints and indexes (idempotent)")
    sub.add_parser(
        "compile-kernels",
        help="compile the analyses' kernels into the numba cache now, not at the first analysis",
    )

    generate = sub.add_parser("generate", help="generate a realistic organization")
    generate.add_argument("--leaders", type=int, default=DEMO_LEADERS)
    generate.add_argument("--seed", type=int, default=7)
    generate.add_argument("--organization", default="demo", help="id of the organization")
    generate.add_argument(
        "--output", type=Path, help="write it here (path.json or a folder) instead of importing"
    )
    generate.add_argument("--replace", action="store_true", help="overwrite an existing one")
    return parser


def _serve(settings: Settings, demo: bool, log_config: dict[str, Any]) -> int:
    import uvicorn

    # Refused here, before the demo is loaded, with the same message the app gives.
    settings.check_serving()
    Authenticator(settings)  # a broken key file or JWKS file stops start-up here, named
    PersistedQueries(settings)  # and so does a broken manifest of persisted operations
    if demo:
        asyncio.run(load_demo(settings))
    elif settings.workers > 1:
        # Once here, so that the workers starting together do not all set the schema up at once.
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
        # WebSocket messages (subscriptions) are bounded as request bodies are; uncompressed,
        # so that a small compressed frame cannot unfold into a large one.
        "ws_max_size": settings.max_body_bytes,
        "ws_per_message_deflate": False,
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
    print(f"{len(compiled)} kernels compiled and cached ({where})")
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


async def load_demo(settings: Settings) -> None:
    store = open_store(settings)
    try:
        await store.migrate()
        demo = generate_organization(leaders=DEMO_LEADERS)
        existing = await store.organizations_by_id(ANONYMOUS, [demo.organization.id])
        if not settings.development and existing[0] is not None:
            # In production `demo` may be someone's data by now: never overwritten.
            print(
                f"unsilo: organization {demo.organization.id!r} exists; production mode leaves "
                "it as it is (--demo skipped)",
                file=sys.stderr,
            )
            return
        await commands.import_organization(store, ANONYMOUS, demo, replace=True)
    finally:
        await store.close()


async def _run_offline(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "generate" and args.output is not None:
        snapshot = generate_organization(
            leaders=args.leaders, seed=args.seed, organization_id=args.organization
        )
        write_organization(snapshot, args.output)
        print(f"wrote {_describe(snapshot)} to {args.output}")
        return 0
    store = open_store(settings)
    try:
        await store.migrate()
        if args.command == "migrate":
            print("store schema is ready")
        elif args.command == "import":
            snapshot = read_organization(args.path)
            version = await commands.import_organization(
                store, ANONYMOUS, snapshot, args.replace, validated=True
            )
            print(f"imported {_describe(snapshot)} (graph version {version})")
            for warning in hierarchy_warnings(snapshot):  # imported all the same
                print(
                    f"warning: {warning.code}: {warning.path}: {warning.message}", file=sys.stderr
                )
        elif args.command == "generate":
            snapshot = generate_organization(
                leaders=args.leaders, seed=args.seed, organization_id=args.organization
            )
            version = await commands.import_organization(store, ANONYMOUS, snapshot, args.replace)
            print(f"generated {_describe(snapshot)} (graph version {version})")
        elif args.command == "import-metadata":
            return await import_metadata(store, args)
        elif args.command == "import-network":
            return await import_network(store, args)
        elif args.command == "import-survey":
            return await import_survey(store, args)
        elif args.command == "export":
            organization_id = args.organization or await _only_organization(store)
            snapshot = await store.snapshot(ANONYMOUS, organization_id)
            write_organization(snapshot, args.path)
            print(f"exported {_describe(snapshot)} to {args.path}")
        return 0
    finally:
        await store.close()


async def _only_organization(store: Store) -> str:
    organizations = await store.organizations(ANONYMOUS)
    if len(organizations) != 1:
        ids = ", ".join(org.id for org in organizations) or "none"
        raise SettingsError(f"--organization is required; the store holds: {ids}")
    return organizations[0].id


def _describe(snapshot: OrgSnapshot) -> str:
    counts = ", ".join(f"{n} {KINDS[kind].collection}" for kind, n in snapshot.counts().items())
    return f"organization {snapshot.organization.id!r} ({counts})"


if __name__ == "__main__":
    sys.exit(main())
