"""Where an organization comes from: a file or folder `unsilo import` reads, a store, network files
as `unsilo import-network` reads them, or a snapshot already in memory.

Every loader reads through the same function its command uses (`read_organization`,
`read_snapshot`, `read_network`), so a notebook and the command line see the same organization,
and a mistake is the same typed error: `ValidationFailed` listing each `FieldError` (the file,
line and field), `StoreNotFound` for a store that does not exist (nothing is created), `NotFound`
for an organization the store lacks, `SettingsError` naming a bad store URI or setting.

The privacy floor of the analyses (docs/security.md#privacy-floor) is fixed at loading from the
settings, `UNSILO_PRIVACY_MIN_GROUP` and `UNSILO_PRIVACY_MIN_GROUP_METADATA` by default, as
`unsilo analyze` fixes it.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from graph_queries.formats.files import read_organization
from graph_queries.formats.network import NetworkMapping, read_network
from graph_queries.model import OrgSnapshot
from graph_queries.privacy_floor import min_group_for
from service.setting_problems import SettingsError, report
from service.settings import Settings
from service.stores import read_snapshot
from unsilo.organization import Organization

PathLike = str | os.PathLike[str]


def load(path: PathLike, *, settings: Settings | None = None) -> Organization:
    """The organization in a ``.json`` document or a folder of CSV files (docs/data-format.md).

    `settings` default to the process's environment (`Settings.from_env()`), which sets the
    privacy floor. Raises `ValidationFailed` naming the path when it is neither, and every
    problem of the file (with its line and field) when it does not validate.
    """
    return from_snapshot(read_organization(Path(path)), settings=settings)


def load_store(
    store: str | None = None, *, organization: str, settings: Settings | None = None
) -> Organization:
    """One organization read from a store, read only (a missing SQLite file is refused, never
    created): `store` is ``sqlite:PATH`` or a Neo4j URI (``neo4j://host:7687``), the user and
    password coming from `UNSILO_NEO4J_USER` / `UNSILO_NEO4J_PASSWORD` so that no password sits in
    a notebook; None: `UNSILO_STORE`, else the per-user store, as every command.
    """
    chosen = chosen_settings(settings, store)
    return from_snapshot(read_snapshot(chosen, organization), settings=chosen)


def chosen_settings(settings: Settings | None, store: str | None) -> Settings:
    """`settings` (None: the environment's) with `store` in place of theirs when given."""
    chosen = _settings(settings)
    if store is None:
        return chosen
    try:
        return Settings(**{**chosen.model_dump(), "store": store})
    except SettingsError as error:
        # Named as the argument of this function, not as the command's --store.
        raise SettingsError(report(error.problems, str), error.problems) from None


def load_network(
    paths: PathLike | Sequence[PathLike],
    *,
    organization: str,
    name: str | None = None,
    nodes: PathLike | None = None,
    unit: Sequence[str] = (),
    level: str | None = None,
    levels: Mapping[str, str] | None = None,
    reports_to: str | None = None,
    directed: Collection[str] | None = None,
    settings: Settings | None = None,
) -> Organization:
    """A GraphML or GEXF file, or edge-list CSV files with a `nodes` table, as
    `unsilo import-network` reads them (the same arguments, the same rules: docs/data-format.md).

    `unit` names the node attributes that make a leader's unit (joined), `level` the one holding
    the level, `levels` reads its values as level names (``{"1": "EXECUTIVE"}``), `reports_to`
    the one naming the manager, `directed` the tie kinds whose edges are arcs (None: as the file
    says).
    """
    files = [Path(paths)] if isinstance(paths, str | os.PathLike) else [Path(p) for p in paths]
    mapping = NetworkMapping(
        organization_id=organization,
        organization_name=name or organization,
        unit=tuple(unit),
        level=level,
        levels=dict(levels or {}),
        reports_to=reports_to,
        directed=frozenset(directed) if directed is not None else None,
    )
    snapshot, _counts = read_network(files, mapping, Path(nodes) if nodes is not None else None)
    return from_snapshot(snapshot, settings=settings)


def from_snapshot(snapshot: OrgSnapshot, *, settings: Settings | None = None) -> Organization:
    """An organization already read (`graph_queries.model.OrgSnapshot`), for the analyses."""
    chosen = _settings(settings)
    floor = min_group_for(
        [kind.name for kind in snapshot.tie_kinds],
        chosen.privacy_min_group,
        chosen.privacy_min_group_metadata,
    )
    return Organization(snapshot, min_group=floor)


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else Settings.from_env()
