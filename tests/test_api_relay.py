"""Relay Global Object Identification on the real app and both stores: global ids unique across
organizations and types, `node`/`nodes` answering as the ordinary paths do (authorization
included), and bad ids refused with the argument named."""

from __future__ import annotations

import base64
import doctest
import json
from collections.abc import Iterator
from typing import Any

import pytest

from graph_queries.formats.json_document import to_document
from schema import global_ids, pagination
from schema.cache_scope import cache_scope
from schema.global_ids import encode_global_id, parse_global_id
from service.app import create_app
from service.settings import Settings
from tests import tokens
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme

IMPORT = (
    """mutation($d: JSON!) { importOrganization(document: $d, replace: true) { __typename } }"""
)

# The fields of each type, read by the ordinary path and through `node`.
FIELDS = {
    "Organization": "id localId name graphVersion",
    "Unit": "id localId name kind parentId parent { id } attributes { name value }",
    "Leader": "id localId name title level unitId reportsToId unit { id } manager { localId }",
    "Dependency": "id localId fromUnitId toUnitId description criticality reliability ownerIds",
    "Conflict": "id localId unitAId unitBId dependencyId summary severity raisedAt status",
    "Tie": "id localId leaderAId leaderBId strength kind directed leaderA { localId }",
}
LISTS = {"Unit": "units", "Leader": "leaders", "Dependency": "dependencies"}
LISTS |= {"Conflict": "conflicts", "Tie": "ties"}
LOOKUPS = {"Unit": "unit", "Leader": "leader", "Dependency": "dependency"}
LOOKUPS |= {"Conflict": "conflict", "Tie": "tie"}


def every_object(api: LiveServer, org: str) -> dict[str, list[dict[str, Any]]]:
    """Every object of the organization by type, with the fields of FIELDS, the ordinary way."""
    lists = " ".join(
        f"{field}(first: 100) {{ edges {{ node {{ {FIELDS[type_name]} }} }} }}"
        for type_name, field in LISTS.items()
    )
    found = api.graphql(
        f"query($org: ID!) {{ organization(id: $org) {{ {FIELDS['Organization']} {lists} }} }}",
        org=org,
    )["organization"]
    objects = {t: [e["node"] for e in found.pop(field)["edges"]] for t, field in LISTS.items()}
    return {"Organization": [found], **objects}


def as_node(type_name: str) -> str:
    return f"__typename ... on {type_name} {{ {FIELDS[type_name]} }}"


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        for org in ("acme", "globex"):
            server.graphql(IMPORT, d=to_document(acme(org)))
        yield server


def test_global_ids_are_unique_across_organizations_and_types(api: LiveServer) -> None:
    acme_objects, globex_objects = every_object(api, "acme"), every_object(api, "globex")
    ids = [
        o["id"] for objects in (acme_objects, globex_objects) for os in objects.values() for o in os
    ]
    assert len(ids) == len(set(ids)) > 40
    # The same local ids in both organizations: only the global ids tell them apart.
    for type_name, objects in acme_objects.items():
        if type_name == "Organization":
            continue
        assert [o["localId"] for o in objects] == [o["localId"] for o in globex_objects[type_name]]
    assert acme_objects["Organization"][0]["localId"] == "acme"
    # The local id of another type never gives the same global id.
    assert encode_global_id("Unit", "acme", "x1") != encode_global_id("Leader", "acme", "x1")


def test_node_and_nodes_refetch_every_type_as_the_ordinary_path_reads_it(api: LiveServer) -> None:
    for type_name, objects in every_object(api, "acme").items():
        for expected in objects:
            found = api.graphql(
                f"query($id: ID!) {{ node(id: $id) {{ {as_node(type_name)} }} }}", id=expected["id"]
            )
            assert found["node"] == {"__typename": type_name, **expected}
        ids = [o["id"] for o in reversed(objects)]
        many = api.graphql(
            f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ {as_node(type_name)} }} }}", ids=ids
        )
        assert many["nodes"] == [{"__typename": type_name, **o} for o in reversed(objects)]


def test_lookups_take_local_ids_and_organization_takes_its_global_id_too(api: LiveServer) -> None:
    objects = every_object(api, "acme")
    organization = objects["Organization"][0]
    by_global = api.graphql(
        "query($id: ID!) { organization(id: $id) { localId id } }", id=organization["id"]
    )
    assert by_global["organization"] == {"localId": "acme", "id": organization["id"]}
    for type_name, lookup in LOOKUPS.items():
        wanted = objects[type_name][0]
        query = f'{{ organization(id: "acme") {{ {lookup}(id: "{wanted["localId"]}") {{ id }} }} }}'
        assert api.graphql(query)["organization"][lookup] == {"id": wanted["id"]}
    # A unit's global id is not an organization's: taken as a local id, which no organization has.
    unit = objects["Unit"][0]["id"]
    assert api.graphql("query($id: ID!) { organization(id: $id) { name } }", id=unit) == {
        "organization": None
    }


def test_unknown_ids_give_null_in_their_place(api: LiveServer) -> None:
    unit = every_object(api, "acme")["Unit"][0]["id"]
    unknown = [
        encode_global_id("Unit", "acme", "u999"),
        encode_global_id("Unit", "nowhere", "u1"),
        encode_global_id("Organization", "acme", "other"),
    ]
    found = api.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=[*unknown, unit])
    assert found["nodes"] == [None, None, None, {"id": unit}]


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


VALID = encode_global_id("Unit", "acme", "u1")
MALFORMED = [
    "u1",
    "",
    "!!!",
    VALID + "!",
    VALID + "==",  # padding: not the one spelling of the id
    b64("v1:Unit:9:acme:u1"),  # the length says more than there is
    b64("v1:Unit:04:acme:u1"),
    b64("v2:Unit:4:acme:u1"),
    b64("v1:Widget:4:acme:u1"),
    b64("v1:Unit:4:acme:"),
]


@pytest.mark.parametrize("bad", MALFORMED)
def test_a_malformed_id_is_bad_user_input_naming_the_argument(api: LiveServer, bad: str) -> None:
    body = api.graphql_response("query($id: ID!) { node(id: $id) { id } }", id=bad)
    assert body["data"] == {"node": None}
    assert [(e["extensions"]["code"], e["extensions"]["field"]) for e in body["errors"]] == [
        ("BAD_USER_INPUT", "id")
    ]
    good = encode_global_id("Unit", "acme", "u1")
    body = api.graphql_response("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=[good, bad])
    assert body["errors"][0]["extensions"]["field"] == "ids[1]"


def test_nodes_refuses_more_ids_than_a_page(api: LiveServer) -> None:
    ids = [encode_global_id("Unit", "acme", f"u{i}") for i in range(101)]
    body = api.graphql_response("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=ids)
    assert [(e["extensions"]["code"], e["extensions"]["field"]) for e in body["errors"]] == [
        ("BAD_USER_INPUT", "ids")
    ]
    assert (
        len(api.graphql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=ids[:100])["nodes"])
        == 100
    )


def test_another_organizations_objects_are_null_as_if_they_did_not_exist(backend: Backend) -> None:
    def post(query: str, credential: str, **variables: Any) -> str:
        headers = {"authorization": f"Bearer {credential}"}
        body = {"query": query, "variables": variables}
        return api.client.post(f"{api.url}/graphql", json=body, headers=headers).text

    settings = Settings(
        mode="production",
        jwt_secret=tokens.SECRET,
        jwt_issuer=tokens.ISSUER,
        jwt_audience=tokens.AUDIENCE,
        rate_limit=0,
    )
    with serve(create_app(settings, backend.open)) as api:
        admin = tokens.token(admin=True)
        for org in ("acme", "globex"):
            assert "ImportPayload" in post(IMPORT, admin, d=to_document(acme(org)))
        insider, outsider = tokens.token({"acme": "VIEWER"}), tokens.token({"globex": "ADMIN"})
        node = "query($id: ID!) { node(id: $id) { id ... on Unit { name } } }"
        nodes = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
        for type_name, local in [
            ("Organization", "acme"),
            ("Unit", "u1"),
            ("Leader", "l1"),
            ("Tie", "t1"),
        ]:
            hidden = encode_global_id(type_name, "acme", local)
            missing = encode_global_id(type_name, "ghost", local)
            assert '"id"' in post(node, insider, id=hidden)  # the grant sees it
            assert post(node, outsider, id=hidden) == post(node, outsider, id=missing)
            assert json.loads(post(node, outsider, id=hidden)) == {"data": {"node": None}}
            assert post(nodes, outsider, ids=[hidden]) == post(nodes, outsider, ids=[missing])
            assert json.loads(post(nodes, outsider, ids=[hidden])) == {"data": {"nodes": [None]}}


def test_a_stored_answer_is_keyed_by_the_organization_a_global_id_names() -> None:
    query = "query($id: ID!) { organization(id: $id) { siloBottlenecks { __typename } } }"
    scope = cache_scope(query, None)
    assert scope is not None
    assert scope.organization_ids({"id": encode_global_id("Organization", "acme", "acme")}) == (
        "acme",
    )
    assert scope.organization_ids({"id": "acme"}) == ("acme",)


@pytest.mark.parametrize(
    ("org", "local"), [("a:b", "c"), ("a", "b:c"), ("", "x"), ("é", "ü"), ("1:2", "3:4")]
)
def test_global_ids_decode_to_what_they_encode_and_nothing_else_does(org: str, local: str) -> None:
    encoded = encode_global_id("Leader", org, local)
    parsed = parse_global_id(encoded)
    if org:
        assert parsed is not None
        assert (parsed.type_name, parsed.organization_id, parsed.local_id) == ("Leader", org, local)
    else:
        assert parsed is None  # no organization has an empty id
    assert "=" not in encoded
    assert parse_global_id(encode_global_id("Widget", "acme", "u1")) is None


@pytest.mark.parametrize("module", [global_ids, pagination], ids=lambda m: m.__name__)
def test_the_examples_of_the_codecs_run(module: Any) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
