"""`unsilo persisted-queries`: the manifest of persisted operations (`UNSILO_PERSISTED_QUERIES`)
written from a client's `.graphql` / `.gql` files, or, with `--check`, compared with them.

Which text is hashed is said in `service.operation_documents`. The manifest is written whole or
not at all: to a temporary file beside it, read back as the service reads it (`load_manifest`),
then renamed over the old one, so that a service starting meanwhile reads one or the other.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from service.operation_documents import Limits, Operation, OperationProblems, read_operations
from service.persisted_queries import ManifestError, document_hash, load_manifest
from service.settings import Settings
from service.wording import counted

NEW_FILE_MODE = 0o644  # read by the service, which may run as another user


def add_persisted_queries_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "persisted-queries",
        help="write the manifest of persisted operations from .graphql/.gql files",
        description=(
            "Each operation becomes one document with the fragments it uses, printed as "
            "graphql-js print does; --as-written keeps each file's text exactly. Limits from "
            "UNSILO_MAX_QUERY_LENGTH and UNSILO_MAX_QUERY_TOKENS."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    parser.add_argument("--output", required=True, type=Path, help="the manifest (JSON)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare --output with the files instead of writing it; exit 1 on a difference",
    )
    parser.add_argument(
        "--as-written",
        action="store_true",
        help="one document per file, hashed exactly as written (the client sends the file)",
    )


def persisted_queries_command(settings: Settings, args: argparse.Namespace) -> int:
    from schema import schema  # the whole contract: loaded by this command only

    limits = Limits(settings.max_query_length, settings.max_query_tokens)
    try:
        operations = read_operations(args.paths, schema._schema, limits, as_written=args.as_written)
    except OperationProblems as failure:
        return _fail(failure.problems)
    manifest = {document_hash(op.document): op.document for op in operations}
    if args.check:
        return _check(args.output, manifest, operations, settings.max_query_length)
    try:
        _write(args.output, manifest, settings.max_query_length)
    except (OSError, ManifestError) as error:
        detail = error.strerror if isinstance(error, OSError) else str(error)
        return _fail([f"{args.output}: not written ({detail})"])
    print(f"wrote {counted(len(manifest), 'persisted operation')} to {args.output}")
    return 0


def _fail(problems: list[str]) -> int:
    for problem in problems:
        print(f"unsilo: {problem}", file=sys.stderr)
    return 1


def _write(output: Path, manifest: dict[str, str], max_query_length: int) -> None:
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        mode = output.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    folder = output.parent if str(output.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        load_manifest(temporary, max_query_length)  # what the service will accept, or why not
        os.replace(temporary, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _check(
    output: Path, expected: dict[str, str], operations: list[Operation], max_query_length: int
) -> int:
    try:
        actual = load_manifest(str(output), max_query_length)
    except ManifestError as error:
        return _fail([str(error)])
    where = {document_hash(op.document): op for op in operations}
    problems = [
        f"{where[key].where}: operation {where[key].label} is not in {output}"
        for key in sorted(expected.keys() - actual.keys())
    ]
    problems += [
        f"{output}: {key} ({_names(actual[key])}) is no operation of the files"
        for key in sorted(actual.keys() - expected.keys())
    ]
    if problems:
        problems.append(f"{output}: out of date; write it again without --check")
        return _fail(problems)
    print(f"{output} is current ({counted(len(actual), 'persisted operation')})")
    return 0


def _names(document: str) -> str:
    """The operation names of a manifest's document, for the message (no schema needed)."""
    from graphql import GraphQLSyntaxError, OperationDefinitionNode, parse

    try:
        parsed = parse(document, no_location=True)
    except GraphQLSyntaxError:
        return "not GraphQL"
    names = [
        definition.name.value if definition.name else "(anonymous)"
        for definition in parsed.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
    return "operation " + ", ".join(names) if names else "no operation"
