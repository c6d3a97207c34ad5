"""The rules every organization must satisfy, one broken rule at a time."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from graph_queries.errors import ErrorCode
from graph_queries.model import ConflictStatus, Leader, OrgSnapshot, Tie, Unit
from graph_queries.validation import references_to, validate_snapshot
from tests.orgs import acme


def _codes(snapshot: OrgSnapshot) -> list[tuple[str, ErrorCode]]:
    return [(error.path, error.code) for error in validate_snapshot(snapshot)]


def test_the_sample_organization_is_valid() -> None:
    assert validate_snapshot(acme()) == []


def test_unit_parent_cycle_is_reported_once_with_its_members() -> None:
    org = acme()
    org.units["u1"] = dataclasses.replace(org.units["u1"], parent_id="u3")
    errors = validate_snapshot(org)
    assert [(e.path, e.code) for e in errors] == [("units[u1].parentId", ErrorCode.CYCLE)]
    assert errors[0].message == "forms a cycle: u1 -> u3 -> u1"


def test_reporting_cycle_is_reported() -> None:
    org = acme()
    org.leaders["l1"] = dataclasses.replace(org.leaders["l1"], reports_to_id="l7")
    assert _codes(org) == [("leaders[l1].reportsToId", ErrorCode.CYCLE)]


def test_self_references() -> None:
    org = acme()
    org.units["u1"] = dataclasses.replace(org.units["u1"], parent_id="u1")
    org.leaders["l2"] = dataclasses.replace(org.leaders["l2"], reports_to_id="l2")
    org.dependencies["d1"] = dataclasses.replace(org.dependencies["d1"], to_unit_id="u3")
    org.ties["t1"] = Tie("t1", "l1", "l1")
    codes = _codes(org)
    assert ("units[u1].parentId", ErrorCode.SELF_REFERENCE) in codes
    assert ("leaders[l2].reportsToId", ErrorCode.SELF_REFERENCE) in codes
    assert ("dependencies[d1].toUnitId", ErrorCode.SELF_REFERENCE) in codes
    assert ("ties[t1].leaderBId", ErrorCode.SELF_REFERENCE) in codes
    # A self-parent is not also reported as a cycle.
    assert ("units[u1].parentId", ErrorCode.CYCLE) not in codes


def test_unknown_references() -> None:
    org = acme()
    org.leaders["l9"] = Leader("l9", "Nobody", "u99", reports_to_id="l99")
    org.dependencies["d1"] = dataclasses.replace(org.dependencies["d1"], owner_ids=("l4", "lx"))
    assert _codes(org) == [
        ("leaders[l9].unitId", ErrorCode.UNKNOWN_REFERENCE),
        ("leaders[l9].reportsToId", ErrorCode.UNKNOWN_REFERENCE),
        ("dependencies[d1].ownerIds[1]", ErrorCode.UNKNOWN_REFERENCE),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda o: o.units.update(u1=Unit("u1", "x" * 201)),
            ("units[u1].name", ErrorCode.TOO_LONG),
        ),
        (lambda o: o.units.update(u1=Unit("u1", "  ")), ("units[u1].name", ErrorCode.REQUIRED)),
        (
            lambda o: o.units.update({"bad id": Unit("bad id", "X")}),
            ("units[bad id].id", ErrorCode.INVALID_FORMAT),
        ),
        (
            lambda o: o.dependencies.update(
                d1=dataclasses.replace(o.dependencies["d1"], criticality=6)
            ),
            ("dependencies[d1].criticality", ErrorCode.OUT_OF_RANGE),
        ),
        (
            lambda o: o.conflicts.update(c1=dataclasses.replace(o.conflicts["c1"], severity=0)),
            ("conflicts[c1].severity", ErrorCode.OUT_OF_RANGE),
        ),
        (
            lambda o: o.ties.update(t1=dataclasses.replace(o.ties["t1"], strength=0.0)),
            ("ties[t1].strength", ErrorCode.OUT_OF_RANGE),
        ),
        (
            lambda o: o.ties.update(t1=dataclasses.replace(o.ties["t1"], strength=float("nan"))),
            ("ties[t1].strength", ErrorCode.OUT_OF_RANGE),
        ),
        (
            lambda o: o.ties.update(t9=Tie("t9", "l2", "l1", 0.5, "MEETING")),
            ("ties[t9]", ErrorCode.DUPLICATE),
        ),
    ],
)
def test_field_rules(change: object, expected: tuple[str, ErrorCode]) -> None:
    org = acme()
    change(org)  # type: ignore[operator]
    assert _codes(org) == [expected]


def test_conflict_status_must_agree_with_resolution_date() -> None:
    org = acme()
    c1 = org.conflicts["c1"]
    org.conflicts["c1"] = dataclasses.replace(c1, resolved_at=None)
    org.conflicts["c2"] = dataclasses.replace(org.conflicts["c2"], resolved_at=date(2025, 6, 1))
    org.conflicts["c3"] = dataclasses.replace(org.conflicts["c3"], resolved_at=date(2024, 1, 1))
    assert _codes(org) == [
        ("conflicts[c1].resolvedAt", ErrorCode.REQUIRED),
        ("conflicts[c2].resolvedAt", ErrorCode.INCONSISTENT),
        ("conflicts[c3].resolvedAt", ErrorCode.INCONSISTENT),
    ]
    org = acme()
    org.conflicts["c2"] = dataclasses.replace(
        org.conflicts["c2"], status=ConflictStatus.ANTICIPATED_AVOIDED
    )
    assert _codes(org) == []


def test_conflict_dependency_must_link_the_same_units() -> None:
    org = acme()
    org.conflicts["c2"] = dataclasses.replace(org.conflicts["c2"], dependency_id="d1")
    assert _codes(org) == [("conflicts[c2].dependencyId", ErrorCode.INCONSISTENT)]


def test_references_to_lists_every_user() -> None:
    org = acme()
    assert references_to(org, "units", "u5") == [
        "leaders[l6].unitId",
        "dependencies[d2]",
        "dependencies[d3]",
        "conflicts[c2]",
        "conflicts[c3]",
    ]
    assert references_to(org, "leaders", "l6") == [
        "dependencies[d2].ownerIds",
        "ties[t4]",
        "ties[t5]",
    ]
    assert references_to(org, "dependencies", "d1") == ["conflicts[c1].dependencyId"]
    assert references_to(org, "ties", "t1") == []
