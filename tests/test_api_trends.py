# ruff: noqa: E501  (the queries read best unbroken)
"""`captureSnapshot` and `Organization.trends` on the real app and every store: EDITORs capture,
ANALYSTs read, the privacy floor withholds small units' series, and a capture is never hidden
by a stored answer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import parse

from graph_queries.context import ANONYMOUS
from schema import schema
from schema.query_limits import ANALYSIS_COST, measure
from service.app import create_app
from tests import tokens
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme

CAPTURE = """mutation($date: Date) { captureSnapshot(organizationId: "acme", effectiveDate: $date) {
  __typename ... on SnapshotPayload { organizationId effectiveDate graphVersion capturedAt }
  ... on NotFoundError { message } } }"""
TRENDS = """query($all: Boolean! = false) { organization(id: "acme") { trends(includeSmallGroups: $all) {
  __typename ... on TrendsAnalysis { privacy { minGroup withheldGroups lifted }
    report { snapshots { effectiveDate graphVersion } method
      series { figure unitId points { effectiveDate value count total change significant } }
      factionVerdicts { verdict changed } } } } } }"""
RENAME = """mutation { updateOrganization(id: "acme", input: {name: "Acme Two"}) { __typename } }"""
# acme: units of 2 (u1, u3) and 1 (u2, u4, u5) leaders.
FLOOR = 2


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    async def seed() -> None:
        store = backend.open()
        await store.migrate()
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
        await store.close()

    asyncio.run(seed())
    settings = tokens.SETTINGS.with_overrides(privacy_min_group=FLOOR)
    with serve(create_app(settings, backend.open)) as server:
        yield server


def ask(
    api: LiveServer, query: str, role: str | None, organization: str = "acme", **variables: Any
) -> dict[str, Any]:
    grants = {organization: role} if role else {}
    headers = {"authorization": f"Bearer {tokens.token(grants)}"}
    response = api.client.post(
        f"{api.url}/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    body: dict[str, Any] = response.json()
    return body


def data(body: dict[str, Any]) -> Any:
    assert "errors" not in body, body["errors"]
    return body["data"]


def capture(api: LiveServer, day: str, role: str = "EDITOR") -> dict[str, Any]:
    result: dict[str, Any] = data(ask(api, CAPTURE, role, date=day))["captureSnapshot"]
    return result


def trends(api: LiveServer, role: str = "ANALYST", **variables: Any) -> dict[str, Any]:
    result: dict[str, Any] = data(ask(api, TRENDS, role, **variables))["organization"]["trends"]
    return result


def test_captures_make_the_series_oldest_first_and_the_same_again_replaces(api: LiveServer) -> None:
    first = capture(api, "2025-10-01")
    assert (first["__typename"], first["effectiveDate"], first["graphVersion"]) == (
        "SnapshotPayload",
        "2025-10-01",
        1,
    )
    assert (
        data(ask(api, RENAME, "EDITOR"))["updateOrganization"]["__typename"]
        == "OrganizationPayload"
    )
    for _ in range(2):
        assert capture(api, "2026-01-01")["graphVersion"] == 2
    report = trends(api)["report"]
    assert report["snapshots"] == [
        {"effectiveDate": "2025-10-01", "graphVersion": 1},
        {"effectiveDate": "2026-01-01", "graphVersion": 2},
    ]
    unresolved = next(s for s in report["series"] if s["figure"] == "UNRESOLVED_CONFLICT_SHARE")
    assert unresolved["unitId"] is None
    assert [p["effectiveDate"] for p in unresolved["points"]] == ["2025-10-01", "2026-01-01"]
    assert unresolved["points"][0]["change"] is None
    assert unresolved["points"][1]["total"] >= unresolved["points"][0]["total"]
    assert "two-proportion" in report["method"]
    assert [v["changed"] for v in report["factionVerdicts"]] == [False, False]


def test_small_units_are_withheld_unless_an_admin_asks(api: LiveServer) -> None:
    capture(api, "2026-01-01")
    floored = trends(api)
    units = {s["unitId"] for s in floored["report"]["series"] if s["unitId"] is not None}
    assert units == {"u1", "u3"}
    assert floored["privacy"] == {"minGroup": FLOOR, "withheldGroups": 3, "lifted": False}
    lifted = trends(api, "ADMIN", all=True)
    assert {s["unitId"] for s in lifted["report"]["series"]} == {None, "u1", "u2", "u3", "u4", "u5"}
    assert lifted["privacy"]["lifted"] is True
    refused = ask(api, TRENDS, "ANALYST", all=True)
    assert refused["errors"][0]["extensions"] == {"code": "FORBIDDEN", "requiredRole": "ADMIN"}


def test_analysts_read_editors_capture_and_outsiders_find_nothing(api: LiveServer) -> None:
    for role in ("VIEWER", "ANALYST"):
        refused = ask(api, CAPTURE, role, date="2026-01-01")
        assert refused["errors"][0]["extensions"] == {"code": "FORBIDDEN", "requiredRole": "EDITOR"}
    viewer = ask(api, TRENDS, "VIEWER")
    assert viewer["errors"][0]["extensions"] == {"code": "FORBIDDEN", "requiredRole": "ANALYST"}
    assert trends(api)["report"]["snapshots"] == []
    outsider = ask(api, TRENDS, "ADMIN", organization="other")
    assert data(outsider)["organization"] is None
    missing = data(ask(api, CAPTURE, "ADMIN", organization="other", date="2026-01-01"))
    assert missing["captureSnapshot"]["__typename"] == "NotFoundError"
    bad = ask(api, CAPTURE, "EDITOR", date="2026-13-01")
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "$date" in bad["errors"][0]["message"]


def test_a_capture_is_seen_at_once_beside_a_stored_analysis(api: LiveServer) -> None:
    both = TRENDS.replace("trends(", "siloBottlenecks { __typename } trends(")
    before = data(ask(api, both, "ANALYST"))["organization"]["trends"]["report"]["snapshots"]
    capture(api, "2026-01-01")
    after = data(ask(api, both, "ANALYST"))["organization"]["trends"]["report"]["snapshots"]
    assert (len(before), len(after)) == (0, 1)


def test_last_and_units_bound_the_answer_and_bad_values_are_named(api: LiveServer) -> None:
    for day in ("2025-10-01", "2026-01-01", "2026-04-01"):
        capture(api, day)
    query = TRENDS.replace(
        "trends(includeSmallGroups: $all)",
        "trends(includeSmallGroups: $all, last: $last, units: $units)",
    )
    query = query.replace(
        "query($all: Boolean! = false)",
        "query($all: Boolean! = false, $last: Int! = 24, $units: [String!])",
    )
    report = data(ask(api, query, "ANALYST", last=2, units=["u3"]))["organization"]["trends"][
        "report"
    ]
    assert [s["effectiveDate"] for s in report["snapshots"]] == ["2026-01-01", "2026-04-01"]
    assert {s["unitId"] for s in report["series"]} == {None, "u3"}
    for last in (0, 1001):
        refused = data(ask(api, query, "ANALYST", last=last))["organization"]["trends"]
        assert refused["__typename"] == "ValidationError"
    wrong = data(
        ask(
            api,
            query.replace(
                "__typename", "__typename ... on ValidationError { errors { path code } }", 1
            ),
            "ANALYST",
            last=0,
        )
    )
    assert wrong["organization"]["trends"]["errors"] == [{"path": "last", "code": "OUT_OF_RANGE"}]


def test_trends_count_among_the_analyses_of_a_request(api: LiveServer) -> None:
    three = '{ organization(id: "acme") { a: trends(last: 1) { __typename } b: trends(last: 2) { __typename } c: trends(last: 3) { __typename } } }'
    refused = ask(api, three, "ANALYST")
    assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert refused["errors"][0]["extensions"]["limit"] == "analyses"
    two = data(ask(api, three.replace(" c: trends(last: 3) { __typename }", ""), "ANALYST"))
    assert two["organization"]["b"]["__typename"] == "TrendsAnalysis"


def test_trends_are_priced_and_counted_as_an_analysis_before_execution() -> None:
    one = measure(schema._schema, parse(TRENDS), None, {}, max_analyses=2)
    assert ANALYSIS_COST <= one.cost < 2 * ANALYSIS_COST
    assert one.analyses == 1
    # With the silo analysis beside them, two analyses: the pre-check sees both.
    both = TRENDS.replace("trends(", "siloBottlenecks { __typename } trends(")
    assert measure(schema._schema, parse(both), None, {}, max_analyses=2).analyses == 2
