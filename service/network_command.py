"""`unsilo import-network`: GraphML, GEXF or edge lists with a node table as an organization."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from graph_queries.formats.network import NetworkMapping, read_network
from graph_queries.stores.port import Store
from service.import_progress import import_with_progress
from service.progress import status
from service.settings import SettingsError
from service.snapshot_command import add_capture_arguments
from service.wording import counted


def add_import_network_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "import-network",
        help="import a network file (.graphml, .gexf) or edge lists (.csv) as an organization",
    )
    parser.add_argument("paths", type=Path, nargs="+", help="one .graphml/.gexf, or edge CSVs")
    parser.add_argument("--organization", required=True, help="id of the organization")
    parser.add_argument("--name", help="its name (default: the id)")
    parser.add_argument("--nodes", type=Path, help="node table for edge lists: id, attributes")
    parser.add_argument("--unit", action="append", default=[], help="node attribute(s) of the unit")
    parser.add_argument("--level", help="node attribute holding the level")
    parser.add_argument(
        "--level-value", action="append", default=[], metavar="VALUE=LEVEL",
        help="read this value of --level as LEVEL (EXECUTIVE, SENIOR, MIDDLE, FRONTLINE)",
    )  # fmt: skip
    parser.add_argument("--reports-to", help="node attribute naming the manager's node")
    parser.add_argument(
        "--directed", action="append", metavar="KIND",
        help="a tie kind whose edges are arcs (repeatable); default: as the file says",
    )  # fmt: skip
    parser.add_argument("--replace", action="store_true", help="overwrite an existing one")
    add_capture_arguments(parser)


async def import_network(store: Store, args: argparse.Namespace) -> int:
    levels = {}
    for pair in args.level_value:
        value, sep, level = pair.partition("=")
        if not sep:
            raise SettingsError(f"--level-value {pair!r}: must be VALUE=LEVEL")
        levels[value] = level
    mapping = NetworkMapping(
        organization_id=args.organization,
        organization_name=args.name or args.organization,
        unit=tuple(args.unit),
        level=args.level,
        levels=levels,
        reports_to=args.reports_to,
        directed=frozenset(args.directed) if args.directed else None,
    )
    with status(f"reading {', '.join(str(p) for p in args.paths)}"):
        snapshot, counts = read_network(args.paths, mapping, args.nodes)
    version = await import_with_progress(store, snapshot, args.replace)
    for reason, n in sorted(counts.items()):
        print(f"  {reason}: {n}")
    people, units = len(snapshot.leaders), len(snapshot.units)
    print(
        f"imported {args.organization!r}: {counted(people, 'person')} in "
        f"{counted(units, 'unit')} (version {version})"
    )
    return 0
