"""The commands that work on the store offline: import, export, generate, migrate, and the demo
`serve --demo` loads. Long steps show progress on a terminal (service/progress.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from datetime import date

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.errors import UnsiloError
from graph_queries.formats.files import read_organization, write_organization
from graph_queries.generator import GENERATION_STEPS, generate_organization
from graph_queries.generator.history import thinned
from graph_queries.hierarchy_check import hierarchy_warnings
from graph_queries.model import KINDS, OrgSnapshot
from graph_queries.stores.port import Store
from service.cli_parser import DEMO_LEADERS, DEMO_NAME, DEMO_ORGANIZATION
from service.import_progress import import_with_progress
from service.metadata_command import import_metadata
from service.network_command import import_network
from service.progress import progress, status
from service.settings import Settings, SettingsError
from service.snapshot_command import capture, effective_date
from service.stores import open_store
from service.survey_command import import_survey
from service.wording import counted

# The effective dates of the demo's analysis snapshots: its last three quarters.
DEMO_HISTORY = (date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31))
# They change only an organization that is there: a missing store is an error, not created.
NEED_A_STORE = {"export", "import-metadata", "import-survey", "snapshot"}
# The other imports of files into an organization's graph, each then captured like `import`.
FILE_IMPORTS: dict[str, Callable[[Store, argparse.Namespace], Awaitable[int]]] = {
    "import-metadata": import_metadata,
    "import-network": import_network,
    "import-survey": import_survey,
}


async def run_store_command(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "generate" and args.output is not None:
        snapshot = _generate(args)
        with status(f"writing {args.output}"):
            write_organization(snapshot, args.output)
        print(f"wrote {describe(snapshot)} to {args.output}")
        return 0
    # Checked before anything is read or written: a bad date costs nothing.
    day = effective_date(getattr(args, "effective_date", None))
    store = open_store(settings, create=args.command not in NEED_A_STORE)
    try:
        if args.command != "export":  # export only reads: it prepares nothing
            await store.migrate()
        if args.command == "migrate":
            print("store schema is ready")
        elif args.command == "import":
            await capture_unless_told(store, settings, args, await _import(store, args), day)
        elif args.command == "snapshot":
            await capture(store, settings, args.organization, day)
        elif args.command == "generate":
            await refuse_existing(store, args.organization, args.replace)
            snapshot = _generate(args)
            version = await import_with_progress(store, snapshot, args.replace)
            print(f"generated {describe(snapshot)} (graph version {version})")
            await capture_unless_told(store, settings, args, args.organization, day)
        elif args.command in FILE_IMPORTS:
            await FILE_IMPORTS[args.command](store, args)
            await capture_unless_told(store, settings, args, args.organization, day)
        elif args.command == "export":
            await _export(store, args)
        return 0
    finally:
        await store.close()


async def capture_unless_told(
    store: Store, settings: Settings, args: argparse.Namespace, organization_id: str, day: date
) -> None:
    """Each import is a point of the organization's trends, at `--effective-date`, unless
    `--no-snapshot` (docs/analyses.md, "Trends")."""
    if not args.no_snapshot:
        await capture(store, settings, organization_id, day)


async def refuse_existing(store: Store, organization_id: str, replace: bool) -> None:
    """Told before any long work: the organization is there and --replace was not given."""
    if replace:
        return
    if (await store.organizations_by_id(ANONYMOUS, [organization_id]))[0] is not None:
        raise UnsiloError(f"organization {organization_id!r} exists; add --replace to overwrite it")


async def load_demo(settings: Settings, reset: bool = False) -> None:
    """The demo organization, made once: a restart keeps what a user changed in it unless
    `reset`. In production an existing `demo` may be someone's data, so it is never replaced."""
    store = open_store(settings)
    try:
        await store.migrate()
        existing = await store.organizations_by_id(ANONYMOUS, [DEMO_ORGANIZATION])
        if existing[0] is not None and not settings.development:
            print(
                f"unsilo: organization {DEMO_ORGANIZATION!r} exists; production mode leaves "
                "it as it is (--demo skipped)",
                file=sys.stderr,
            )
            return
        if existing[0] is not None and not reset:
            print(
                f"unsilo: keeping the demo organization {DEMO_ORGANIZATION!r} as it is "
                "(--reset-demo makes it anew)",
                file=sys.stderr,
            )
            return
        if existing[0] is not None:  # made anew: its old snapshots go with it
            await commands.delete_organization(store, ANONYMOUS, DEMO_ORGANIZATION)
        await _demo_with_history(store, settings)
    finally:
        await store.close()


async def _demo_with_history(store: Store, settings: Settings) -> None:
    """The demo as it is now, after two earlier states with fewer cross-unit ties, each kept
    as an analysis snapshot at its date: its trends show silos closing from the first run on."""
    from graph_queries.snapshots import capture_snapshot  # the analyses load networkx

    demo = generate_organization(leaders=DEMO_LEADERS)
    for wave, day in zip((2, 1, 0), DEMO_HISTORY, strict=True):
        await commands.import_organization(store, ANONYMOUS, thinned(demo, wave), replace=True)
        await capture_snapshot(
            store,
            ANONYMOUS,
            DEMO_ORGANIZATION,
            day,
            path_sample=settings.path_sample or None,
            keep=settings.snapshots_kept,
        )


def describe(snapshot: OrgSnapshot) -> str:
    counts = ", ".join(counted(n, KINDS[kind].name) for kind, n in snapshot.counts().items())
    return f"organization {snapshot.organization.id!r} ({counts})"


def _generate(args: argparse.Namespace) -> OrgSnapshot:
    default_name = DEMO_NAME if args.organization == DEMO_ORGANIZATION else args.organization
    with progress(f"generating {counted(args.leaders, 'leader')}", GENERATION_STEPS) as advance:
        return generate_organization(
            leaders=args.leaders,
            seed=args.seed,
            organization_id=args.organization,
            name=args.name or default_name,
            progress=advance,
        )


async def _import(store: Store, args: argparse.Namespace) -> str:
    with status(f"reading {args.path}"):
        snapshot = read_organization(args.path)
    await refuse_existing(store, snapshot.organization.id, args.replace)
    version = await import_with_progress(store, snapshot, args.replace, validated=True)
    print(f"imported {describe(snapshot)} (graph version {version})")
    for warning in hierarchy_warnings(snapshot):  # imported all the same
        print(f"warning: {warning.code}: {warning.path}: {warning.message}", file=sys.stderr)
    return snapshot.organization.id


async def _export(store: Store, args: argparse.Namespace) -> None:
    organization_id = args.organization or await _only_organization(store)
    with status(f"reading {organization_id!r}"):
        snapshot = await store.snapshot(ANONYMOUS, organization_id)
    with status(f"writing {args.path}"):
        write_organization(snapshot, args.path)
    print(f"exported {describe(snapshot)} to {args.path}")


async def _only_organization(store: Store) -> str:
    organizations = await store.organizations(ANONYMOUS)
    if len(organizations) != 1:
        ids = ", ".join(org.id for org in organizations) or "none"
        raise SettingsError(f"--organization is required; the store holds: {ids}")
    return organizations[0].id
