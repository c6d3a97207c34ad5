"""A `LocalView` answered from an organization held in memory instead of a store.

The rules of a single write (`write_validation`) run on what a store reads for it; answering
the same `LocalRead` from an `OrgSnapshot` lets a simulated change be checked by exactly those
rules, with the same paths and messages, without a store. Each read scans the tables it needs,
which for the few changes of a simulation costs less than indexing the organization first.
"""

from __future__ import annotations

from typing import Any, cast

from graph_queries.model import Entity, OrgSnapshot
from graph_queries.natural_order import natural_sorted
from graph_queries.stores.local_reads import CHAINS, LocalRead, LocalView, walk_chain
from graph_queries.stores.port import RELATIONS, Relation

__all__ = ["snapshot_view"]


def snapshot_view(snapshot: OrgSnapshot, read: LocalRead) -> LocalView:
    """What a store would answer to `read` for an organization holding `snapshot`."""
    view = LocalView(snapshot.version)
    for kind, id in read.ids:
        entity = snapshot.table(kind).get(id)
        if entity is not None:
            view.entities[kind, id] = entity
    for chain, start in read.chains:
        info = CHAINS[chain]
        table = snapshot.table(info.kind)
        parent_of = {id: cast(str | None, getattr(e, info.field)) for id, e in table.items()}
        view.chains[chain, start] = walk_chain(start, parent_of)
    for relation, key in read.referrers:
        view.referrers[relation, key] = _referrers(snapshot, relation, key)
    if read.tie_pairs or read.declarations:
        view.directed_kinds = snapshot.directed_kinds()
        view.attributes = snapshot.attributes
    for a, b in read.tie_pairs:
        ends = {(a, b), (b, a)}
        ties = {t.id: t for t in snapshot.ties.values() if (t.leader_a_id, t.leader_b_id) in ends}
        view.tie_pairs[a, b] = [ties[id] for id in natural_sorted(ties)]
    return view


def _referrers(snapshot: OrgSnapshot, relation: Relation, key: str) -> list[Entity]:
    """The entities holding `key` in one of the relation's fields, in natural order of ids."""
    info = RELATIONS[relation]
    found: dict[str, Entity] = {}
    for entity in snapshot.table(info.kind).values():
        for name in info.fields:
            value: Any = getattr(entity, name)
            if value == key or (isinstance(value, tuple) and key in value):
                found[entity.id] = entity
    return [found[id] for id in natural_sorted(found)]
