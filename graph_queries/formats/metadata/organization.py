"""Metadata ties into an organization: the roster that says who is who, and the tie layers.

The roster is a CSV file with a column `address` and, per row, either `leader` (the id of a leader
already in the organization) or `unit` (the unit of a person who becomes a new leader, with the
pseudonym as id and name). Addresses are turned into pseudonyms as the roster is read, with the
same key as the interactions, and are never kept; people who are not on the roster are left out
of every tie. The ties become two layers: `meeting` (undirected) and `email` (directed, sender to
recipient), which a new import of metadata replaces whole.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.derived import relative_strengths
from graph_queries.formats.metadata.interactions import (
    EMAIL,
    MEETING,
    MetadataTies,
    Pseudonymizer,
    normalized_address,
)
from graph_queries.model import Leader, OrgSnapshot, Tie, TieKind

METADATA_KINDS = (TieKind(MEETING, directed=False), TieKind(EMAIL, directed=True))
MAX_ROSTER_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """Who a pseudonym is: an existing leader, or a new one in `unit_id`."""

    leader_id: str | None = None
    unit_id: str | None = None


def read_roster(path: Path, pseudonym: Pseudonymizer) -> dict[str, RosterEntry]:
    """The roster by pseudonym; every broken row is reported with its line, nothing is kept."""
    errors: list[FieldError] = []
    roster: dict[str, RosterEntry] = {}
    if not path.is_file():
        raise ValidationFailed([_error(path, None, "does not exist or is not a file")])
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = csv.DictReader(file)
            columns = {name.strip().lower() for name in rows.fieldnames or ()}
            if "address" not in columns or not columns & {"leader", "unit"}:
                problem = "needs an `address` column and a `leader` or a `unit` column"
                raise ValidationFailed([_error(path, 1, problem)])
            for line, row in enumerate(rows, start=2):
                if line > MAX_ROSTER_ROWS + 1:
                    errors.append(_error(path, line, f"more than {MAX_ROSTER_ROWS} rows"))
                    break
                cells = {
                    key.strip().lower(): (value or "").strip() for key, value in row.items() if key
                }
                entry = _entry(path, line, cells, errors)
                if entry is None:
                    continue
                address, found = entry
                name = pseudonym(address)
                if name in roster:
                    errors.append(_error(path, line, "repeats an address of an earlier row"))
                roster[name] = found
    except UnicodeDecodeError:
        errors.append(_error(path, None, "is not UTF-8 text"))
    if errors:
        raise ValidationFailed(errors[:100])
    return roster


def with_metadata_ties(
    snapshot: OrgSnapshot, ties: MetadataTies, roster: Mapping[str, RosterEntry]
) -> tuple[OrgSnapshot, Counter[str]]:
    """`snapshot` with its `meeting` and `email` layers replaced by `ties`, and the new people
    of the roster added as leaders; also counts of what was added and left out.

    The result is not validated here: the import validates it as any other (an unknown unit or
    leader of the roster is reported there, by its id).
    """
    declared = {kind.name: kind for kind in snapshot.tie_kinds}
    for needed in METADATA_KINDS:
        if needed.name in declared and declared[needed.name] != needed:
            wanted = "directed" if needed.directed else "undirected"
            message = f"is declared otherwise; metadata needs it {wanted}"
            raise ValidationFailed(
                [FieldError(f"tieKinds[{needed.name}]", ErrorCode.INCONSISTENT, message)]
            )
    counts: Counter[str] = Counter()
    leaders = dict(snapshot.leaders)
    leader_of: dict[str, str] = {}
    for name, entry in roster.items():
        if entry.leader_id is not None:
            leader_of[name] = entry.leader_id
        elif entry.unit_id is not None:
            leader_of[name] = name
            if name not in leaders:
                leaders[name] = Leader(id=name, name=name, unit_id=entry.unit_id)
                counts["leaders added"] += 1
    kept = {i: t for i, t in snapshot.ties.items() if t.kind not in (MEETING, EMAIL)}
    counts["ties replaced"] = len(snapshot.ties) - len(kept)
    # Two addresses of one person make one leader: their interactions add up.
    interactions: Counter[tuple[str, str, str]] = Counter()
    for tie in ties.ties:
        source, target = leader_of.get(tie.source), leader_of.get(tie.target)
        if source is None or target is None:
            counts["ties with someone not on the roster"] += 1
        elif source == target:
            counts["ties between two addresses of one leader"] += 1
        else:
            if not tie.directed and target < source:
                source, target = target, source
            interactions[(tie.kind, source, target)] += tie.interactions
    strengths = relative_strengths(interactions)
    for (kind, source, target), strength in sorted(strengths.items()):
        # `meeting:` / `email:` ids, as first imported, so that re-imports keep the same ids.
        tie_id = f"{kind}:" + hashlib.sha256(f"{source}\0{target}".encode()).hexdigest()[:24]
        kept[tie_id] = Tie(tie_id, source, target, strength=strength, kind=kind)
        counts[f"{kind} ties"] += 1
    kinds = tuple(k for k in snapshot.tie_kinds if k.name not in (MEETING, EMAIL))
    return (
        dataclasses.replace(snapshot, leaders=leaders, ties=kept, tie_kinds=kinds + METADATA_KINDS),
        counts,
    )


def _entry(
    path: Path, line: int, cells: dict[str, str], errors: list[FieldError]
) -> tuple[str, RosterEntry] | None:
    address = normalized_address(cells.get("address", ""))
    leader, unit = cells.get("leader") or None, cells.get("unit") or None
    if address is None:
        errors.append(_error(path, line, "has no readable address", "address"))
    elif (leader is None) == (unit is None):
        errors.append(_error(path, line, "needs either a leader or a unit, not both or neither"))
    else:
        return address, RosterEntry(leader_id=leader, unit_id=unit)
    return None


def _error(path: Path, line: int | None, problem: str, column: str | None = None) -> FieldError:
    return FieldError("roster", ErrorCode.MALFORMED, problem, str(path), line, column)
