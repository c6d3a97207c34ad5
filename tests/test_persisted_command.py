"""`unsilo persisted-queries`: a manifest written from .graphql files is the one the service
loads and holds clients to; every mistake is one line naming its file and line; `--check` tells
a manifest that no longer matches the files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.cli import main
from service.persisted_queries import load_manifest
from service.settings import Settings
from tests.live import serve

ORGANIZATIONS = """# What the client lists
query Orgs {
  organizations { ...OrgId }
}
"""
FRAGMENTS = """fragment OrgId on Organization { id ...OrgName }
fragment OrgName on Organization { name }
"""
NAMES = "query Names { organizations { name } }\n"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def client_files(folder: Path) -> Path:
    (folder / "fragments").mkdir(parents=True)
    (folder / "orgs.graphql").write_text(ORGANIZATIONS)
    (folder / "fragments" / "org.gql").write_text(FRAGMENTS)
    (folder / "names.graphql").write_text(NAMES)
    (folder / "notes.txt").write_text("not GraphQL, not read")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["persisted-queries", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


def test_the_written_manifest_is_what_the_service_holds_clients_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = client_files(tmp_path / "client")
    output = tmp_path / "manifest.json"
    assert run(capsys, str(files), "--output", str(output)) == (0, [])
    manifest = load_manifest(str(output), Settings().max_query_length)
    assert list(json.loads(output.read_text())) == sorted(manifest)
    by_name = {document.split()[1]: key for key, document in manifest.items()}
    assert set(by_name) == {"Orgs", "Names"}
    orgs = manifest[by_name["Orgs"]]
    # The operation, then its fragments as first reached, even from another file.
    assert orgs.startswith("query Orgs")
    assert orgs.index("fragment OrgId") < orgs.index("fragment OrgName")
    assert "What the client lists" not in orgs
    settings = Settings(persisted_queries=str(output), persisted_queries_mode="only")
    app = create_app(settings, lambda: SqliteStore(tmp_path / "unsilo.sqlite3"))
    with serve(app) as live:

        def post(body: dict[str, object]) -> tuple[int, object]:
            answer = live.client.post(f"{live.url}/graphql", json=body)
            return answer.status_code, answer.json()

        hashed = {"persistedQuery": {"version": 1, "sha256Hash": by_name["Orgs"]}}
        assert post({"extensions": hashed}) == (200, {"data": {"organizations": []}})
        status, body = post({"query": orgs})
        assert status == 400
        assert "PERSISTED_QUERY_NOT_ALLOWED" in json.dumps(body)
        other = {"persistedQuery": {"version": 1, "sha256Hash": sha(NAMES)}}
        status, body = post({"extensions": other})
        assert status == 400
        assert "PERSISTED_QUERY_NOT_FOUND" in json.dumps(body)


def test_as_written_hashes_each_file_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = tmp_path / "both.graphql"
    both.write_text(ORGANIZATIONS + FRAGMENTS + NAMES)
    output = tmp_path / "manifest.json"
    assert run(capsys, str(both), "--as-written", "--output", str(output)) == (0, [])
    assert json.loads(output.read_text()) == {sha(both.read_text()): both.read_text()}


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("query Bad {\n  organizations {\n    nope\n  }\n}\n", 3, "Cannot query field 'nope'"),
        ("query A { organizations { id } }\n{ organizations { name } }\n", 2, "anonymous"),
        ("query A { organizations { id }\n", 2, "Syntax Error"),
        ("type Unit { id: ID }\n", 1, "only operations and fragments"),
        ("query U { organizations { ...Missing } }\n", 1, "Unknown fragment 'Missing'"),
    ],
)
def test_a_mistake_is_one_line_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, line: int, problem: str
) -> None:
    bad = tmp_path / "bad.graphql"
    bad.write_text(content)
    output = tmp_path / "manifest.json"
    code, errors = run(capsys, str(bad), "--output", str(output))
    assert code == 1
    assert errors
    assert errors[0].startswith(f"unsilo: {bad}:{line}: ")
    assert problem in errors[0]
    assert not output.exists()


def test_one_name_for_two_texts_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.graphql").write_text(NAMES)
    (tmp_path / "b.graphql").write_text("\n\nquery Names { organizations { id } }\n")
    code, errors = run(capsys, str(tmp_path), "--output", str(tmp_path / "m.json"))
    assert code == 1
    assert errors == [
        f"unsilo: {tmp_path}/b.graphql:3: operation Names differs from the one at "
        f"{tmp_path}/a.graphql:1"
    ]


def test_documents_past_the_service_limits_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    names = tmp_path / "names.graphql"
    names.write_text(NAMES)
    monkeypatch.setenv("UNSILO_MAX_QUERY_TOKENS", "6")
    code, errors = run(capsys, str(names), "--output", str(tmp_path / "m.json"))
    assert (code, errors) == (
        1,
        [f"unsilo: {names}:1: operation Names has more than UNSILO_MAX_QUERY_TOKENS (6) tokens"],
    )
    monkeypatch.setenv("UNSILO_MAX_QUERY_TOKENS", "8")  # `query Names { organizations { name } }`
    monkeypatch.setenv("UNSILO_MAX_QUERY_LENGTH", "20")
    code, errors = run(capsys, str(names), "--output", str(tmp_path / "m.json"))
    assert code == 1
    assert "above UNSILO_MAX_QUERY_LENGTH (20)" in errors[0]


def test_check_tells_drift_and_a_failed_write_keeps_the_old_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = client_files(tmp_path / "client")
    output = tmp_path / "manifest.json"
    assert run(capsys, str(files), "--output", str(output))[0] == 0
    written = output.read_text()
    assert run(capsys, str(files), "--output", str(output), "--check") == (0, [])
    (old_names,) = [key for key, text in json.loads(written).items() if "Names" in text]
    names = files / "names.graphql"
    names.write_text("query Names { organizations { id name } }\n")
    code, errors = run(capsys, str(files), "--output", str(output), "--check")
    assert code == 1
    assert errors[0] == f"unsilo: {names}:1: operation Names is not in {output}"
    assert (
        errors[1] == f"unsilo: {output}: {old_names} (operation Names) is no operation of the files"
    )
    assert len(errors) == 3
    assert output.read_text() == written, "--check writes nothing"
    names.write_text("query Names { organizations { nope } }\n")
    assert run(capsys, str(files), "--output", str(output))[0] == 1
    assert output.read_text() == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client", "manifest.json"]
