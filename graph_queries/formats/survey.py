"""A network survey export: one row per respondent and colleague they named, with how often they
work together and whether they can rely on them, merged into an organization.

Columns (any order, any case; others are ignored): `respondent` and `colleague` (leader ids),
`frequency` (1-5, or daily, weekly, monthly, quarterly, rarely) and `reliability` (ALWAYS,
MOSTLY, SOMETIMES, RARELY, NEVER, or 5-1), both optional. Every row becomes an arc of the
directed tie kind named (default `survey`: "I go to them"), strength frequency / 5 (1.0 without
a frequency); a new import replaces that layer whole. Where respondent and colleague are in
different units, the answers on reliability become the reliability of the respondent's unit's
dependency on the colleague's unit (the seed's "can you rely on them" question): the median
answer, the lower of the two middle ones for an even count; an existing dependency of that pair
takes it, a missing one is created.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.derived import derived_id
from graph_queries.model import Dependency, OrgSnapshot, Reliability, Tie, TieKind

MAX_ROWS = 1_000_000
MAX_FREQUENCY = 5
FREQUENCY_WORDS = {"daily": 5, "weekly": 4, "monthly": 3, "quarterly": 2, "rarely": 1}
# Best first: the median of answers is taken in this order.
RELIABILITY_ORDER = tuple(Reliability)
RELIABILITY_NUMBERS = {str(5 - i): level for i, level in enumerate(RELIABILITY_ORDER)}


@dataclass(frozen=True, slots=True)
class Answer:
    respondent: str
    colleague: str
    frequency: int | None
    reliability: Reliability | None


def read_survey(path: Path) -> list[Answer]:
    """The answers of the export; every broken row is reported with its line and column."""
    errors: list[FieldError] = []
    answers: list[Answer] = []
    seen: dict[tuple[str, str], int] = {}
    if not path.is_file():
        _raise([_error(path, None, None, "does not exist or is not a file")])
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = csv.DictReader(file)
            header = {(name or "").strip().lower(): name for name in rows.fieldnames or ()}
            if not {"respondent", "colleague"} <= set(header):
                _raise([_error(path, 1, None, "needs the columns respondent and colleague")])
            for line, row in enumerate(rows, start=2):
                if line > MAX_ROWS + 1:
                    errors.append(_error(path, line, None, f"more than {MAX_ROWS} rows"))
                    break
                cell = {key: (row.get(name) or "").strip() for key, name in header.items()}
                answer = _answer(path, line, cell, errors)
                if answer is None:
                    continue
                pair = (answer.respondent, answer.colleague)
                if pair in seen:
                    message = f"repeats the answer of line {seen[pair]} for the same colleague"
                    errors.append(_error(path, line, None, message))
                seen.setdefault(pair, line)
                answers.append(answer)
    except UnicodeDecodeError:
        errors.append(_error(path, None, None, "is not UTF-8 text"))
    _raise(errors)
    return answers


def with_survey(
    snapshot: OrgSnapshot, answers: list[Answer], kind: str = "survey"
) -> tuple[OrgSnapshot, Counter[str]]:
    """`snapshot` with the layer `kind` made from `answers` and the dependencies' reliability
    from them; an answer naming an unknown leader is reported, nothing is half-made."""
    errors = [
        FieldError(f"answers[{a.respondent}->{a.colleague}]", ErrorCode.UNKNOWN_REFERENCE,
                   f"names {who!r}, who is not a leader of the organization")
        for a in answers
        for who in (a.respondent, a.colleague)
        if who not in snapshot.leaders
    ]  # fmt: skip
    declared = {k.name: k for k in snapshot.tie_kinds}
    if kind in declared and not declared[kind].directed:
        message = "is declared undirected; a survey layer is directed (respondent to colleague)"
        errors.append(FieldError(f"tieKinds[{kind}]", ErrorCode.INCONSISTENT, message))
    _raise(errors)
    counts: Counter[str] = Counter()
    ties = {i: t for i, t in snapshot.ties.items() if t.kind != kind}
    counts["ties replaced"] = len(snapshot.ties) - len(ties)
    ratings: dict[tuple[str, str], list[Reliability]] = defaultdict(list)
    for answer in answers:
        strength = (answer.frequency or MAX_FREQUENCY) / MAX_FREQUENCY
        tie_id = derived_id("t", kind, answer.respondent, answer.colleague)
        ties[tie_id] = Tie(tie_id, answer.respondent, answer.colleague, strength, kind)
        counts[f"{kind} ties"] += 1
        units = (
            snapshot.leaders[answer.respondent].unit_id,
            snapshot.leaders[answer.colleague].unit_id,
        )
        if answer.reliability is not None and units[0] != units[1]:
            ratings[units].append(answer.reliability)
    dependencies = dict(snapshot.dependencies)
    for (depending, relied_on), answered in sorted(ratings.items()):
        reliability = _median(answered)
        matching = [
            d for d in dependencies.values()
            if d.from_unit_id == depending and d.to_unit_id == relied_on
        ]  # fmt: skip
        for dependency in matching:
            dependencies[dependency.id] = dataclasses.replace(dependency, reliability=reliability)
        if not matching:
            dependency_id = derived_id("d", kind, depending, relied_on)
            description = f"from the survey: {len(answered)} answer(s)"
            dependencies[dependency_id] = Dependency(
                dependency_id, depending, relied_on, reliability=reliability,
                description=description,
            )  # fmt: skip
            counts["dependencies created"] += 1
        else:
            counts["dependencies rated"] += len(matching)
    kinds = (*(k for k in snapshot.tie_kinds if k.name != kind), TieKind(kind, directed=True))
    changed = dataclasses.replace(snapshot, ties=ties, dependencies=dependencies, tie_kinds=kinds)
    return changed, counts


def _answer(path: Path, line: int, cell: dict[str, str], errors: list[FieldError]) -> Answer | None:
    respondent, colleague = cell.get("respondent", ""), cell.get("colleague", "")
    before = len(errors)
    if not respondent or not colleague:
        errors.append(_error(path, line, None, "needs a respondent and a colleague"))
    elif respondent == colleague:
        errors.append(_error(path, line, "colleague", "names the respondent themself"))
    frequency = None
    if text := cell.get("frequency", ""):
        frequency = FREQUENCY_WORDS.get(text.lower())
        if frequency is None and text.isdigit() and 1 <= int(text) <= MAX_FREQUENCY:
            frequency = int(text)
        if frequency is None:
            message = f"{text!r} is not 1-{MAX_FREQUENCY} or one of {', '.join(FREQUENCY_WORDS)}"
            errors.append(_error(path, line, "frequency", message))
    reliability = None
    if text := cell.get("reliability", ""):
        reliability = RELIABILITY_NUMBERS.get(text) or Reliability.__members__.get(text.upper())
        if reliability is None:
            names = ", ".join(Reliability.__members__)
            errors.append(_error(path, line, "reliability", f"{text!r} is not 5-1 or {names}"))
    if len(errors) > before:
        return None
    return Answer(respondent, colleague, frequency, reliability)


def _median(answers: list[Reliability]) -> Reliability:
    ranked = sorted(answers, key=RELIABILITY_ORDER.index)
    # The lower of the two middle answers for an even count: reliability is not overstated.
    return ranked[len(ranked) // 2]


def _error(path: Path, line: int | None, column: str | None, problem: str) -> FieldError:
    return FieldError("survey", ErrorCode.MALFORMED, problem, str(path), line, column)


def _raise(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors[:100])
