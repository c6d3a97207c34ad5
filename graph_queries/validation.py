"""Rules a whole organization must satisfy, checked in one pass before anything is stored.

Every import calls :func:`validate_snapshot` on the whole organization; only an organization
with no errors reaches a store. A single write is checked by ``write_validation`` with the same
rules, run over what it touches (:func:`check_entity`, ``tie_kinds.duplicate_tie``,
:func:`dependency_mismatch`, :func:`cycles`), and ``validate_snapshot`` is its reference. Paths
name the entity by its id: ``leaders[l7].reportsToId``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from graph_queries.attributes import check_declarations, check_values, declared
from graph_queries.errors import ErrorCode, FieldError
from graph_queries.model import (
    RESOLVED_STATUSES,
    UNRESOLVED_STATUSES,
    Conflict,
    Dependency,
    Entity,
    EntityKind,
    Leader,
    Organization,
    OrgSnapshot,
    Tie,
    TieKind,
    Unit,
)
from graph_queries.tie_kinds import (
    MAX_TIE_KIND,
    MAX_TIE_KINDS,
    TieKey,
    duplicate_tie,
    tie_key,
    tie_kind_label,
)

# Matched against the whole id (`fullmatch`): `$` would also accept a trailing newline.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
# Control characters other than tab and newline: a NUL cuts text short in C-based tools and
# the others hide what a name really says.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
MAX_NAME = 200
MAX_TITLE = 200
MAX_TEXT = 2000
MAX_OWNERS = 50


def validate_snapshot(snapshot: OrgSnapshot) -> list[FieldError]:
    """Return every rule the organization breaks, or an empty list."""
    errors: list[FieldError] = []
    errors += check_organization(snapshot.organization)
    errors += check_tie_kinds(snapshot.tie_kinds)
    errors += check_declarations(snapshot.attributes)
    for unit in snapshot.units.values():
        errors += _check_unit(unit, snapshot)
    for leader in snapshot.leaders.values():
        errors += _check_leader(leader, snapshot)
    for dependency in snapshot.dependencies.values():
        errors += _check_dependency(dependency, snapshot)
    for conflict in snapshot.conflicts.values():
        errors += _check_conflict(conflict, snapshot)
    errors += _check_ties(snapshot)
    errors += cycles("units", "parentId", {u.id: u.parent_id for u in snapshot.units.values()})
    errors += cycles(
        "leaders", "reportsToId", {ldr.id: ldr.reports_to_id for ldr in snapshot.leaders.values()}
    )
    return errors


def check_entity(entity: Entity, snapshot: OrgSnapshot) -> list[FieldError]:
    """The rules of one entity on its own: its fields and the entities it references.

    `snapshot` needs to hold only what the entity references (when it exists), not the rest.
    """
    if isinstance(entity, Unit):
        return _check_unit(entity, snapshot)
    if isinstance(entity, Leader):
        return _check_leader(entity, snapshot)
    if isinstance(entity, Dependency):
        return _check_dependency(entity, snapshot)
    if isinstance(entity, Conflict):
        return _check_conflict(entity, snapshot)
    return _check_tie(entity, snapshot)


def dependency_mismatch(conflict: Conflict, dependency: Dependency) -> list[FieldError]:
    """A conflict's dependency must link the conflict's two units."""
    if {dependency.from_unit_id, dependency.to_unit_id} == {conflict.unit_a_id, conflict.unit_b_id}:
        return []
    return [
        _error(
            f"conflicts[{conflict.id}].dependencyId",
            ErrorCode.INCONSISTENT,
            f"dependency {dependency.id!r} links other units than this conflict",
        )
    ]


def references_to(snapshot: OrgSnapshot, collection: str, id: str) -> list[str]:
    """Paths of the fields that point at an entity, so that deleting it can be refused."""
    paths: list[str] = []
    if collection == "units":
        paths += [f"units[{u.id}].parentId" for u in snapshot.units.values() if u.parent_id == id]
        paths += [f"leaders[{x.id}].unitId" for x in snapshot.leaders.values() if x.unit_id == id]
        paths += [
            f"dependencies[{d.id}]"
            for d in snapshot.dependencies.values()
            if id in (d.from_unit_id, d.to_unit_id)
        ]
        paths += [
            f"conflicts[{c.id}]"
            for c in snapshot.conflicts.values()
            if id in (c.unit_a_id, c.unit_b_id)
        ]
    elif collection == "leaders":
        paths += [
            f"leaders[{x.id}].reportsToId"
            for x in snapshot.leaders.values()
            if x.reports_to_id == id
        ]
        paths += [
            f"dependencies[{d.id}].ownerIds"
            for d in snapshot.dependencies.values()
            if id in d.owner_ids
        ]
        paths += [
            f"ties[{t.id}]" for t in snapshot.ties.values() if id in (t.leader_a_id, t.leader_b_id)
        ]
    elif collection == "dependencies":
        paths += [
            f"conflicts[{c.id}].dependencyId"
            for c in snapshot.conflicts.values()
            if c.dependency_id == id
        ]
    return paths


def _error(path: str, code: ErrorCode, message: str) -> FieldError:
    return FieldError(path=path, code=code, message=message)


def _check_id(path: str, value: str) -> list[FieldError]:
    if not ID_PATTERN.fullmatch(value):
        return [
            _error(
                path,
                ErrorCode.INVALID_FORMAT,
                "must be 1-64 characters of letters, digits, '_', '.', ':' or '-', "
                "starting with a letter or digit",
            )
        ]
    return []


def _check_text(path: str, value: str, maximum: int, required: bool) -> list[FieldError]:
    if required and not value.strip():
        return [_error(path, ErrorCode.REQUIRED, "must not be empty")]
    if len(value) > maximum:
        return [_error(path, ErrorCode.TOO_LONG, f"has {len(value)} characters, at most {maximum}")]
    control = CONTROL_CHARACTER.search(value)
    if control is not None:
        return [
            _error(
                path,
                ErrorCode.INVALID_FORMAT,
                f"contains the control character U+{ord(control.group()):04X} at position "
                f"{control.start()}; only tab and newline are allowed",
            )
        ]
    return []


def _check_range(path: str, value: int, low: int, high: int) -> list[FieldError]:
    if not low <= value <= high:
        return [_error(path, ErrorCode.OUT_OF_RANGE, f"is {value}, must be {low} to {high}")]
    return []


def _check_ref(
    path: str, target: str | None, table: Mapping[str, object], what: str
) -> list[FieldError]:
    if target is not None and target not in table:
        return [
            _error(path, ErrorCode.UNKNOWN_REFERENCE, f"no {what} {target!r} in this organization")
        ]
    return []


def check_organization(org: Organization) -> list[FieldError]:
    return _check_id("organization.id", org.id) + _check_text(
        "organization.name", org.name, MAX_NAME, required=True
    )


def check_tie_kinds(tie_kinds: tuple[TieKind, ...]) -> list[FieldError]:
    """Each declared name is a tie kind's text (as a tie's `kind`), declared once; few kinds."""
    errors: list[FieldError] = []
    if len(tie_kinds) > MAX_TIE_KINDS:
        message = f"declares {len(tie_kinds)} kinds, at most {MAX_TIE_KINDS}"
        errors.append(_error("tieKinds", ErrorCode.TOO_LONG, message))
    seen: set[str] = set()
    for position, kind in enumerate(tie_kinds):
        label = tie_kind_label(position, kind.name, seen)
        if kind.name in seen:
            message = f"declares the tie kind {kind.name!r} a second time"
            errors.append(_error(f"{label}.name", ErrorCode.DUPLICATE, message))
        errors += _check_text(f"{label}.name", kind.name, MAX_TIE_KIND, required=True)
        seen.add(kind.name)
    return errors


def _check_unit(unit: Unit, snapshot: OrgSnapshot) -> list[FieldError]:
    at = f"units[{unit.id}]"
    errors = _check_id(f"{at}.id", unit.id)
    errors += _check_text(f"{at}.name", unit.name, MAX_NAME, required=True)
    errors += check_values(at, unit.attributes, declared(snapshot.attributes, EntityKind.UNIT))
    if unit.parent_id == unit.id:
        errors.append(
            _error(f"{at}.parentId", ErrorCode.SELF_REFERENCE, "a unit cannot be its own parent")
        )
    else:
        errors += _check_ref(f"{at}.parentId", unit.parent_id, snapshot.units, "unit")
    return errors


def _check_leader(leader: Leader, snapshot: OrgSnapshot) -> list[FieldError]:
    at = f"leaders[{leader.id}]"
    errors = _check_id(f"{at}.id", leader.id)
    errors += _check_text(f"{at}.name", leader.name, MAX_NAME, required=True)
    errors += _check_text(f"{at}.title", leader.title, MAX_TITLE, required=False)
    errors += check_values(at, leader.attributes, declared(snapshot.attributes, EntityKind.LEADER))
    errors += _check_ref(f"{at}.unitId", leader.unit_id, snapshot.units, "unit")
    if leader.reports_to_id == leader.id:
        errors.append(
            _error(
                f"{at}.reportsToId", ErrorCode.SELF_REFERENCE, "a leader cannot report to themself"
            )
        )
    else:
        errors += _check_ref(f"{at}.reportsToId", leader.reports_to_id, snapshot.leaders, "leader")
    return errors


def _check_dependency(dependency: Dependency, snapshot: OrgSnapshot) -> list[FieldError]:
    at = f"dependencies[{dependency.id}]"
    errors = _check_id(f"{at}.id", dependency.id)
    errors += _check_text(f"{at}.description", dependency.description, MAX_TEXT, required=False)
    errors += _check_range(f"{at}.criticality", dependency.criticality, 1, 5)
    errors += _check_ref(f"{at}.fromUnitId", dependency.from_unit_id, snapshot.units, "unit")
    errors += _check_ref(f"{at}.toUnitId", dependency.to_unit_id, snapshot.units, "unit")
    if dependency.from_unit_id == dependency.to_unit_id:
        errors.append(
            _error(f"{at}.toUnitId", ErrorCode.SELF_REFERENCE, "a unit cannot depend on itself")
        )
    if len(dependency.owner_ids) > MAX_OWNERS:
        errors.append(
            _error(
                f"{at}.ownerIds",
                ErrorCode.TOO_LONG,
                f"has {len(dependency.owner_ids)} owners, at most {MAX_OWNERS}",
            )
        )
    if len(set(dependency.owner_ids)) != len(dependency.owner_ids):
        errors.append(_error(f"{at}.ownerIds", ErrorCode.DUPLICATE, "lists an owner twice"))
    for position, owner in enumerate(dependency.owner_ids):
        errors += _check_ref(f"{at}.ownerIds[{position}]", owner, snapshot.leaders, "leader")
    return errors


def _check_conflict(conflict: Conflict, snapshot: OrgSnapshot) -> list[FieldError]:
    at = f"conflicts[{conflict.id}]"
    errors = _check_id(f"{at}.id", conflict.id)
    errors += _check_text(f"{at}.summary", conflict.summary, MAX_TEXT, required=False)
    errors += _check_range(f"{at}.severity", conflict.severity, 1, 5)
    errors += _check_ref(f"{at}.unitAId", conflict.unit_a_id, snapshot.units, "unit")
    errors += _check_ref(f"{at}.unitBId", conflict.unit_b_id, snapshot.units, "unit")
    if conflict.unit_a_id == conflict.unit_b_id:
        errors.append(
            _error(
                f"{at}.unitBId", ErrorCode.SELF_REFERENCE, "a conflict needs two different units"
            )
        )
    errors += _check_ref(
        f"{at}.dependencyId", conflict.dependency_id, snapshot.dependencies, "dependency"
    )
    dependency = snapshot.dependencies.get(conflict.dependency_id or "")
    if dependency is not None:
        errors += dependency_mismatch(conflict, dependency)
    if conflict.status in RESOLVED_STATUSES and conflict.resolved_at is None:
        errors.append(
            _error(
                f"{at}.resolvedAt",
                ErrorCode.REQUIRED,
                f"is required when status is {conflict.status.value}",
            )
        )
    if conflict.status in UNRESOLVED_STATUSES and conflict.resolved_at is not None:
        errors.append(
            _error(
                f"{at}.resolvedAt",
                ErrorCode.INCONSISTENT,
                f"must be empty when status is {conflict.status.value}",
            )
        )
    if conflict.resolved_at is not None and conflict.resolved_at < conflict.raised_at:
        errors.append(_error(f"{at}.resolvedAt", ErrorCode.INCONSISTENT, "is before raisedAt"))
    return errors


def _check_ties(snapshot: OrgSnapshot) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: dict[TieKey, str] = {}
    directed = snapshot.directed_kinds()
    for tie in snapshot.ties.values():
        errors += _check_tie(tie, snapshot)
        key = tie_key(tie, directed)
        if key in seen:
            errors.append(duplicate_tie(tie, seen[key], directed))
        else:
            seen[key] = tie.id
    return errors


def _check_tie(tie: Tie, snapshot: OrgSnapshot) -> list[FieldError]:
    at = f"ties[{tie.id}]"
    errors = _check_id(f"{at}.id", tie.id)
    errors += _check_ref(f"{at}.leaderAId", tie.leader_a_id, snapshot.leaders, "leader")
    errors += _check_ref(f"{at}.leaderBId", tie.leader_b_id, snapshot.leaders, "leader")
    if tie.leader_a_id == tie.leader_b_id:
        errors.append(
            _error(f"{at}.leaderBId", ErrorCode.SELF_REFERENCE, "a tie needs two different leaders")
        )
    if not (math.isfinite(tie.strength) and 0.0 < tie.strength <= 1.0):
        errors.append(
            _error(
                f"{at}.strength", ErrorCode.OUT_OF_RANGE, f"is {tie.strength}, must be in (0, 1]"
            )
        )
    if tie.kind is not None:
        errors += _check_text(f"{at}.kind", tie.kind, MAX_TIE_KIND, required=True)
    return errors


def cycles(collection: str, field: str, parent_of: Mapping[str, str | None]) -> list[FieldError]:
    """Report each cycle once, at its smallest id, naming its members in order.

    Each node is walked at most once (state 2 marks nodes already settled), so this is linear.
    A walk stops at a node missing from `parent_of`, so a part of a forest can be checked.
    """
    errors: list[FieldError] = []
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = known to reach a root
    for start in parent_of:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in parent_of and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent_of[node]
        cycle = walk[walk.index(node) :] if node is not None and state.get(node) == 1 else []
        # A one-node cycle is a self-reference, already reported by the entity's own check.
        if len(cycle) > 1:
            first = min(cycle)
            ordered = _rotate(cycle, cycle.index(first))
            errors.append(
                _error(
                    f"{collection}[{first}].{field}",
                    ErrorCode.CYCLE,
                    "forms a cycle: " + " -> ".join([*ordered, first]),
                )
            )
        for member in walk:
            state[member] = 2
    return errors


def _rotate(items: list[str], start: int) -> Iterable[str]:
    return items[start:] + items[:start]
