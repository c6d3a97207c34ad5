"""The Lazega law firm with its three networks as layers of ties, read through the CSV import.

The same units and leaders as ``realdata.lazega`` (offices, office-practice teams, partners as
EXECUTIVE), and every network as published, one tie per arc: ``tieKinds.csv`` declares
``advice`` and ``friendship`` directed (``a<s>-<t>``, ``f<s>-<t>``: lawyer s named lawyer t) and
``WORK`` undirected (the co-work ties of ``realdata.lazega``). ``attributes.csv`` declares the
lawyers' office, practice, status (partner or associate), age and seniority as leader
attributes, each a column of ``leaders.csv``. No dependencies, no conflicts.
"""

from __future__ import annotations

from pathlib import Path

from graph_queries.formats.csv_folder import read_csv_folder
from graph_queries.model import OrgSnapshot
from tests import realdata

ADVICE = "advice"
FRIENDSHIP = "friendship"


def lazega_layers(folder: Path, data: Path = realdata.DATA) -> OrgSnapshot:
    """The firm as an organization folder in `folder` with three layers, read back."""
    plain = realdata.lazega(folder, data)
    source = data / realdata.LAZEGA_DIR
    ties = [
        (tie.id, tie.leader_a_id, tie.leader_b_id, tie.strength, tie.kind)
        for tie in plain.ties.values()
    ]
    for kind, prefix, file in ((ADVICE, "a", "advice"), (FRIENDSHIP, "f", "friendship")):
        for arc in arcs(source / f"{file}_edges.csv"):
            ties.append((f"{prefix}{arc[0]}-{arc[1]}", f"l{arc[0]}", f"l{arc[1]}", 1.0, kind))
    realdata.write_rows(
        folder / "ties.csv", ("id", "leaderAId", "leaderBId", "strength", "kind"), ties
    )
    realdata.write_rows(
        folder / "tieKinds.csv",
        ("name", "directed"),
        [(ADVICE, "true"), (FRIENDSHIP, "true"), ("WORK", "false")],
    )
    (folder / "dependencies.csv").unlink()
    _with_attributes(folder, source)
    return read_csv_folder(folder)


ATTRIBUTES = (
    ("office", "STRING"),
    ("practice", "STRING"),
    ("status", "STRING"),
    ("age", "INTEGER"),
    ("seniority", "INTEGER"),
)


def _with_attributes(folder: Path, source: Path) -> None:
    """attributes.csv declares the lawyers' published attributes; leaders.csv gains a column
    for each (office and practice by name, status as partner or associate)."""
    realdata.write_rows(
        folder / "attributes.csv",
        ("name", "entity", "type"),
        [(name, "LEADER", type) for name, type in ATTRIBUTES],
    )
    lawyers = {row["id"]: row for row in realdata.csv_dicts(source / "attributes.csv")}
    rows = realdata.csv_dicts(folder / "leaders.csv")
    header = (*rows[0].keys(), *(name for name, _ in ATTRIBUTES))
    realdata.write_rows(
        folder / "leaders.csv",
        header,
        [
            (
                *row.values(),
                realdata.OFFICES[lawyers[row["id"][1:]]["office"]],
                realdata.PRACTICES[lawyers[row["id"][1:]]["practice"]],
                realdata.STATUSES[lawyers[row["id"][1:]]["status"]][0].lower(),
                lawyers[row["id"][1:]]["age"],
                lawyers[row["id"][1:]]["seniority"],
            )
            for row in rows
        ],
    )


def arcs(file: Path) -> list[tuple[str, str]]:
    """The `source,target` rows of one network file, as published (no self-loops in Lazega)."""
    return [(row["source"], row["target"]) for row in realdata.csv_dicts(file)]
