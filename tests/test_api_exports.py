"""Export downloads from the API (/organizations/{id}/exports/{file}) on a live server: every
file equals what `unsilo analyze` writes for the same organization and date, and the door is
the GraphQL analyses' own (credentials, ANALYST, ADMIN to lift the floor, unseen == missing)."""

from __future__ import annotations

import asyncio
import io
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.exports.archive import ExportTooLarge, tables_zip
from graph_queries.exports.tables import Table
from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.model import OrgSnapshot
from graph_queries.stores.sqlite_store import SqliteStore
from schema.global_ids import encode_global_id
from service.app import create_app
from service.cli import main
from service.settings import Settings
from service.stores import open_store
from tests import tokens
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme

AS_OF = "2026-01-01"
FILES = ("graph.graphml", "graph.gexf", "graph.json", "results.json", "tables.zip", "report.html")
MEDIA_TYPES = {
    "graph.graphml": "application/graphml+xml",
    "graph.gexf": "application/gexf+xml",
    "graph.json": "application/json",
    "results.json": "application/json",
    "tables.zip": "application/zip",
    "report.html": "text/html; charset=utf-8",
}
# Production, tokens only, no rate limit (one test sets its own).
SETTINGS: dict[str, object] = {
    "mode": "production",
    "jwt_secret": tokens.SECRET,
    "jwt_issuer": tokens.ISSUER,
    "jwt_audience": tokens.AUDIENCE,
    "rate_limit": 0,
}


def load(path: Path, snapshot: OrgSnapshot) -> None:
    async def replace() -> None:
        store = SqliteStore(str(path))
        try:
            await store.migrate()
            await store.replace_organization(ANONYMOUS, snapshot, None)
        finally:
            await store.close()

    asyncio.run(replace())


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "unsilo.sqlite3"
    load(path, generate_organization(leaders=100))
    return path


@pytest.fixture(scope="module")
def cli_outputs(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `unsilo analyze --organization demo` writes from the same store."""
    out = tmp_path_factory.mktemp("cli")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNSILO_STORE", f"sqlite:{demo_store}")
        for graph in ("graph.graphml", "graph.gexf", "graph.json"):
            code = main(["analyze", "--organization", "demo", "--as-of", AS_OF,
                         "--graph", str(out / graph)])  # fmt: skip
            assert code == 0
        code = main(["analyze", "--organization", "demo", "--as-of", AS_OF,
                     "--csv", str(out / "csv"), "--json", str(out / "results.json"),
                     "--report", str(out / "report.html")])  # fmt: skip
        assert code == 0
    return out


def settings_for(store: Path, **more: object) -> Settings:
    return Settings(store=f"sqlite:{store}", **{**SETTINGS, **more})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def api(demo_store: Path) -> Iterator[LiveServer]:
    settings = settings_for(demo_store)
    with serve(create_app(settings, lambda: open_store(settings))) as server:
        yield server


def get(
    api: LiveServer, org: str, file: str, credential: str | None, **params: str | list[str]
) -> httpx.Response:
    headers = {"authorization": f"Bearer {credential}"} if credential else {}
    url = f"{api.url}/organizations/{org}/exports/{file}"
    return api.client.get(url, params=params, headers=headers)


ANALYST = tokens.token({"demo": "ANALYST"})


def test_every_file_equals_what_unsilo_analyze_writes(api: LiveServer, cli_outputs: Path) -> None:
    for file in FILES:
        response = get(api, "demo", file, ANALYST, asOf=AS_OF)
        assert response.status_code == 200, (file, response.text)
        assert response.headers["content-type"] == MEDIA_TYPES[file]
        assert response.headers["content-disposition"] == (
            f'attachment; filename="unsilo-demo-v1-{file}"'
        )
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["x-content-type-options"] == "nosniff"
        if file == "tables.zip":
            archive = zipfile.ZipFile(io.BytesIO(response.content))
            written = sorted((cli_outputs / "csv").iterdir())
            assert sorted(archive.namelist()) == [path.name for path in written]
            for path in written:
                assert archive.read(path.name) == path.read_bytes(), path.name
        else:
            assert response.content == (cli_outputs / file).read_bytes(), file


def test_the_graphs_read_back_with_their_analysis_attributes(api: LiveServer) -> None:
    graphml = get(api, "demo", "graph.graphml", ANALYST, asOf=AS_OF).content
    graph = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    assert graph.number_of_nodes() == 115  # 15 units and 100 leaders
    gexf = nx.read_gexf(io.BytesIO(get(api, "demo", "graph.gexf", ANALYST, asOf=AS_OF).content))
    assert gexf.number_of_nodes() == 115
    linked = get(api, "demo", "graph.json", ANALYST, asOf=AS_OF).json()
    assert nx.node_link_graph(linked, edges="edges").number_of_nodes() == 115
    scored = [node for node, data in graph.nodes(data=True) if "silo_ei_index" in data]
    assert scored, "the silo analysis's figures are node attributes"


def test_a_download_names_its_analyses_date_and_floor(api: LiveServer) -> None:
    response = get(api, "demo", "results.json", ANALYST, asOf="2025-06-30",
                   analysis=["conflict_hotspots", "silo_bottlenecks"])  # fmt: skip
    document = response.json()
    assert document["as_of"] == "2025-06-30"
    assert set(document["analyses"]) == {"conflict_hotspots", "silo_bottlenecks"}
    assert document["privacy"]["floor_lifted"] is False
    assert document["version"] == 1


def test_the_zip_is_the_same_bytes_every_time(api: LiveServer) -> None:
    first = get(api, "demo", "tables.zip", ANALYST, asOf=AS_OF).content
    assert get(api, "demo", "tables.zip", ANALYST, asOf=AS_OF).content == first
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename.startswith("silo_bottlenecks")


def test_the_report_may_run_nothing(api: LiveServer) -> None:
    response = get(api, "demo", "report.html", ANALYST, asOf=AS_OF)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "sandbox" in policy
    assert "script-src" not in policy
    assert "<script" not in response.text.lower()


def test_the_global_id_of_the_organization_works_too(api: LiveServer) -> None:
    global_id = encode_global_id("Organization", "demo", "demo")
    local = get(api, "demo", "results.json", ANALYST, asOf=AS_OF)
    response = get(api, global_id, "results.json", ANALYST, asOf=AS_OF)
    assert response.status_code == 200
    assert response.content == local.content
    assert response.headers["content-disposition"] == local.headers["content-disposition"]


@pytest.mark.parametrize(
    ("file", "params", "field", "says"),
    [
        ("graph.pdf", {}, "file", "unknown file 'graph.pdf'"),
        ("results.json", {"asOf": "01/02/2026"}, "asOf", "not a date"),
        ("results.json", {"analysis": "astrology"}, "analysis", "unknown analysis 'astrology'"),
        ("results.json", {"includeSmallGroups": "yes"}, "includeSmallGroups", "not true or false"),
        ("results.json", {"top": "3"}, "top", "unknown parameter"),
        ("results.json", {"asOf": ["2026-01-01", "2026-01-02"]}, "asOf", "more than once"),
    ],
)
def test_a_bad_parameter_is_named_in_a_400(
    api: LiveServer, file: str, params: dict[str, str | list[str]], field: str, says: str
) -> None:
    response = get(api, "demo", file, ANALYST, **params)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert error["message"].startswith(f"{field}: ")
    assert says in error["message"]


def test_each_download_is_audited_and_counted(
    api: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="unsilo.audit"):
        assert get(api, "demo", "report.html", ANALYST, asOf=AS_OF).status_code == 200
        assert get(api, "demo", "report.html", None).status_code == 401
    audits = [record for record in caplog.records if record.name == "unsilo.audit"]
    done, refused = audits[-2:]
    assert (done.caller, done.organization, done.file, done.graph_version, done.status) == (  # type: ignore[attr-defined]
        "someone", "demo", "report.html", 1, 200
    )  # fmt: skip
    assert done.bytes > 0  # type: ignore[attr-defined]
    assert (refused.caller, refused.status) == ("unidentified", 401)  # type: ignore[attr-defined]
    metrics = api.client.get(f"{api.url}/metrics").text
    assert 'unsilo_exports_total{file="report.html",status="200"}' in metrics
    assert 'unsilo_exports_total{file="report.html",status="401"}' in metrics
    assert get(api, "demo", "secrets.txt", ANALYST).status_code == 400
    metrics = api.client.get(f"{api.url}/metrics").text
    assert 'unsilo_exports_total{file="other",status="400"}' in metrics
    assert "secrets.txt" not in metrics  # callers cannot add label values


# ---- who may download: on both stores ---------------------------------------------------------


@pytest.fixture
def both(backend: Backend) -> Iterator[LiveServer]:
    settings = Settings(**SETTINGS)  # type: ignore[arg-type]
    with serve(create_app(settings, backend.open)) as server:
        query = (
            "mutation($d: JSON!) { importOrganization(document: $d, replace: true) { __typename } }"
        )
        answer = server.client.post(
            f"{server.url}/graphql",
            json={"query": query, "variables": {"d": to_document(acme("acme"))}},
            headers={"authorization": f"Bearer {tokens.token(admin=True)}"},
        ).json()
        assert answer["data"]["importOrganization"]["__typename"] == "ImportPayload", answer
        yield server


def test_only_analysts_download_and_unseen_answers_as_missing(both: LiveServer) -> None:
    for case, (credential, reason) in tokens.broken_tokens({"acme": "ADMIN"}).items():
        response = get(both, "acme", "results.json", credential)
        assert response.status_code == 401, case
        assert reason in response.json()["errors"][0]["message"], case

    viewer = get(both, "acme", "results.json", tokens.token({"acme": "VIEWER"}))
    assert viewer.status_code == 403
    assert viewer.json()["errors"][0]["extensions"] == {
        "code": "FORBIDDEN",
        "requiredRole": "ANALYST",
    }

    outsider = tokens.token({"elsewhere": "ADMIN"})
    for file in FILES:
        guessed = get(both, "acme", file, outsider)
        missing = get(both, "ghost", file, outsider)
        assert guessed.status_code == missing.status_code == 404
        assert guessed.content.replace(b"acme", b"ORG") == missing.content.replace(b"ghost", b"ORG")
        assert guessed.headers.keys() == missing.headers.keys()

        lifting = get(both, "acme", file, outsider, includeSmallGroups="true")
        assert lifting.content == guessed.content

    analyst = tokens.token({"acme": "ANALYST"})
    assert get(both, "acme", "graph.graphml", analyst).status_code == 200


def test_a_write_moves_the_download_to_the_new_graph_version(both: LiveServer) -> None:
    analyst = tokens.token({"acme": "ANALYST"})
    before = get(both, "acme", "graph.json", analyst, asOf=AS_OF)
    again = get(both, "acme", "graph.json", analyst, asOf=AS_OF)
    assert again.content == before.content
    metrics = both.client.get(f"{both.url}/metrics").text
    assert 'unsilo_analysis_cache_hits_total{analysis="export_results"} 1.0' in metrics
    rename = """mutation { updateUnit(organizationId: "acme", id: "u3",
        input: {name: "Outside Sales"}) { __typename } }"""
    editor = {"authorization": f"Bearer {tokens.token({'acme': 'EDITOR'})}"}
    answer = both.client.post(f"{both.url}/graphql", json={"query": rename}, headers=editor)
    assert answer.json()["data"]["updateUnit"]["__typename"] == "UnitPayload", answer.text
    after = get(both, "acme", "graph.json", analyst, asOf=AS_OF)
    assert (before.json()["graph"]["version"], after.json()["graph"]["version"]) == (1, 2)
    names = {node["id"]: node.get("name") for node in after.json()["nodes"]}
    assert names["unit:u3"] == "Outside Sales"
    assert "-v1-" in before.headers["content-disposition"]
    assert "-v2-" in after.headers["content-disposition"]


def test_only_an_admin_lifts_the_privacy_floor(both: LiveServer) -> None:
    analyst = get(both, "acme", "results.json", tokens.token({"acme": "ANALYST"}),
                  includeSmallGroups="true")  # fmt: skip
    assert analyst.status_code == 403
    assert analyst.json()["errors"][0]["extensions"]["requiredRole"] == "ADMIN"
    floored = get(both, "acme", "results.json", tokens.token({"acme": "ADMIN"})).json()
    lifted = get(both, "acme", "results.json", tokens.token({"acme": "ADMIN"}),
                 includeSmallGroups="true").json()  # fmt: skip
    assert floored["privacy"]["floor_lifted"] is False
    assert sum(floored["privacy"]["withheld_groups"].values()) > 0  # acme's units are small
    nothing_withheld = dict.fromkeys(floored["privacy"]["withheld_groups"], 0)
    expected = {**floored["privacy"], "floor_lifted": True, "withheld_groups": nothing_withheld}
    assert lifted["privacy"] == expected


# ---- limits and the switch ---------------------------------------------------------------------


def test_downloads_spend_the_callers_rate_limit(demo_store: Path) -> None:
    settings = settings_for(demo_store, rate_limit=0.001, rate_burst=1)
    with serve(create_app(settings, lambda: open_store(settings))) as server:
        assert get(server, "demo", "results.json", ANALYST, asOf=AS_OF).status_code == 200
        refused = get(server, "demo", "results.json", ANALYST, asOf=AS_OF)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def test_an_export_past_its_size_bound_is_refused_named(tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite3"
    load(path, generate_organization(leaders=1000, organization_id="big"))
    settings = settings_for(path, export_max_mb=1)
    with serve(create_app(settings, lambda: open_store(settings))) as server:
        token = tokens.token({"big": "ANALYST"})
        small = get(server, "big", "tables.zip", token, analysis="conflict_hotspots")
        assert small.status_code == 200
        large = get(server, "big", "graph.gexf", token, analysis="conflict_hotspots")
        assert large.status_code == 422
        error = large.json()["errors"][0]
        assert error["extensions"]["code"] == "EXPORT_TOO_LARGE"
        assert "UNSILO_EXPORT_MAX_MB" in error["message"]


def test_exports_can_be_switched_off(demo_store: Path) -> None:
    settings = settings_for(demo_store, exports=False)
    with serve(create_app(settings, lambda: open_store(settings))) as server:
        assert get(server, "demo", "results.json", ANALYST).status_code == 404


def test_an_export_over_the_request_timeout_answers_503(demo_store: Path) -> None:
    settings = settings_for(demo_store, request_timeout=0.001)
    with serve(create_app(settings, lambda: open_store(settings))) as server:
        response = get(server, "demo", "results.json", ANALYST, asOf="2024-02-29")
        assert response.status_code == 503
        assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
        assert response.headers["retry-after"] == "1"


def test_the_size_bound_holds_for_the_zip_and_each_member() -> None:
    table = Table("t", ("a",), tuple((str(i),) for i in range(1000)))
    member = zipfile.ZipFile(io.BytesIO(tables_zip([table], 100_000))).read("t.csv")
    assert member.count(b"\r\n") == 1001  # the header and every row
    with pytest.raises(ExportTooLarge):
        tables_zip([table], 1000)
