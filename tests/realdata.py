"""Real organizations from ../shared/data, turned into Unsilo CSV folders and read back.

Each function checks the dataset's files against ``SHA256SUMS``, writes the CSV files of an
organization folder (docs/data-format.md; no conflicts.csv, no dataset has conflicts) into
`folder`, and returns what the project's own CSV import
(:func:`graph_queries.formats.csv_folder.read_csv_folder`) makes of them, so that the tests and
benchmarks exercise the same path a user's ``unsilo import`` takes.

Mapping choices (the data says nothing about the fields not named here; they take the format's
defaults):

email-Eu-core (SNAP; a European research institution)
    - department ``d`` (0..41) -> unit ``d<d>`` "Department <d>", kind FUNCTION, no parent;
    - person ``p`` -> leader ``p<p>`` "Person <p>", level MIDDLE, title empty, no reporting line
      (the data has none);
    - e-mail edges -> one undirected tie per unordered pair of different people, id
      ``e<a>-<b>`` with a < b, kind ``EMAIL``, strength 1.0 when mail went both ways and 0.5
      when only one way; the 642 self-loops are dropped (a tie needs two leaders).

Lazega law firm (Lazega, 2001)
    - office -> unit ``boston`` / ``hartford`` / ``providence``, kind DIVISION;
    - office x practice -> unit ``<office>-<practice>`` (e.g. ``boston-litigation``), kind
      TEAM, parent its office; one per pair that has lawyers (all six do);
    - lawyer ``n`` -> leader ``l<n>`` "Lawyer <n>" in their office-practice unit; partners
      (status 1) EXECUTIVE, associates (status 2) MIDDLE; title e.g. "Partner, Litigation";
      no reporting lines (the data has none);
    - co-work -> one undirected tie per unordered pair, id ``w<a>-<b>`` with a < b, kind
      ``WORK``, strength 1.0 when both named the other, 0.5 when only one did;
    - advice between lawyers of different units -> one dependency per ordered pair of units,
      id ``adv-<from>-<to>``: the advice-seeker's unit depends on the adviser's unit.
      Criticality ranks the pair's number of advice edges in quintiles: with ``n`` pairs and
      ``below`` of them having strictly fewer edges, criticality = 1 + (5 * below) // n (so
      equal counts get equal criticality, the busiest fifth gets 5). Reliability is MOSTLY
      (the format's default) because the data says nothing about it; owners are empty.
      Advice inside a unit is not a dependency between units and is left out;
    - friendship is not imported (the model has no place for it that would not be confused with
      work ties), and there are no conflicts (the data has none).
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from graph_queries.formats.csv_folder import read_csv_folder
from graph_queries.model import OrgSnapshot

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EMAIL_DIR = "email-eu-core"
LAZEGA_DIR = "lazega"

EMAIL_ORGANIZATION = "email-eu-core"
LAZEGA_ORGANIZATION = "lazega"

OFFICES = {"1": "Boston", "2": "Hartford", "3": "Providence"}
PRACTICES = {"1": "Litigation", "2": "Corporate"}
STATUSES = {"1": ("Partner", "EXECUTIVE"), "2": ("Associate", "MIDDLE")}

Row = Sequence[object]


class DataChecksumError(RuntimeError):
    """A dataset file is missing, unlisted in SHA256SUMS, or differs from its checksum."""


# ---- checksums -----------------------------------------------------------------------------------


def verify_checksums(dataset: str, data: Path = DATA) -> None:
    """Check every file SHA256SUMS lists under `dataset`; raise DataChecksumError naming each bad
    one (nothing is converted from data that is not the published data)."""
    sums = data / "SHA256SUMS"
    if not sums.is_file():
        raise DataChecksumError(f"{sums} is missing: cannot verify the {dataset} data")
    expected: dict[str, str] = {}
    for line in sums.read_text("utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            expected[name.strip().lstrip("*")] = digest.lower()
    listed = {name: digest for name, digest in expected.items() if name.startswith(f"{dataset}/")}
    if not listed:
        raise DataChecksumError(f"{sums} lists no file of {dataset}/")
    problems: list[str] = []
    for name, digest in sorted(listed.items()):
        file = data / name
        if not file.is_file():
            problems.append(f"{file}: missing")
            continue
        actual = hashlib.sha256(file.read_bytes()).hexdigest()
        if actual != digest:
            problems.append(f"{file}: sha256 {actual}, SHA256SUMS says {digest}")
    if problems:
        raise DataChecksumError("the data differs from SHA256SUMS:\n  " + "\n  ".join(problems))


# ---- email-Eu-core -------------------------------------------------------------------------------


def email_eu_core(folder: Path, data: Path = DATA) -> OrgSnapshot:
    """email-Eu-core as an organization folder in `folder`, read back through the CSV import."""
    verify_checksums(EMAIL_DIR, data)
    source = data / EMAIL_DIR
    labels = _pairs(source / "email-Eu-core-department-labels.txt")
    departments = dict(labels)
    if len(departments) != len(labels):
        raise ValueError("a person has two department labels")
    edges = set(_pairs(source / "email-Eu-core.txt"))
    unlabelled = {p for edge in edges for p in edge} - departments.keys()
    if unlabelled:
        raise ValueError(f"people without a department: {sorted(unlabelled)[:10]}")

    units = [
        (f"d{d}", f"Department {d}", "FUNCTION", "")
        for d in sorted(set(departments.values()), key=int)
    ]
    leaders = [
        (f"p{p}", f"Person {p}", "", "MIDDLE", f"d{departments[p]}", "")
        for p in sorted(departments, key=int)
    ]
    ties = [
        (f"e{a}-{b}", f"p{a}", f"p{b}", strength, "EMAIL")
        for (a, b), strength in _undirected(edges)
    ]
    _write_folder(
        folder,
        EMAIL_ORGANIZATION,
        "email-Eu-core (SNAP): a European research institution",
        units,
        leaders,
        [],
        ties,
    )
    return read_csv_folder(folder)


# ---- Lazega law firm -----------------------------------------------------------------------------


def lazega(folder: Path, data: Path = DATA) -> OrgSnapshot:
    """The Lazega law firm as an organization folder in `folder`, read back through the import."""
    verify_checksums(LAZEGA_DIR, data)
    source = data / LAZEGA_DIR
    lawyers = csv_dicts(source / "attributes.csv")
    unit_of = {lawyer["id"]: _team_id(lawyer["office"], lawyer["practice"]) for lawyer in lawyers}
    team_name = {_team_id(o, p): f"{OFFICES[o]} {PRACTICES[p]}" for o in OFFICES for p in PRACTICES}

    offices = sorted({lawyer["office"] for lawyer in lawyers}, key=int)
    teams = sorted({(lawyer["office"], lawyer["practice"]) for lawyer in lawyers})
    units: list[Row] = [(_office_id(o), OFFICES[o], "DIVISION", "") for o in offices]
    units += [(_team_id(o, p), team_name[_team_id(o, p)], "TEAM", _office_id(o)) for o, p in teams]

    leaders: list[Row] = []
    for lawyer in sorted(lawyers, key=lambda x: int(x["id"])):
        status, level = STATUSES[lawyer["status"]]
        name = f"Lawyer {lawyer['id']}"
        title = f"{status}, {PRACTICES[lawyer['practice']]}"
        leaders.append((f"l{lawyer['id']}", name, title, level, unit_of[lawyer["id"]], ""))

    cowork = {(r["source"], r["target"]) for r in csv_dicts(source / "cowork_edges.csv")}
    ties = [
        (f"w{a}-{b}", f"l{a}", f"l{b}", strength, "WORK")
        for (a, b), strength in _undirected(cowork)
    ]

    advice = Counter(
        (unit_of[r["source"]], unit_of[r["target"]])
        for r in csv_dicts(source / "advice_edges.csv")
        if unit_of[r["source"]] != unit_of[r["target"]]
    )
    criticality = quintile_criticality(advice)
    dependencies = [
        (
            f"adv-{seeker}-{adviser}",
            seeker,
            adviser,
            f"{count} requests for advice from {team_name[seeker]} lawyers to "
            f"{team_name[adviser]} lawyers (Lazega advice network)",
            criticality[seeker, adviser],
            "MOSTLY",
            "",
        )
        for (seeker, adviser), count in sorted(advice.items())
    ]
    _write_folder(
        folder,
        LAZEGA_ORGANIZATION,
        "Lazega law firm (Lazega 2001): a US corporate law firm",
        units,
        leaders,
        dependencies,
        ties,
    )
    return read_csv_folder(folder)


def quintile_criticality(counts: Counter[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """1 + (5 * below) // n, where `below` pairs have strictly fewer edges: 1..5 by quintile."""
    values = sorted(counts.values())
    n = len(values)
    return {
        pair: 1 + (5 * sum(1 for v in values if v < count)) // n for pair, count in counts.items()
    }


def _office_id(office: str) -> str:
    return OFFICES[office].lower()


def _team_id(office: str, practice: str) -> str:
    return f"{_office_id(office)}-{PRACTICES[practice].lower()}"


# ---- shared --------------------------------------------------------------------------------------


def _pairs(file: Path) -> list[tuple[str, str]]:
    """The two whitespace-separated fields of each non-blank line."""
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(file.read_text("ascii").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 2:
            raise ValueError(f"{file}:{number}: expected two fields, got {line!r}")
        pairs.append((fields[0], fields[1]))
    return pairs


def csv_dicts(file: Path) -> list[dict[str, str]]:
    with file.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _undirected(edges: set[tuple[str, str]]) -> list[tuple[tuple[str, str], float]]:
    """One entry per unordered pair of different nodes (smaller number first), in numeric order;
    strength 1.0 when the edge goes both ways, 0.5 when one way. Self-loops are dropped."""
    pairs: dict[tuple[str, str], float] = {}
    for a, b in edges:
        if a == b:
            continue
        pair = (a, b) if int(a) < int(b) else (b, a)
        pairs[pair] = 1.0 if (b, a) in edges else 0.5
    return sorted(pairs.items(), key=lambda item: (int(item[0][0]), int(item[0][1])))


def _write_folder(
    folder: Path,
    organization_id: str,
    name: str,
    units: Iterable[Row],
    leaders: Iterable[Row],
    dependencies: Iterable[Row],
    ties: Iterable[Row],
) -> None:
    """The organization folder of docs/data-format.md; no conflicts, so no conflicts.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    write_rows(folder / "organization.csv", ("id", "name"), [(organization_id, name)])
    write_rows(folder / "units.csv", ("id", "name", "kind", "parentId"), units)
    leader_columns = ("id", "name", "title", "level", "unitId", "reportsToId")
    write_rows(folder / "leaders.csv", leader_columns, leaders)
    dependency_columns = (
        "id",
        "fromUnitId",
        "toUnitId",
        "description",
        "criticality",
        "reliability",
        "ownerIds",
    )
    write_rows(folder / "dependencies.csv", dependency_columns, dependencies)
    write_rows(folder / "ties.csv", ("id", "leaderAId", "leaderBId", "strength", "kind"), ties)


def write_rows(file: Path, header: Sequence[str], rows: Iterable[Row]) -> None:
    """UTF-8, comma-separated, `"` quoting where needed, `\\n` line ends; empty cell = null."""
    with file.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
