"""The GraphQL API over real HTTP: every query and mutation, and bad input that changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.model import Organization, OrgSnapshot, Unit
from graph_queries.stores.port import Store
from service.app import create_app
from service.settings import Settings
from tests.conftest import Backend
from tests.counting import CountingStore
from tests.live import LiveServer, serve
from tests.orgs import acme

IMPORT = """
mutation Import($document: JSON!, $replace: Boolean! = false) {
  importOrganization(document: $document, replace: $replace) {
    __typename
    ... on ImportPayload { graphVersion organization { localId name }
                           counts { units leaders dependencies conflicts ties } }
    ... on ValidationError { message errors { path code message source line column } }
  }
}
"""

TOTALS = """
query Totals($id: ID!) {
  organization(id: $id) {
    graphVersion
    units(first: 0) { totalCount }
    leaders(first: 0) { totalCount }
    dependencies(first: 0) { totalCount }
    conflicts(first: 0) { totalCount }
    ties(first: 0) { totalCount }
  }
}
"""

# Production needs a credential source; tests/test_auth*.py use it, here only the IDE matters.
PRODUCTION = Settings(
    mode="production", jwt_secret="s" * 32, jwt_issuer="tests", jwt_audience="unsilo"
)

RESULT_FIELDS = """
    __typename
    ... on ValidationError { message errors { path code message } }
    ... on NotFoundError { message entity id }
"""


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        server.graphql(IMPORT, document=to_document(acme()))
        yield server


def totals(api: LiveServer, organization_id: str = "acme") -> dict[str, Any]:
    organization: dict[str, Any] = api.graphql(TOTALS, id=organization_id)["organization"]
    return organization


# ---- ops ------------------------------------------------------------------------------------


def test_health_and_readiness(api: LiveServer) -> None:
    assert api.client.get(f"{api.url}/healthz").json() == {"status": "ok"}
    ready = api.client.get(f"{api.url}/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


def test_graphiql_is_served_in_development_only(backend: Backend) -> None:
    html = {"accept": "text/html"}
    with serve(create_app(Settings(mode="development"), backend.open)) as dev:
        page = dev.client.get(f"{dev.url}/graphql", headers=html)
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()
    with serve(create_app(PRODUCTION, backend.open)) as prod:
        page = prod.client.get(f"{prod.url}/graphql", headers=html)
        assert page.status_code != 200
        assert "graphiql" not in page.text.lower()


# ---- queries --------------------------------------------------------------------------------


def test_import_reports_counts_and_organizations_lists_it(api: LiveServer) -> None:
    doc = to_document(generate_organization(leaders=40, organization_id="gen"))
    result = api.graphql(IMPORT, document=doc)["importOrganization"]
    assert result["__typename"] == "ImportPayload"
    assert result["graphVersion"] == 1
    assert result["counts"]["leaders"] == 40
    listed = api.graphql("{ organizations { localId name } }")["organizations"]
    assert [org["localId"] for org in listed] == ["acme", "gen"]
    assert totals(api, "gen")["leaders"]["totalCount"] == 40


def test_connection_pages_with_cursors(api: LiveServer) -> None:
    query = """query($after: String) { organization(id: "acme") {
        leaders(first: 3, after: $after) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { localId } } } } }"""
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        connection = api.graphql(query, after=after)["organization"]["leaders"]
        pages += 1
        assert connection["totalCount"] == 7
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert connection["pageInfo"]["endCursor"] == connection["edges"][-1]["cursor"]
        seen += [edge["node"]["localId"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == ["l1", "l2", "l3", "l4", "l5", "l6", "l7"]


def test_organizations_and_connections_come_in_natural_order(api: LiveServer) -> None:
    for organization_id in ("n10", "n2"):
        units = [Unit(id, f"Unit {id}") for id in ("u10", "u2", "u1", "u01")]
        snapshot = OrgSnapshot.of(Organization(organization_id, organization_id), units)
        api.graphql(IMPORT, document=to_document(snapshot))
    listed = api.graphql("{ organizations { localId } }")["organizations"]
    assert [org["localId"] for org in listed] == ["acme", "n2", "n10"]
    query = """query($first: Int, $after: String, $last: Int, $before: String) {
      organization(id: "n10") {
        units(first: $first, after: $after, last: $last, before: $before) {
          pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { cursor node { localId } } } } }"""
    first = api.graphql(query, first=2)["organization"]["units"]
    assert [edge["node"]["localId"] for edge in first["edges"]] == ["u01", "u1"]
    assert (first["pageInfo"]["hasNextPage"], first["pageInfo"]["hasPreviousPage"]) == (True, False)
    after = first["pageInfo"]["endCursor"]
    second = api.graphql(query, first=2, after=after)["organization"]["units"]
    assert [edge["node"]["localId"] for edge in second["edges"]] == ["u2", "u10"]
    assert (second["pageInfo"]["hasNextPage"], second["pageInfo"]["hasPreviousPage"]) == (
        False,
        True,
    )
    # Backward from the end gives the same page, and says what lies before it.
    last = api.graphql(query, last=2)["organization"]["units"]
    assert [edge["node"]["localId"] for edge in last["edges"]] == ["u2", "u10"]
    assert (last["pageInfo"]["hasNextPage"], last["pageInfo"]["hasPreviousPage"]) == (False, True)
    before = api.graphql(query, last=1, before=second["edges"][0]["cursor"])
    assert [e["node"]["localId"] for e in before["organization"]["units"]["edges"]] == ["u1"]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ("first: 101", "first"),
        ("first: -1", "first"),
        ('after: "not-a-cursor"', "after"),
        ("last: 101", "last"),
        ('last: 2, before: "not-a-cursor"', "before"),
        ("first: 1, last: 1", "last"),
    ],
)
def test_bad_paging_arguments_are_named(api: LiveServer, arguments: str, field: str) -> None:
    body = api.graphql_response(
        f'{{ organization(id: "acme") {{ units({arguments}) {{ totalCount }} }} }}'
    )
    [error] = body["errors"]
    assert error["extensions"].pop("requestId")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert error["message"].startswith(f"{field}:")


def test_filters(api: LiveServer) -> None:
    query = """{ organization(id: "acme") {
        units(filter: {kind: DIVISION}) { edges { node { localId } } }
        leaders(filter: {level: EXECUTIVE, text: "head"}) { edges { node { localId } } }
        dependencies(filter: {unitId: "u4", reliability: MOSTLY}) { edges { node { localId } } }
        conflicts(filter: {raisedFrom: "2025-02-01", raisedTo: "2025-12-31"}) {
          edges { node { localId } } }
        open: conflicts(filter: {status: OPEN}) { totalCount }
        ties(filter: {leaderId: "l1"}) { edges { cursor node { localId } } } } }"""
    org = api.graphql(query)["organization"]

    def ids(name: str) -> list[str]:
        return [edge["node"]["localId"] for edge in org[name]["edges"]]

    assert ids("units") == ["u1", "u2"]
    assert ids("leaders") == ["l2", "l3"]
    assert ids("dependencies") == ["d2"]
    assert ids("conflicts") == ["c1", "c2"]
    assert org["open"]["totalCount"] == 1
    assert ids("ties") == ["t1", "t2"]


def test_nested_relations_both_ways(api: LiveServer) -> None:
    many = "{ edges { node { localId } } }"
    query = f"""{{ organization(id: "acme") {{
        unit(id: "u2") {{ name parent {{ localId }} children {many} members {many}
                         dependsOn {many} dependedOnBy {many} conflicts {many} }}
        leader(id: "l3") {{ unit {{ localId }} manager {{ localId }} reports {many} ties {many}
                           ownedDependencies {many} }}
        owner: leader(id: "l4") {{
          ownedDependencies {{ edges {{ node {{ localId toUnit {{ name }} }} }} }} }}
        dependency(id: "d1") {{ fromUnit {{ localId }} toUnit {{ localId }} owners {many}
                               conflicts {many} criticality reliability ownerIds }}
        conflict(id: "c1") {{ unitA {{ localId }} unitB {{ localId }} dependency {{ localId }}
                             status raisedAt resolvedAt severity }}
        tie(id: "t5") {{ leaderA {{ localId }} leaderB {{ name }} strength kind }}
        missing: unit(id: "nope") {{ localId }} }} }}"""
    org = api.graphql(query)["organization"]

    def ids(connection: dict[str, Any]) -> list[str]:
        return [edge["node"]["localId"] for edge in connection["edges"]]

    unit = org["unit"]
    assert unit["parent"] is None
    assert ids(unit["children"]) == ["u4", "u5"]
    assert ids(unit["members"]) == ["l3"]
    assert ids(unit["dependsOn"]) == []
    assert ids(unit["conflicts"]) == []
    leader = org["leader"]
    assert leader["unit"]["localId"] == "u2"
    assert leader["manager"]["localId"] == "l1"
    assert ids(leader["reports"]) == ["l5", "l6"]
    assert ids(leader["ties"]) == ["t2"]
    assert org["owner"]["ownedDependencies"]["edges"] == [
        {"node": {"localId": "d1", "toUnit": {"name": "Logistics"}}}
    ]
    dependency = org["dependency"]
    assert (dependency["fromUnit"]["localId"], dependency["toUnit"]["localId"]) == ("u3", "u4")
    assert ids(dependency["owners"]) == ["l4", "l5"]
    assert dependency["ownerIds"] == ["l4", "l5"]
    assert ids(dependency["conflicts"]) == ["c1"]
    assert (dependency["criticality"], dependency["reliability"]) == (5, "SOMETIMES")
    conflict = org["conflict"]
    assert (conflict["unitA"]["localId"], conflict["unitB"]["localId"]) == ("u3", "u4")
    assert conflict["dependency"]["localId"] == "d1"
    assert conflict["status"] == "RESOLVED_LATE"
    assert (conflict["raisedAt"], conflict["resolvedAt"]) == ("2025-03-01", "2025-06-01")
    tie = org["tie"]
    assert tie == {
        "leaderA": {"localId": "l4"},
        "leaderB": {"name": "Flo Plan"},
        "strength": 0.2,
        "kind": "ADVICE",
    }
    assert org["missing"] is None


def test_unknown_organization_is_null(api: LiveServer) -> None:
    assert api.graphql('{ organization(id: "nope") { localId } }') == {"organization": None}


def test_nested_queries_are_batched(backend: Backend) -> None:
    """However many units a page holds, the store sees a fixed number of calls."""
    opened: list[CountingStore] = []

    def open_counting() -> Store:
        opened.append(CountingStore(backend.open()))
        return opened[-1]

    query = """{ organization(id: "gen") { units(first: 100) { edges { node {
        parent { name } children { edges { node { name } } }
        members(first: 100) { edges { node { name manager { name unit { name } }
          reports { edges { node { name } } }
          ties { edges { node { leaderA { name } leaderB { name } } } } } } }
        dependsOn { edges { node { toUnit { name } owners { edges { node { name } } } } } }
        conflicts { edges { node { dependency { localId } } } } } } } } }"""
    calls: dict[int, int] = {}
    members: dict[int, int] = {}
    for leaders in (60, 600):
        # Full pages of every nested connection: past the default cost limit, on purpose.
        settings = Settings(max_query_cost=10**7)
        with serve(create_app(settings, open_counting)) as server:
            doc = to_document(generate_organization(leaders=leaders, organization_id="gen"))
            server.graphql(IMPORT, document=doc, replace=True)
            counting = opened[-1]
            counting.calls.clear()
            units = server.graphql(query)["organization"]["units"]["edges"]
            members[leaders] = sum(len(edge["node"]["members"]["edges"]) for edge in units)
            calls[leaders] = sum(counting.calls.values())
    # 15 loaders at up to 3 depths, plus the organization and the page: a fixed bound, where one
    # call per node would have made hundreds.
    assert members[600] > 10 * members[60] / 2 > 100
    assert calls[60] <= 20
    assert calls[600] <= 20


# ---- mutations ------------------------------------------------------------------------------


UNIT = "... on UnitPayload { unit { localId name kind parent { localId } } }"


def create_unit(api: LiveServer, **fields: Any) -> Any:
    query = f"""mutation($input: CreateUnitInput!) {{
        result: createUnit(organizationId: "acme", input: $input) {{ {UNIT} {RESULT_FIELDS} }} }}"""
    return api.graphql(query, input=fields)["result"]


def update_unit(api: LiveServer, id: str, **fields: Any) -> Any:
    query = f"""mutation($id: ID!, $input: UpdateUnitInput!) {{
        result: updateUnit(organizationId: "acme", id: $id, input: $input) {{
          {UNIT} {RESULT_FIELDS} }} }}"""
    return api.graphql(query, id=id, input=fields)["result"]


def delete(api: LiveServer, entity: str, id: str, organization_id: str = "acme") -> Any:
    query = f"""mutation($org: ID!, $id: ID!) {{
        result: delete{entity}(organizationId: $org, id: $id) {{
          ... on DeletePayload {{ entity id }} {RESULT_FIELDS} }} }}"""
    return api.graphql(query, org=organization_id, id=id)["result"]


def test_unit_create_update_delete(api: LiveServer) -> None:
    created = create_unit(api, id="u6", name="Finance", kind="FUNCTION", parentId="u2")
    assert created == {
        "__typename": "UnitPayload",
        "unit": {
            "localId": "u6",
            "name": "Finance",
            "kind": "FUNCTION",
            "parent": {"localId": "u2"},
        },
    }
    generated = create_unit(api, name="No id given")
    assert generated["unit"]["localId"].startswith("u-")
    assert generated["unit"]["kind"] == "TEAM"
    updated = update_unit(api, "u6", name="Group Finance", parentId=None)
    assert updated["unit"] == {
        "localId": "u6",
        "name": "Group Finance",
        "kind": "FUNCTION",
        "parent": None,
    }
    assert delete(api, "Unit", "u6") == {
        "__typename": "DeletePayload",
        "entity": "Unit",
        "id": "u6",
    }
    assert totals(api)["graphVersion"] == 5


def test_leader_dependency_conflict_tie_lifecycle(api: LiveServer) -> None:
    leader = api.graphql("""mutation { r: createLeader(organizationId: "acme", input: {
        id: "l8", name: "Hal New", unitId: "u5", level: SENIOR, reportsToId: "l6",
        title: "Planner"}) {
        ... on LeaderPayload { leader { localId level manager { localId } } } } }""")
    assert leader["r"]["leader"] == {
        "localId": "l8",
        "level": "SENIOR",
        "manager": {"localId": "l6"},
    }
    dep = api.graphql("""mutation { r: createDependency(organizationId: "acme", input: {
        id: "d4", fromUnitId: "u1", toUnitId: "u5", criticality: 4, reliability: NEVER,
        ownerIds: ["l8", "l2"]}) {
        ... on DependencyPayload {
          dependency { localId owners { edges { node { localId } } } } } } }""")
    owners = dep["r"]["dependency"]["owners"]["edges"]
    assert dep["r"]["dependency"]["localId"] == "d4"
    assert [edge["node"]["localId"] for edge in owners] == ["l2", "l8"]  # natural order
    conflict = api.graphql("""mutation { r: createConflict(organizationId: "acme", input: {
        id: "c4", unitAId: "u5", unitBId: "u1", dependencyId: "d4", raisedAt: "2025-07-01",
        severity: 5}) { ... on ConflictPayload { conflict { localId status resolvedAt } } } }""")
    assert conflict["r"]["conflict"] == {"localId": "c4", "status": "OPEN", "resolvedAt": None}
    resolved = api.graphql("""mutation { r: updateConflict(organizationId: "acme", id: "c4",
        input: {status: RESOLVED_LATE, resolvedAt: "2025-10-01"}) {
        ... on ConflictPayload { conflict { status resolvedAt } } } }""")
    assert resolved["r"]["conflict"] == {"status": "RESOLVED_LATE", "resolvedAt": "2025-10-01"}
    tie = api.graphql("""mutation { r: createTie(organizationId: "acme", input: {
        id: "t6", leaderAId: "l8", leaderBId: "l2", strength: 0.4, kind: "WORK"}) {
        ... on TiePayload { tie { localId strength } } } }""")
    assert tie["r"]["tie"] == {"localId": "t6", "strength": 0.4}
    moved = api.graphql("""mutation { r: updateLeader(organizationId: "acme", id: "l8",
        input: {unitId: "u4", reportsToId: null}) {
        ... on LeaderPayload { leader { unit { localId } manager { localId } } } } }""")
    assert moved["r"]["leader"] == {"unit": {"localId": "u4"}, "manager": None}
    renamed = api.graphql("""mutation { r: updateOrganization(id: "acme",
        input: {name: "Acme Group"}) { ... on OrganizationPayload { organization { name } } } }""")
    assert renamed["r"]["organization"]["name"] == "Acme Group"
    for entity, id in [("Tie", "t6"), ("Conflict", "c4"), ("Dependency", "d4"), ("Leader", "l8")]:
        assert delete(api, entity, id)["__typename"] == "DeletePayload"
    assert totals(api) == totals_of_acme(graph_version=12)


def totals_of_acme(graph_version: int) -> dict[str, Any]:
    counts = acme().counts()
    return {"graphVersion": graph_version} | {
        name: {"totalCount": counts[kind]}
        for name, kind in zip(
            ["units", "leaders", "dependencies", "conflicts", "ties"], counts, strict=True
        )
    }


def test_organization_lifecycle(api: LiveServer) -> None:
    created = api.graphql("""mutation { r: createOrganization(input: {id: "new", name: "New Co"})
        { ... on OrganizationPayload { organization { localId name graphVersion } } } }""")
    assert created["r"]["organization"] == {"localId": "new", "name": "New Co", "graphVersion": 1}
    again = api.graphql("""mutation { r: createOrganization(input: {id: "new", name: "Again"})
        { __typename ... on ValidationError { errors { path code } } } }""")
    assert again["r"] == {
        "__typename": "ValidationError",
        "errors": [{"path": "input.id", "code": "DUPLICATE"}],
    }
    gone = api.graphql('mutation { r: deleteOrganization(id: "new") { __typename } }')
    assert gone["r"]["__typename"] == "DeletePayload"
    assert api.graphql('{ organization(id: "new") { localId } }')["organization"] is None
    missing = api.graphql("""mutation { r: deleteOrganization(id: "new") {
        __typename ... on NotFoundError { entity id } } }""")
    assert missing["r"] == {"__typename": "NotFoundError", "entity": "Organization", "id": "new"}


# ---- bad input: a typed error naming the field, and nothing changed -------------------------


BAD_MUTATIONS = [
    pytest.param(
        'createUnit(organizationId: "acme", input: {id: "u1", name: "Again"})',
        [("input.id", "DUPLICATE")],
        id="duplicate-id",
    ),
    pytest.param(
        'updateUnit(organizationId: "acme", id: "u2", input: {parentId: "u5"})',
        [("input.parentId", "CYCLE")],
        id="unit-cycle",
    ),
    pytest.param(
        'updateLeader(organizationId: "acme", id: "l1", input: {reportsToId: "l7"})',
        [("input.reportsToId", "CYCLE")],
        id="reporting-cycle",
    ),
    pytest.param(
        'createLeader(organizationId: "acme", input: {name: "X", unitId: "u99"})',
        [("input.unitId", "UNKNOWN_REFERENCE")],
        id="unknown-unit",
    ),
    pytest.param(
        'createUnit(organizationId: "acme", input: {name: "' + "x" * 201 + '"})',
        [("input.name", "TOO_LONG")],
        id="oversize-name",
    ),
    pytest.param(
        'createDependency(organizationId: "acme", input: {fromUnitId: "u1", toUnitId: "u1",'
        " criticality: 9})",
        [("input.criticality", "OUT_OF_RANGE"), ("input.toUnitId", "SELF_REFERENCE")],
        id="self-dependency-and-range",
    ),
    pytest.param(
        'createTie(organizationId: "acme", input: {leaderAId: "l1", leaderBId: "l2",'
        " strength: 1.5})",
        [("input.strength", "OUT_OF_RANGE")],
        id="tie-strength",
    ),
    pytest.param(
        'createConflict(organizationId: "acme", input: {unitAId: "u1", unitBId: "u2",'
        ' raisedAt: "2025-01-01", status: RESOLVED_QUICKLY})',
        [("input.resolvedAt", "REQUIRED")],
        id="resolved-without-date",
    ),
    pytest.param(
        'updateUnit(organizationId: "acme", id: "u1", input: {name: null})',
        [("input.name", "REQUIRED")],
        id="null-required-field",
    ),
    pytest.param(
        'deleteUnit(organizationId: "acme", id: "u2")',
        [("id", "IN_USE")],
        id="delete-unit-in-use",
    ),
    pytest.param(
        'deleteLeader(organizationId: "acme", id: "l6")',
        [("id", "IN_USE")],
        id="delete-leader-in-use",
    ),
    pytest.param(
        'updateOrganization(id: "acme", input: {name: ""})',
        [("input.name", "REQUIRED")],
        id="empty-organization-name",
    ),
]


@pytest.mark.parametrize(("mutation", "expected"), BAD_MUTATIONS)
def test_bad_mutations_return_typed_errors_and_change_nothing(
    api: LiveServer, mutation: str, expected: list[tuple[str, str]]
) -> None:
    before = totals(api)
    result = api.graphql(f"mutation {{ r: {mutation} {{ {RESULT_FIELDS} }} }}")["r"]
    assert result["__typename"] == "ValidationError"
    assert sorted((e["path"], e["code"]) for e in result["errors"]) == sorted(expected)
    assert all(e["message"] for e in result["errors"])
    assert totals(api) == before


@pytest.mark.parametrize(
    "mutation",
    [
        'updateUnit(organizationId: "acme", id: "zz", input: {name: "X"})',
        'deleteTie(organizationId: "acme", id: "zz")',
        'createUnit(organizationId: "nope", input: {name: "X"})',
    ],
)
def test_missing_entities_are_typed_not_found(api: LiveServer, mutation: str) -> None:
    before = totals(api)
    result = api.graphql(f"mutation {{ r: {mutation} {{ {RESULT_FIELDS} }} }}")["r"]
    assert result["__typename"] == "NotFoundError"
    assert result["id"] in ("zz", "nope")
    assert totals(api) == before


def test_wrong_enum_is_refused_by_the_schema_naming_the_value(api: LiveServer) -> None:
    before = totals(api)
    body = api.graphql_response(
        'mutation { createUnit(organizationId: "acme", input: {name: "X", kind: SQUAD}) '
        "{ __typename } }"
    )
    [error] = body["errors"]
    assert "SQUAD" in error["message"]
    assert "UnitKind" in error["message"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION"
    assert totals(api) == before


def test_bad_import_reports_every_problem_and_changes_nothing(api: LiveServer) -> None:
    before = totals(api)
    doc = to_document(acme())
    doc["units"].append({"id": "u9", "name": "Loop", "kind": "SQUAD", "parentId": "u9"})  # type: ignore[union-attr]
    doc["leaders"][0]["reportsToId"] = "l7"  # type: ignore[index]
    result = api.graphql(IMPORT, document=doc, replace=True)["importOrganization"]
    assert result["__typename"] == "ValidationError"
    paths = {(e["path"], e["code"]) for e in result["errors"]}
    assert ("units[u9].kind", "INVALID_ENUM") in paths
    assert ("leaders[l1].reportsToId", "CYCLE") in paths
    assert totals(api) == before


def test_import_refuses_to_overwrite_unless_asked(api: LiveServer) -> None:
    doc = to_document(acme())
    refused = api.graphql(IMPORT, document=doc)["importOrganization"]
    assert refused["__typename"] == "ValidationError"
    assert refused["errors"][0]["code"] == "DUPLICATE"
    replaced = api.graphql(IMPORT, document=doc, replace=True)["importOrganization"]
    assert replaced["graphVersion"] == 2
