"""A short run of the load under writes: zero errors (latency is measured by bench/bench_load)."""

from __future__ import annotations

from pathlib import Path

from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from tests.live import serve
from tests.load_under_writes import hold_rate
from tests.test_api import IMPORT


async def test_reads_at_a_fixed_rate_see_no_errors_during_import_and_analysis(
    tmp_path: Path,
) -> None:
    document = to_document(generate_organization(leaders=100, organization_id="gen"))
    path = tmp_path / "unsilo.sqlite3"
    with serve(create_app(Settings(), lambda: SqliteStore(path))) as server:
        server.graphql(IMPORT, document=document)
        report = await hold_rate(server.url, rate=50, seconds=6, import_document=document)
    assert report.errors == []
    assert len(report.latencies) == 300
    assert sorted(name.split(" ")[0] for name in report.writes) == ["cold", "import"]
