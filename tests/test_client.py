"""The typed client against the real service: uvicorn on a loopback port over a SQLite store,
with production authentication (bearer JWTs), so grants, refusals and limits are the real ones.

Each figure the client reads is compared with the store or with the same query sent raw over
HTTP with the same credential.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.model import OrgSnapshot
from graph_queries.natural_order import natural_sorted
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from tests import tokens
from tests.live import LiveServer, serve
from tests.orgs import acme
from unsilo_client import (
    AuthenticationError,
    BadUserInput,
    EntityNotFound,
    Forbidden,
    HTTPError,
    UnsiloClient,
    ValidationFailed,
    connect,
    require,
)
from unsilo_client.generated.conflict_hotspots import (
    ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysis as HotspotsAnalysis,
)
from unsilo_client.generated.create_unit import CreateUnitCreateUnitUnitPayload
from unsilo_client.generated.enums import UnitKind
from unsilo_client.generated.execution_report import (
    ExecutionReportOrganizationExecutionReportExecutionReportAnalysis as ReportAnalysis,
)
from unsilo_client.generated.executive_factions import (
    ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysis as FactionsAnalysis,
)
from unsilo_client.generated.import_organization import (
    ImportOrganizationImportOrganizationImportPayload,
)
from unsilo_client.generated.input_types import CreateUnitInput, UnitFilter, UpdateUnitInput
from unsilo_client.generated.organization import OrganizationOrganization
from unsilo_client.generated.silo_bottlenecks import (
    SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysis as SiloAnalysis,
)

AS_OF = date(2026, 1, 1)


@pytest.fixture(scope="module")
def generated() -> OrgSnapshot:
    return generate_organization(leaders=120, organization_id="gen", seed=7)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, generated: OrgSnapshot) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("client") / "unsilo.sqlite3"

    async def fill() -> None:
        store = SqliteStore(path)
        await store.migrate()
        await store.replace_organization(ANONYMOUS, generated, expected_version=0)
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
        await store.close()

    asyncio.run(fill())
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(path))) as server:
        yield server


def client_for(api: LiveServer, role: str = "ANALYST", org: str = "gen") -> UnsiloClient:
    return connect(api.url, token=tokens.token({org: role}))


def raw(api: LiveServer, token: str, query: str, **variables: Any) -> dict[str, Any]:
    """The same request as the client's, by hand: what the API answers without the client."""
    response = api.client.post(
        f"{api.url}/graphql",
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def test_organizations_lists_only_those_granted(api: LiveServer) -> None:
    with client_for(api) as client:
        assert [o.local_id for o in client.organizations().organizations] == ["gen"]
    with connect(api.url, token=tokens.token(admin=True)) as admin:
        listed = admin.organizations().organizations
    assert [(o.local_id, o.name, o.graph_version) for o in listed] == [
        ("acme", "Acme Widgets", 1),
        ("gen", listed[1].name, 1),
    ]


def test_paging_reads_every_entity_once_in_natural_order(
    api: LiveServer, generated: OrgSnapshot
) -> None:
    with client_for(api, "VIEWER") as client:
        units = [u.local_id for u in client.each_unit("gen", page_size=7)]
        leaders = [leader.local_id for leader in client.each_leader("gen", page_size=13)]
        ties = [t.local_id for t in client.each_tie("gen", page_size=100)]
        dependencies = [d.local_id for d in client.each_dependency("gen", page_size=3)]
        conflicts = [c.local_id for c in client.each_conflict("gen", page_size=1)]
        organization = require(client.organization("gen").organization, OrganizationOrganization)
    assert units == natural_sorted(generated.units)
    assert leaders == natural_sorted(generated.leaders)
    assert ties == natural_sorted(generated.ties)
    assert dependencies == natural_sorted(generated.dependencies)
    assert conflicts == natural_sorted(generated.conflicts)
    assert len(units) > 7
    assert len(dependencies) > 3
    assert organization.units.total_count == len(generated.units)
    assert organization.leaders.total_count == len(generated.leaders)
    assert organization.ties.total_count == len(generated.ties)


def test_paging_keeps_the_filter_and_the_models_are_typed(
    api: LiveServer, generated: OrgSnapshot
) -> None:
    divisions = [u for u in generated.units.values() if u.kind.value == "DIVISION"]
    with client_for(api, "VIEWER") as client:
        read = list(client.each_unit("gen", UnitFilter(kind=UnitKind.DIVISION), page_size=2))
    assert [u.local_id for u in read] == natural_sorted(u.id for u in divisions)
    assert {u.kind.value for u in read} == {"DIVISION"}
    assert all(u.parent_id is None for u in read)


def test_silo_bottlenecks_match_the_raw_answer(api: LiveServer) -> None:
    token = tokens.token({"gen": "ANALYST"})
    with connect(api.url, token=token) as client:
        result = client.silo_bottlenecks("gen", top=5).organization
        silo = require(result.silo_bottlenecks if result else None, SiloAnalysis)
    data = raw(
        api,
        token,
        """{ organization(id: "gen") { siloBottlenecks(top: 5) { ... on SiloBottlenecksAnalysis {
        graphVersion report { bottlenecks { id score } units { unitId eiIndex } } } } } }""",
    )["organization"]["siloBottlenecks"]
    assert silo.graph_version == data["graphVersion"] == 1
    assert [(b.id, b.score) for b in silo.report.bottlenecks] == [
        (b["id"], b["score"]) for b in data["report"]["bottlenecks"]
    ]
    assert len(silo.report.bottlenecks) == 5
    assert [(u.unit_id, u.ei_index) for u in silo.report.units] == [
        (u["unitId"], u["eiIndex"]) for u in data["report"]["units"]
    ]


def test_conflict_hotspots_match_the_raw_answer(api: LiveServer) -> None:
    token = tokens.token({"gen": "ANALYST"})
    with connect(api.url, token=token) as client:
        result = client.conflict_hotspots("gen", as_of=AS_OF).organization
        hotspots = require(result.conflict_hotspots if result else None, HotspotsAnalysis)
    data = raw(
        api,
        token,
        """query($d: Date) { organization(id: "gen") { conflictHotspots(asOf: $d) {
        ... on ConflictHotspotsAnalysis { report { asOf pairsTotal
          overall { score counts { total unresolved } } pairs { unitA unitB scoreShare }
          benchmark { n pValue } } } } } }""",
        d=AS_OF.isoformat(),
    )["organization"]["conflictHotspots"]["report"]
    report = hotspots.report
    assert report.as_of == AS_OF
    assert report.pairs_total == data["pairsTotal"] > 0
    assert report.overall.counts.total == data["overall"]["counts"]["total"]
    assert report.overall.counts.unresolved == data["overall"]["counts"]["unresolved"]
    assert report.overall.score == data["overall"]["score"]
    assert [(p.unit_a, p.unit_b, p.score_share) for p in report.pairs] == [
        (p["unitA"], p["unitB"], p["scoreShare"]) for p in data["pairs"]
    ]
    assert (report.benchmark.n, report.benchmark.p_value) == (
        data["benchmark"]["n"],
        data["benchmark"]["pValue"],
    )


def test_executive_factions_match_the_raw_answer(api: LiveServer) -> None:
    token = tokens.token({"gen": "ANALYST"})
    with connect(api.url, token=token) as client:
        result = client.executive_factions("gen").organization
        factions = require(result.executive_factions if result else None, FactionsAnalysis)
    data = raw(
        api,
        token,
        """{ organization(id: "gen") { executiveFactions { ... on ExecutiveFactionsAnalysis {
        report { executives ties modularity verdict factions { members } } } } } }""",
    )["organization"]["executiveFactions"]["report"]
    report = factions.report
    assert report.executives == data["executives"] > 0
    assert (report.ties, report.modularity) == (data["ties"], data["modularity"])
    assert report.verdict.value == data["verdict"]
    assert [f.members for f in report.factions] == [f["members"] for f in data["factions"]]


def test_execution_report_matches_the_raw_answer(api: LiveServer) -> None:
    token = tokens.token({"gen": "ANALYST"})
    with connect(api.url, token=token) as client:
        result = client.execution_report("gen", as_of=AS_OF, top=3).organization
        analysis = require(result.execution_report if result else None, ReportAnalysis)
    data = raw(
        api,
        token,
        """query($d: Date) { organization(id: "gen") { executionReport(asOf: $d, top: 3) {
        ... on ExecutionReportAnalysis { report { headlines factionVerdict
          bottlenecks { id } reliability { overall { dependencies reliable share } } } } } } }""",
        d=AS_OF.isoformat(),
    )["organization"]["executionReport"]["report"]
    report = analysis.report
    assert report.headlines == data["headlines"]
    assert report.headlines
    assert report.faction_verdict.value == data["factionVerdict"]
    assert [b.id for b in report.bottlenecks] == [b["id"] for b in data["bottlenecks"]]
    overall = report.reliability.overall
    assert (overall.dependencies, overall.reliable, overall.share) == (
        data["reliability"]["overall"]["dependencies"],
        data["reliability"]["overall"]["reliable"],
        data["reliability"]["overall"]["share"],
    )


@pytest.mark.parametrize(
    ("name", "credential", "says"),
    [
        ("other secret", "forged", "signature does not verify"),
        ("expired", "expired", "token expired"),
        ("api key unknown here", "uk_0000abcd_" + "A" * 43, "API keys are not accepted here"),
    ],
)
def test_a_bad_credential_is_an_authentication_error(
    api: LiveServer, name: str, credential: str, says: str
) -> None:
    token = {
        "forged": tokens.broken_tokens({"gen": "ADMIN"})["other secret"][0],
        "expired": tokens.broken_tokens({"gen": "ADMIN"})["expired"][0],
    }.get(credential, credential)
    assert token is not None
    with connect(api.url, token=token) as client, pytest.raises(AuthenticationError) as raised:
        client.organizations()
    error = raised.value
    assert (error.status, error.code) == (401, "UNAUTHENTICATED")
    assert says in error.message
    assert str(error).startswith("HTTP 401 UNAUTHENTICATED: Unauthenticated: ")
    assert token not in str(error)
    assert token not in repr(error)


def test_no_credential_at_all_is_an_authentication_error(api: LiveServer) -> None:
    with connect(api.url) as client, pytest.raises(AuthenticationError, match="no credentials"):
        client.organization("gen")


def test_an_ungranted_organization_is_null_as_the_api_answers(api: LiveServer) -> None:
    token = tokens.token({"gen": "ADMIN"})
    assert raw(api, token, '{ organization(id: "acme") { name } }') == {"organization": None}
    with connect(api.url, token=token) as client:
        assert client.organization("acme").organization is None
        assert client.execution_report("acme").organization is None
        with pytest.raises(EntityNotFound, match="not visible"):
            require(client.organization("acme").organization, OrganizationOrganization)
        with pytest.raises(EntityNotFound):
            list(client.each_unit("acme"))
        # A write names the organization as not found, like one that does not exist.
        created = client.create_unit("acme", CreateUnitInput(name="Pricing")).create_unit
        with pytest.raises(EntityNotFound) as raised:
            require(created, CreateUnitCreateUnitUnitPayload)
    assert raised.value.id == "acme"


def test_a_refused_mutation_is_a_validation_error_naming_the_field(api: LiveServer) -> None:
    with client_for(api, "EDITOR") as client:
        result = client.create_unit(
            "gen", CreateUnitInput(name="Pricing", parent_id="nope")
        ).create_unit
        with pytest.raises(ValidationFailed) as raised:
            require(result, CreateUnitCreateUnitUnitPayload)
        error = raised.value
        assert error.fields == ("input.parentId",)
        assert error.problems[0].code == "UNKNOWN_REFERENCE"
        assert "input.parentId: UNKNOWN_REFERENCE" in str(error)
        # Nothing was written: the organization's version did not move.
        organization = require(client.organization("gen").organization, OrganizationOrganization)
        assert organization.graph_version == 1


def test_a_refused_argument_is_bad_user_input_naming_it(api: LiveServer) -> None:
    with client_for(api, "VIEWER") as client, pytest.raises(BadUserInput) as raised:
        client.units("gen", first=1000)
    assert raised.value.field == "first"
    assert raised.value.code == "BAD_USER_INPUT"
    assert raised.value.path == ("organization", "units")


def test_a_missing_role_is_forbidden_with_the_role_needed(api: LiveServer) -> None:
    with client_for(api, "VIEWER") as client, pytest.raises(Forbidden) as raised:
        client.update_unit("gen", "u1", input=UpdateUnitInput(name="Renamed"))
    assert raised.value.required_role == "EDITOR"


def test_an_admin_imports_creates_and_deletes(api: LiveServer) -> None:
    document = to_document(acme("acme2"))
    with connect(api.url, token=tokens.token(admin=True)) as client:
        imported = require(
            client.import_organization(document).import_organization,
            ImportOrganizationImportOrganizationImportPayload,
        )
        assert (imported.organization.local_id, imported.graph_version) == ("acme2", 1)
        assert imported.counts.units == len(acme().units)
        again = client.import_organization(document).import_organization
        with pytest.raises(ValidationFailed):
            require(again, ImportOrganizationImportOrganizationImportPayload)
        unit = require(
            client.create_unit("acme2", CreateUnitInput(name="Pricing", id="u99")).create_unit,
            CreateUnitCreateUnitUnitPayload,
        ).unit
        assert (unit.local_id, unit.name, unit.kind.value) == ("u99", "Pricing", "TEAM")
        deleted = client.delete_organization("acme2").delete_organization
        assert deleted.typename__ == "DeletePayload"
        assert client.organization("acme2").organization is None


def test_the_token_is_never_shown(api: LiveServer) -> None:
    token = tokens.token({"gen": "VIEWER"})
    with connect(api.url, token=token) as client:
        assert isinstance(client.http_client, httpx.Client)
        shown = [repr(client), str(vars(client)), repr(client.http_client.headers)]
        assert client.organizations().organizations
    assert all(token not in text for text in shown)
    assert repr(client) == f"UnsiloClient('{api.url}/graphql')"


def test_connect_refuses_what_cannot_work() -> None:
    with pytest.raises(ValueError, match="url: refusing to send a token over plain http"):
        connect("http://unsilo.example.com", token="uk_x")
    with pytest.raises(ValueError, match="url: must be an http"):
        connect("ftp://unsilo.example.com")
    with pytest.raises(ValueError, match="token: must be non-empty"):
        connect("https://unsilo.example.com", token="a b")
    with pytest.raises(ValueError, match="timeout"):
        connect("https://unsilo.example.com", timeout=0)
    # Trusted networks and this machine may use plain http; an address gets /graphql.
    secure = connect("https://unsilo.example.com/", token="t")
    assert secure.url == "https://unsilo.example.com/graphql"
    cluster = connect("http://unsilo:8000/graphql", token="t", allow_insecure=True)
    assert cluster.url == "http://unsilo:8000/graphql"
    assert connect("http://[::1]:8000", token="t").url == "http://[::1]:8000/graphql"
    for client in (secure, cluster):
        client.http_client.close()


def test_an_error_page_that_is_not_graphql_is_told(api: LiveServer) -> None:
    """A proxy's 502 page: the status and that the body is no GraphQL response."""

    def gateway(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>Bad gateway</html>")

    with (
        connect(api.url, transport=httpx.MockTransport(gateway)) as client,
        pytest.raises(HTTPError, match="HTTP 502: no message from the service") as raised,
    ):
        client.organizations()
    assert (raised.value.status, raised.value.code) == (502, None)
