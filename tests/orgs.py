"""Small hand-built organizations whose every figure can be checked by eye."""

from __future__ import annotations

from datetime import date

from graph_queries.model import (
    Conflict,
    ConflictStatus,
    Dependency,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
)


def acme(organization_id: str = "acme") -> OrgSnapshot:
    """Two divisions (Sales, Operations), three teams, seven leaders."""
    return OrgSnapshot.of(
        Organization(organization_id, "Acme Widgets"),
        [
            Unit("u1", "Sales", UnitKind.DIVISION),
            Unit("u2", "Operations", UnitKind.DIVISION),
            Unit("u3", "Field Sales", UnitKind.TEAM, "u1"),
            Unit("u4", "Logistics", UnitKind.TEAM, "u2"),
            Unit("u5", "Planning", UnitKind.FUNCTION, "u2"),
            Leader("l1", "Ada Chief", "u1", LeaderLevel.EXECUTIVE, "CEO"),
            Leader("l2", "Ben Sales", "u1", LeaderLevel.EXECUTIVE, "Head of Sales", "l1"),
            Leader("l3", "Cy Ops", "u2", LeaderLevel.EXECUTIVE, "Head of Operations", "l1"),
            Leader("l4", "Di Field", "u3", LeaderLevel.MIDDLE, "Field Sales Lead", "l2"),
            Leader("l5", "Ed Trucks", "u4", LeaderLevel.MIDDLE, "Logistics Lead", "l3"),
            Leader("l6", "Flo Plan", "u5", LeaderLevel.SENIOR, "Head of Planning", "l3"),
            Leader("l7", "Gus Rep", "u3", LeaderLevel.FRONTLINE, "Sales Rep 100%_off", "l4"),
            Dependency("d1", "u3", "u4", 5, Reliability.SOMETIMES, "Deliveries", ("l4", "l5")),
            Dependency("d2", "u4", "u5", 4, Reliability.MOSTLY, "Route plans", ("l6",)),
            Dependency("d3", "u3", "u5", 2, Reliability.RARELY, "Forecasts"),
            Conflict(
                "c1",
                "u3",
                "u4",
                date(2025, 3, 1),
                ConflictStatus.RESOLVED_LATE,
                4,
                "Late deliveries",
                "d1",
                date(2025, 6, 1),
            ),
            Conflict("c2", "u3", "u5", date(2025, 5, 10), ConflictStatus.OPEN, 2, "Forecast gaps"),
            Conflict(
                "c3",
                "u4",
                "u5",
                date(2025, 1, 5),
                ConflictStatus.RESOLVED_QUICKLY,
                3,
                "Route clash",
                "d2",
                date(2025, 1, 9),
            ),
            Tie("t1", "l1", "l2", 0.9, "MEETING"),
            Tie("t2", "l1", "l3", 0.8, "MEETING"),
            Tie("t3", "l4", "l7", 1.0, "WORK"),
            Tie("t4", "l5", "l6", 0.6, "WORK"),
            Tie("t5", "l4", "l6", 0.2, "ADVICE"),
        ],
    )


def every_field() -> OrgSnapshot:
    """Every field set at least once, text that CSV must quote (commas, quotes, line breaks),
    unicode, and optional values left empty."""
    return OrgSnapshot.of(
        Organization("acme", 'Acme "Widgets", Ltd.'),
        [
            Unit("u1", "Opérations", UnitKind.DIVISION),
            Unit("u2", "Sales, EMEA", UnitKind.REGION, "u1"),
            Leader("l1", "Ada Chief", "u1", LeaderLevel.EXECUTIVE, "CEO"),
            Leader("l2", "Ben\nTwo Lines", "u2", LeaderLevel.FRONTLINE, "", "l1"),
            Dependency("d1", "u2", "u1", 5, Reliability.RARELY, "Parts, on time", ("l1", "l2")),
            Dependency("d2", "u1", "u2"),
            Conflict(
                "c1",
                "u1",
                "u2",
                date(2025, 3, 1),
                ConflictStatus.RESOLVED_LATE,
                4,
                "Late",
                "d1",
                date(2025, 5, 2),
            ),
            Conflict("c2", "u2", "u1", date(2025, 6, 1)),
            Tie("t1", "l1", "l2", 0.35, "peer"),
            Tie("t2", "l1", "l2", 0.1),
        ],
    )


def brokered() -> OrgSnapshot:
    """Pricing depends on Logistics, and no leader of one has a tie to a leader of the other:
    Cy, in Finance, is tied to Ana (Pricing) and to Bo (Logistics), the only go-between."""
    return OrgSnapshot.of(
        Organization("brokered", "Brokered"),
        [
            Unit("p", "Pricing", UnitKind.DIVISION),
            Unit("g", "Logistics", UnitKind.DIVISION),
            Unit("f", "Finance", UnitKind.DIVISION),
            Leader("ana", "Ana", "p"),
            Leader("ari", "Ari", "p"),
            Leader("bo", "Bo", "g"),
            Leader("bea", "Bea", "g"),
            Leader("cy", "Cy", "f"),
            Dependency("d1", "p", "g", 5, Reliability.SOMETIMES),
            Tie("t1", "ana", "ari"),
            Tie("t2", "bo", "bea"),
            Tie("t3", "cy", "ana"),
            Tie("t4", "cy", "bo"),
        ],
    )
