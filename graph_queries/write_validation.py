"""The rules one write must satisfy, checked on what it touches instead of the whole organization.

The stored organization satisfies every rule (each import and each write is checked before it
lands), so a write can only break a rule that involves what it changes:

- the entity written: its fields and the entities it references (:func:`validation.check_entity`
  over just those);
- a unit's new parent or a leader's new manager: a cycle, which must run through the entity, so
  the chain from the new parent up to a root is all :func:`validation.cycles` needs;
- a tie's new leaders or kind: a tie between the same two leaders with the same kind (in the
  same direction, for a directed kind);
- a dependency's new units: the conflicts that name it must still link the same units;
- a deletion: nothing may still point at the entity.

For each write, :func:`upsert_read` / :func:`delete_read` say what to read (a `LocalRead`, read
by a store in one transaction) and :func:`upsert_errors` / :func:`delete_errors` give exactly the
errors ``validate_snapshot`` gives for the organization after the write, when the written entity
is held after the others of its kind (as a store holds a row just written), with the same paths
and messages (``tests/test_write_validation.py`` checks this on generated organizations).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from graph_queries.errors import ErrorCode, FieldError
from graph_queries.model import (
    KINDS,
    Conflict,
    Dependency,
    Entity,
    EntityKind,
    Leader,
    Organization,
    OrgSnapshot,
    Tie,
    Unit,
    kind_of,
)
from graph_queries.stores.local_reads import Chain, LocalRead, LocalView
from graph_queries.stores.port import Relation
from graph_queries.tie_kinds import duplicate_tie, tie_key
from graph_queries.validation import check_entity, cycles, dependency_mismatch


@dataclass(frozen=True, slots=True)
class Referrers:
    """Entities of `collection` that point at a key through one of `relations`; their paths
    end in `field` (empty when either of two fields may hold the reference)."""

    relations: tuple[Relation, ...]
    collection: str
    field: str


# What points at an entity of each kind, in the order `validation.references_to` lists it.
REFERRERS: dict[EntityKind, tuple[Referrers, ...]] = {
    EntityKind.UNIT: (
        Referrers((Relation.UNIT_CHILDREN,), "units", ".parentId"),
        Referrers((Relation.UNIT_MEMBERS,), "leaders", ".unitId"),
        Referrers((Relation.UNIT_DEPENDS_ON, Relation.UNIT_DEPENDED_ON_BY), "dependencies", ""),
        Referrers((Relation.UNIT_CONFLICTS,), "conflicts", ""),
    ),
    EntityKind.LEADER: (
        Referrers((Relation.LEADER_REPORTS,), "leaders", ".reportsToId"),
        Referrers((Relation.LEADER_OWNED_DEPENDENCIES,), "dependencies", ".ownerIds"),
        Referrers((Relation.LEADER_TIES,), "ties", ""),
    ),
    EntityKind.DEPENDENCY: (
        Referrers((Relation.DEPENDENCY_CONFLICTS,), "conflicts", ".dependencyId"),
    ),
    EntityKind.CONFLICT: (),
    EntityKind.TIE: (),
}
SHOWN_REFERRERS = 5

# Only the entities' tables are read from the partial organization the checks run on.
_NOBODY = Organization("", "")


def references(entity: Entity) -> list[tuple[EntityKind, str]]:
    """Every entity `entity` points at (self-references aside, which need no lookup)."""
    if isinstance(entity, Unit):
        parent = entity.parent_id
        return [] if parent is None or parent == entity.id else [(EntityKind.UNIT, parent)]
    if isinstance(entity, Leader):
        found = [(EntityKind.UNIT, entity.unit_id)]
        manager = entity.reports_to_id
        if manager is not None and manager != entity.id:
            found.append((EntityKind.LEADER, manager))
        return found
    if isinstance(entity, Dependency):
        units = [(EntityKind.UNIT, entity.from_unit_id), (EntityKind.UNIT, entity.to_unit_id)]
        return units + [(EntityKind.LEADER, owner) for owner in entity.owner_ids]
    if isinstance(entity, Conflict):
        found = [(EntityKind.UNIT, entity.unit_a_id), (EntityKind.UNIT, entity.unit_b_id)]
        if entity.dependency_id is not None:
            found.append((EntityKind.DEPENDENCY, entity.dependency_id))
        return found
    return [(EntityKind.LEADER, entity.leader_a_id), (EntityKind.LEADER, entity.leader_b_id)]


def _new_parent(entity: Entity, previous: Entity | None) -> tuple[Chain, str] | None:
    """The chain to follow when an update gives a unit a new parent or a leader a new manager.

    A created entity closes no cycle: nothing can point at an id that did not exist.
    """
    if isinstance(entity, Unit) and isinstance(previous, Unit):
        parent, chain = entity.parent_id, Chain.UNIT_PARENTS
        moved = parent != previous.parent_id
    elif isinstance(entity, Leader) and isinstance(previous, Leader):
        parent, chain = entity.reports_to_id, Chain.LEADER_MANAGERS
        moved = parent != previous.reports_to_id
    else:
        return None
    if not moved or parent is None or parent == entity.id:
        return None
    return chain, parent


def _tie_pair(entity: Entity, previous: Entity | None) -> tuple[str, str] | None:
    """The leaders whose ties a new tie, or a tie given new leaders, direction or kind, could
    repeat. Whether its kind is directed is read with the ties, so any change of ends reads."""
    if not isinstance(entity, Tie):
        return None
    if isinstance(previous, Tie) and _ends(previous) == _ends(entity):
        return None
    return entity.leader_a_id, entity.leader_b_id


def _ends(tie: Tie) -> tuple[str, str, str | None]:
    return tie.leader_a_id, tie.leader_b_id, tie.kind


def _moves_ends(entity: Entity, previous: Entity | None) -> bool:
    """An update of a dependency's units, which its conflicts must still link."""
    return (
        isinstance(entity, Dependency)
        and isinstance(previous, Dependency)
        and {entity.from_unit_id, entity.to_unit_id} != {previous.from_unit_id, previous.to_unit_id}
    )


def upsert_read(entity: Entity, previous: Entity | None) -> LocalRead:
    """What to read to check writing `entity`; `previous` is its stored version (None: create)."""
    ids = references(entity)
    if previous is None:
        ids.append((kind_of(entity), entity.id))  # an existing id is refused
    chain = _new_parent(entity, previous)
    pair = _tie_pair(entity, previous)
    return LocalRead(
        declarations=isinstance(entity, Unit | Leader) and bool(entity.attributes),
        ids=tuple(dict.fromkeys(ids)),
        chains=() if chain is None else (chain,),
        referrers=((Relation.DEPENDENCY_CONFLICTS, entity.id),)
        if _moves_ends(entity, previous)
        else (),
        tie_pairs=() if pair is None else (pair,),
    )


def upsert_errors(entity: Entity, previous: Entity | None, view: LocalView) -> list[FieldError]:
    """Every rule broken by writing `entity`, read with `upsert_read(entity, previous)`."""
    around = OrgSnapshot(_NOBODY, attributes=view.attributes)
    for (kind, id), found in view.entities.items():
        around.table(kind)[id] = found
    around.table(kind_of(entity))[entity.id] = entity
    errors = check_entity(entity, around)
    pair = _tie_pair(entity, previous)
    if isinstance(entity, Tie) and pair is not None:
        directed = view.directed_kinds
        key = tie_key(entity, directed)
        repeated = [
            t.id for t in view.tie_pairs[pair] if t.id != entity.id and tie_key(t, directed) == key
        ]
        if repeated:
            errors.append(duplicate_tie(entity, repeated[0], directed))
    if isinstance(entity, Dependency) and _moves_ends(entity, previous):
        for conflict in view.referrers[Relation.DEPENDENCY_CONFLICTS, entity.id]:
            errors += dependency_mismatch(cast(Conflict, conflict), entity)
    chain = _new_parent(entity, previous)
    if chain is not None:
        errors += _cycle(entity, view.chains[chain])
    return errors


def _cycle(entity: Entity, chain: tuple[str, ...]) -> list[FieldError]:
    """The cycle through `entity`, if its new parent's chain up to a root meets it again."""
    if entity.id not in chain:
        return []
    parent_of: dict[str, str | None] = dict(zip(chain, [*chain[1:], None], strict=True))
    if isinstance(entity, Unit):
        parent_of[entity.id] = entity.parent_id
        return cycles("units", "parentId", parent_of)
    parent_of[entity.id] = cast(Leader, entity).reports_to_id
    return cycles("leaders", "reportsToId", parent_of)


def delete_read(kind: EntityKind, id: str) -> LocalRead:
    """What to read to check deleting an entity: itself, and whatever points at it."""
    relations = [relation for group in REFERRERS[kind] for relation in group.relations]
    return LocalRead(ids=((kind, id),), referrers=tuple((r, id) for r in relations))


def referrer_paths(kind: EntityKind, id: str, view: LocalView) -> list[str]:
    """The paths of the fields that point at the entity, read with `delete_read(kind, id)`;
    like ``validation.references_to``, with each group ordered by id."""
    paths: list[str] = []
    for group in REFERRERS[kind]:
        found: Iterable[Entity] = (e for r in group.relations for e in view.referrers[r, id])
        ids = sorted({entity.id for entity in found})
        paths += [f"{group.collection}[{referrer}]{group.field}" for referrer in ids]
    return paths


def in_use(kind: EntityKind, id: str, paths: list[str]) -> FieldError:
    """Deleting an entity that `paths` still point at is refused, naming the first few."""
    shown = ", ".join(paths[:SHOWN_REFERRERS])
    if len(paths) > SHOWN_REFERRERS:
        shown += f" and {len(paths) - SHOWN_REFERRERS} more"
    return FieldError(
        "id", ErrorCode.IN_USE, f"{KINDS[kind].type_name} {id!r} is still referenced by {shown}"
    )


def delete_errors(kind: EntityKind, id: str, view: LocalView) -> list[FieldError]:
    paths = referrer_paths(kind, id, view)
    return [in_use(kind, id, paths)] if paths else []
