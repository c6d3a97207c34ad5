"""The `unsilo` command line: its subcommands, their options and the defaults `--help` shows.

Global options (`--store`) are accepted before or after the subcommand: every subparser shares
them through a parent parser whose copies default to SUPPRESS, so a value given after the
subcommand wins and one given before is not overwritten by the subparser's default.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from service.analyze_command import add_analyze_parser
from service.argument_types import positive_int
from service.key_command import add_create_key_parser
from service.metadata_command import add_import_metadata_parser
from service.network_command import add_import_network_parser
from service.persisted_command import add_persisted_queries_parser
from service.settings import default_store
from service.snapshot_command import add_capture_arguments, add_snapshot_parser
from service.survey_command import add_import_survey_parser

DEMO_LEADERS = 100
DEMO_ORGANIZATION = "demo"
DEMO_NAME = "Demo Manufacturing Group"


class DefaultsHelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's default in `--help`: the value, "not set", or what its help says."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "default:" in text or action.default is argparse.SUPPRESS or action.required:
            return text
        if action.default is None or action.default == []:
            return f"{text} (default: not set)".strip() if action.option_strings else text
        return super()._get_help_string(action) or ""


def global_options(store_default: str | None) -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--store",
        default=store_default,
        metavar="URI",
        help=f"sqlite:PATH or a Neo4j URI (default: UNSILO_STORE, else sqlite:{default_store()})",
    )
    return shared


class Subcommands:
    """`add_parser` as argparse's, with the shared global options and the defaults formatter."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._action = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
        self._shared = global_options(argparse.SUPPRESS)

    def add_parser(self, name: str, **options: Any) -> argparse.ArgumentParser:
        options.setdefault("formatter_class", DefaultsHelpFormatter)
        parser: argparse.ArgumentParser = self._action.add_parser(
            name, parents=[self._shared], **options
        )
        return parser

    @property
    def choices(self) -> dict[str, argparse.ArgumentParser]:
        return dict(self._action.choices)


def build_parser(description: str | None = None) -> tuple[argparse.ArgumentParser, Subcommands]:
    parser = argparse.ArgumentParser(
        prog="unsilo",
        description=description,
        parents=[global_options(None)],
        formatter_class=DefaultsHelpFormatter,
    )
    sub = Subcommands(parser)
    serve = sub.add_parser("serve", help="serve the GraphQL API")
    serve.add_argument("--demo", action="store_true", help="load the demo organization first")
    serve.add_argument(
        "--reset-demo", action="store_true", help="with --demo: make it anew, dropping changes"
    )
    serve.add_argument("--host", help="(default: UNSILO_HOST, else 127.0.0.1)")
    serve.add_argument("--port", help="(default: UNSILO_PORT, else 8000)")
    serve.add_argument("--workers", help="server processes (default: UNSILO_WORKERS, else 1)")

    load = sub.add_parser("import", help="import an organization (JSON file or CSV folder)")
    load.add_argument("path", type=Path, help="org.json or a folder of CSV files")
    load.add_argument("--replace", action="store_true", help="overwrite an existing one")
    add_capture_arguments(load)

    dump = sub.add_parser("export", help="export an organization (path.json or a folder)")
    dump.add_argument("path", type=Path, help="org.json, or a folder for CSV files")
    dump.add_argument(
        "--organization", help="its id (default: the only one, when the store holds one)"
    )

    add_analyze_parser(sub)
    add_create_key_parser(sub)
    add_import_metadata_parser(sub)
    add_import_network_parser(sub)
    add_import_survey_parser(sub)
    add_persisted_queries_parser(sub)
    add_snapshot_parser(sub)
    sub.add_parser("migrate", help="create the store's constraints and indexes (idempotent)")
    sub.add_parser(
        "compile-kernels",
        help="compile the analyses' kernels into the numba cache now, not at the first analysis",
    )

    generate = sub.add_parser("generate", help="generate a realistic organization")
    generate.add_argument(
        "--leaders", type=positive_int, default=DEMO_LEADERS, help="how many people it has"
    )
    generate.add_argument(
        "--seed", type=int, default=7, help="the same seed, the same organization"
    )
    generate.add_argument("--organization", default=DEMO_ORGANIZATION, help="its id")
    generate.add_argument(
        "--name", help=f"its name (default: {DEMO_NAME!r} for the id demo, else the id)"
    )
    generate.add_argument(
        "--output", type=Path, help="write it here (path.json or a folder) instead of importing"
    )
    generate.add_argument("--replace", action="store_true", help="overwrite an existing one")
    add_capture_arguments(generate)
    return parser, sub
