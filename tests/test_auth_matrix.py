# ruff: noqa: E501  (one operation per line reads best as a table)
"""Every root field, every Organization field and every mutation, on the real app and both
stores, with every kind of wrong credential, the wrong organization and the wrong role; the
right token works. The table is checked against the schema, so a new field cannot be left out.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from graph_queries.context import Role
from graph_queries.formats.json_document import to_document
from schema import schema
from schema.global_ids import encode_global_id
from service.app import create_app
from service.settings import Settings
from tests import tokens
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme
from tests.test_subscriptions import receive, socket


@dataclass(frozen=True)
class Operation:
    query: str  # $org stands for the organization id; the result is at data[root]
    needs: Role
    root: str
    works: str | None = None  # the __typename a permitted caller gets, if a union


def org_field(selection: str, needs: Role = Role.VIEWER) -> Operation:
    return Operation(f"{{ organization(id: $org) {{ {selection} }} }}", needs, "organization")


def analysis(field: str) -> Operation:
    return org_field(f"{field} {{ __typename }}", Role.ANALYST)


def mutation(call: str, needs: Role, works: str) -> Operation:
    root = call.split("(")[0]
    return Operation(f"mutation {{ {call} {{ __typename }} }}", needs, root, works=works)


PAGE = "(first: 2) { totalCount edges { node { id } } }"
NAMES = "{ edges { node { name } } }"
ROOT = {
    "organizations": Operation("{ organizations { localId } }", Role.VIEWER, "organizations"),
    "organization": Operation("{ organization(id: $org) { id } }", Role.VIEWER, "organization"),
    "node": Operation("{ node(id: $node) { id ... on Unit { name } } }", Role.VIEWER, "node"),
    "nodes": Operation("{ nodes(ids: [$node, $node]) { id } }", Role.VIEWER, "nodes"),
}  # fmt: skip
ORGANIZATION = {
    "id": org_field("id"),
    "localId": org_field("localId"),
    "name": org_field("name"),
    "graphVersion": org_field("graphVersion"),
    "tieKinds": org_field("tieKinds { name directed }"),
    "attributes": org_field("attributes { name entity type }"),
    "units": org_field(f"units{PAGE}"),
    "leaders": org_field(f"leaders{PAGE}"),
    "dependencies": org_field(f"dependencies{PAGE}"),
    "conflicts": org_field(f"conflicts{PAGE}"),
    "ties": org_field(f"ties{PAGE}"),
    "unit": org_field(f'unit(id: "u3") {{ name members {NAMES} }}'),
    "leader": org_field('leader(id: "l4") { name ties { edges { node { id } } } }'),
    "dependency": org_field(f'dependency(id: "d1") {{ description owners {NAMES} }}'),
    "conflict": org_field('conflict(id: "c1") { summary unitA { name } }'),
    "tie": org_field('tie(id: "t1") { strength }'),
    "siloBottlenecks": analysis("siloBottlenecks"),
    "conflictHotspots": analysis("conflictHotspots"),
    "executiveFactions": analysis("executiveFactions"),
    "executionReport": analysis("executionReport"),
    "directedNetwork": analysis("directedNetwork"),
    "unitNetwork": analysis("unitNetwork"),
    "simulation": analysis('simulation(changes: [{addTie: {leaderAId: "l2", leaderBId: "l3"}}])'),
    "recommendations": analysis("recommendations(goal: LOWER_WORST_BOTTLENECK)"),
    "trends": analysis("trends"),
}
MUTATIONS = {
    "createOrganization": mutation('createOrganization(input: {id: "$new", name: "N"})', Role.ADMIN, "OrganizationPayload"),
    "updateOrganization": mutation('updateOrganization(id: $org, input: {name: "N"})', Role.EDITOR, "OrganizationPayload"),
    "declareTieKinds": mutation('declareTieKinds(organizationId: $org, tieKinds: [{name: "WORK", directed: true}])', Role.ADMIN, "TieKindsPayload"),
    "deleteOrganization": mutation("deleteOrganization(id: $org)", Role.ADMIN, "DeletePayload"),
    "importOrganization": mutation("importOrganization(document: $document, replace: true)", Role.ADMIN, "ImportPayload"),
    "captureSnapshot": mutation('captureSnapshot(organizationId: $org, effectiveDate: "2026-01-01")', Role.EDITOR, "SnapshotPayload"),
    "createUnit": mutation('createUnit(organizationId: $org, input: {name: "New"})', Role.EDITOR, "UnitPayload"),
    "updateUnit": mutation('updateUnit(organizationId: $org, id: "u3", input: {name: "N"})', Role.EDITOR, "UnitPayload"),
    "deleteUnit": mutation('deleteUnit(organizationId: $org, id: "u5")', Role.EDITOR, "ValidationError"),
    "createLeader": mutation('createLeader(organizationId: $org, input: {name: "N", unitId: "u3"})', Role.EDITOR, "LeaderPayload"),
    "updateLeader": mutation('updateLeader(organizationId: $org, id: "l7", input: {title: "T"})', Role.EDITOR, "LeaderPayload"),
    "deleteLeader": mutation('deleteLeader(organizationId: $org, id: "l7")', Role.EDITOR, "ValidationError"),
    "createDependency": mutation('createDependency(organizationId: $org, input: {fromUnitId: "u4", toUnitId: "u3"})', Role.EDITOR, "DependencyPayload"),
    "updateDependency": mutation('updateDependency(organizationId: $org, id: "d3", input: {criticality: 4})', Role.EDITOR, "DependencyPayload"),
    "deleteDependency": mutation('deleteDependency(organizationId: $org, id: "d3")', Role.EDITOR, "DeletePayload"),
    "createConflict": mutation('createConflict(organizationId: $org, input: {unitAId: "u3", unitBId: "u4", raisedAt: "2025-02-02"})', Role.EDITOR, "ConflictPayload"),
    "updateConflict": mutation('updateConflict(organizationId: $org, id: "c2", input: {severity: 5})', Role.EDITOR, "ConflictPayload"),
    "deleteConflict": mutation('deleteConflict(organizationId: $org, id: "c2")', Role.EDITOR, "DeletePayload"),
    "createTie": mutation('createTie(organizationId: $org, input: {leaderAId: "l2", leaderBId: "l3"})', Role.EDITOR, "TiePayload"),
    "updateTie": mutation('updateTie(organizationId: $org, id: "t5", input: {strength: 0.5})', Role.EDITOR, "TiePayload"),
    "deleteTie": mutation('deleteTie(organizationId: $org, id: "t5")', Role.EDITOR, "DeletePayload"),
}  # fmt: skip
OPERATIONS = {**ROOT, **ORGANIZATION, **MUTATIONS}
# Over WebSocket (graphql-transport-ws): the credential goes in the connection_init payload.
SUBSCRIPTIONS = {
    "organizationChanged": Operation("subscription { organizationChanged(id: $org) { graphVersion } }", Role.VIEWER, "organizationChanged"),
    "analysisReady": Operation("subscription { analysisReady(id: $org) { __typename } }", Role.ANALYST, "analysisReady", works="ExecutionReportAnalysis"),
}  # fmt: skip


def test_the_table_covers_every_field_of_the_schema() -> None:
    graphql = schema._schema
    assert graphql.query_type is not None
    assert graphql.mutation_type is not None
    assert set(ROOT) == set(graphql.query_type.fields)
    assert set(ORGANIZATION) == set(graphql.type_map["Organization"].fields)  # type: ignore[attr-defined]
    assert set(MUTATIONS) == set(graphql.mutation_type.fields)
    assert graphql.subscription_type is not None
    assert set(SUBSCRIPTIONS) == set(graphql.subscription_type.fields)


# ---- running one operation -----------------------------------------------------------------------


def send(api: LiveServer, op: Operation, org: str, credential: str | None) -> httpx.Response:
    query = op.query.replace('"$new"', json.dumps(f"{org}-new")).replace("$org", json.dumps(org))
    # A unit's global id: `node` must answer for it exactly as the ordinary paths do.
    query = query.replace("$node", json.dumps(encode_global_id("Unit", org, "u3")))
    variables: dict[str, Any] = {}
    if "$document" in query:
        query = query.replace("mutation {", "mutation($document: JSON!) {")
        variables["document"] = to_document(acme(org))
    headers = {"authorization": f"Bearer {credential}"} if credential else {}
    return api.client.post(
        f"{api.url}/graphql", json={"query": query, "variables": variables}, headers=headers
    )


def grants(org: str, role: Role) -> dict[str, str]:
    # Creating an organization needs a grant naming its id (or a global admin).
    return {org: role.name, f"{org}-new": role.name}


def worked(op: Operation, body: dict[str, Any]) -> bool:
    if body.get("errors") or body.get("data") is None:
        return False
    value = body["data"][op.root]
    if op.works is not None:
        return bool(value["__typename"] == op.works)
    if isinstance(value, dict) and value:
        inner = next(iter(value.values()))
        if isinstance(inner, dict) and "__typename" in inner:
            return str(inner["__typename"]).endswith("Analysis")
    if isinstance(value, list):  # `nodes` answers null in place of what is not visible
        return any(item is not None for item in value)
    return value is not None


def codes(body: dict[str, Any]) -> set[str]:
    return {error.get("extensions", {}).get("code") for error in body.get("errors") or []}


# Every operation is sent by every kind of caller, more requests than the default rate limit's
# burst lets through in a second on a fast machine; the rate limit has tests of its own.
SETTINGS = Settings(
    mode="production",
    jwt_secret=tokens.SECRET,
    jwt_issuer=tokens.ISSUER,
    jwt_audience=tokens.AUDIENCE,
    rate_limit=0,
)


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(SETTINGS, backend.open)) as server:
        yield server


def test_every_operation_refuses_wrong_callers_and_serves_the_right_one(api: LiveServer) -> None:
    org = "acme"
    imported = send(api, MUTATIONS["importOrganization"], org, tokens.token(admin=True)).json()
    assert worked(MUTATIONS["importOrganization"], imported), imported
    problems: list[str] = []
    # One organization for all: the writes that succeed leave it usable for the next ones,
    # and deleting it comes last.
    for name in sorted(OPERATIONS, key=lambda name: name == "deleteOrganization"):
        op = OPERATIONS[name]
        for case, (credential, reason) in tokens.broken_tokens(grants(org, Role.ADMIN)).items():
            response = send(api, op, org, credential)
            body = response.json()
            if response.status_code != 401 or codes(body) != {"UNAUTHENTICATED"}:
                problems.append(f"{name} / {case}: {response.status_code} {body}")
            elif reason not in body["errors"][0]["message"]:
                problems.append(f"{name} / {case}: says {body['errors'][0]['message']!r}")

        # Another organization's caller: exactly the answer for an id that does not exist.
        outsider = tokens.token({"elsewhere": "ADMIN"})
        guessed = send(api, op, org, outsider).text.replace(org, "ORG")
        missing = send(api, op, "ghost", outsider).text.replace("ghost", "ORG")
        if guessed != missing or worked(op, json.loads(guessed)):
            problems.append(f"{name} / other organization: {guessed} differs from {missing}")

        if op.needs > Role.VIEWER:
            below = tokens.token(grants(org, Role(op.needs - 1)))
            body = send(api, op, org, below).json()
            if codes(body) != {"FORBIDDEN"} or worked(op, body):
                problems.append(f"{name} / role below {op.needs.name}: {body}")

        body = send(api, op, org, tokens.token(grants(org, op.needs))).json()
        if not worked(op, body):
            problems.append(f"{name} / {op.needs.name}: {body}")
    assert not problems, "\n".join(problems)


def first_answer(api: LiveServer, op: Operation, org: str, credential: str | None) -> Any:
    """The first message a subscription gets, or ("closed", code, reason)."""
    with socket(api) as ws:
        payload = {} if credential is None else {"authorization": f"Bearer {credential}"}
        ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        try:
            acknowledged = receive(ws)
        except ConnectionClosed as gone:
            frame = gone.rcvd
            return ("closed", frame.code, frame.reason) if frame else ("closed", None, "")
        assert acknowledged == {"type": "connection_ack"}
        query = op.query.replace("$org", json.dumps(org))
        ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        return receive(ws)


def test_every_subscription_refuses_wrong_callers_and_serves_the_right_one(
    api: LiveServer,
) -> None:
    org = "acme"
    send(api, MUTATIONS["importOrganization"], org, tokens.token(admin=True))
    problems: list[str] = []
    for name, op in SUBSCRIPTIONS.items():
        for case, (credential, reason) in tokens.broken_tokens(grants(org, Role.ADMIN)).items():
            answer = first_answer(api, op, org, credential)
            if answer[:2] != ("closed", 4403) or reason not in answer[2]:
                problems.append(f"{name} / {case}: {answer}")

        outsider = tokens.token({"elsewhere": "ADMIN"})
        guessed = json.dumps(first_answer(api, op, org, outsider)).replace(org, "ORG")
        missing = json.dumps(first_answer(api, op, "ghost", outsider)).replace("ghost", "ORG")
        if guessed != missing or worked(op, json.loads(guessed)["payload"]):
            problems.append(f"{name} / other organization: {guessed} differs from {missing}")

        if op.needs > Role.VIEWER:
            below = tokens.token(grants(org, Role(op.needs - 1)))
            body = first_answer(api, op, org, below)["payload"]
            if codes(body) != {"FORBIDDEN"} or worked(op, body):
                problems.append(f"{name} / role below {op.needs.name}: {body}")

        body = first_answer(api, op, org, tokens.token(grants(org, op.needs)))["payload"]
        if not worked(op, body):
            problems.append(f"{name} / {op.needs.name}: {body}")
    assert not problems, "\n".join(problems)


def test_an_organization_list_shows_only_granted_organizations(api: LiveServer) -> None:
    admin = tokens.token(admin=True)
    for org in ("alpha", "beta", "gamma"):
        send(api, MUTATIONS["importOrganization"], org, admin)
    listing = ROOT["organizations"]
    seen = send(api, listing, "alpha", tokens.token({"alpha": "VIEWER", "gamma": "EDITOR"}))
    assert [o["localId"] for o in seen.json()["data"]["organizations"]] == ["alpha", "gamma"]
    everyone = send(api, listing, "alpha", admin).json()["data"]["organizations"]
    assert [o["localId"] for o in everyone] == ["alpha", "beta", "gamma"]
    nobody = send(api, listing, "alpha", tokens.token({})).json()["data"]["organizations"]
    assert nobody == []


def test_refused_writes_change_nothing(api: LiveServer) -> None:
    admin = tokens.token(admin=True)
    send(api, MUTATIONS["importOrganization"], "acme", admin)
    totals = ORGANIZATION["units"]
    before = send(api, totals, "acme", admin).json()
    callers = [None, tokens.token({"acme": "ANALYST"}), tokens.token({"other": "ADMIN"})]
    callers += [credential for credential, _ in tokens.broken_tokens({"acme": "ADMIN"}).values()]
    for (name, op), credential in itertools.product(MUTATIONS.items(), callers):
        assert not worked(op, send(api, op, "acme", credential).json()), name
    assert send(api, totals, "acme", admin).json() == before
    names = send(api, ORGANIZATION["name"], "acme", admin).json()
    assert names["data"]["organization"]["name"] == "Acme Widgets"
