"""Logs: one JSON object a line with the request id; client mistakes never at ERROR; internal
errors at ERROR with the request id; no tokens or variables' values."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.cli import main
from service.logs import RequestId, json_formatter, log_format
from service.settings import Settings
from tests.live import serve
from tests.test_cli_serve import free_port, wait_until_healthy

SECRET_VALUE = "variable-value-7f3a9c"
WRONG_TOKEN = "not-a-token-91b2e4"
GOOD = """query Orgs { organizations { localId name } }"""
WITH_VARIABLE = """query One($id: ID!) { organization(id: $id) { name } }"""
INVALID = """query Broken { organizations { noSuchField } }"""


def json_lines(text: str) -> list[dict[str, Any]]:
    lines = [line for line in text.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]  # fails on any line that is not JSON


def test_serve_logs_json_lines_without_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:{tmp_path / 'unsilo.sqlite3'}"
    assert main(["--store", store, "generate", "--leaders", "30", "--organization", "gen"]) == 0
    keys = tmp_path / "keys.json"
    assert (
        main(["create-key", "--name", "ops", "--org", "gen=EDITOR", "--keys-file", str(keys)]) == 0
    )
    key = capsys.readouterr().out.strip().splitlines()[-1]
    port, log = free_port(), tmp_path / "serve.log"
    environ = {**os.environ, "UNSILO_MODE": "production", "UNSILO_API_KEYS_FILE": str(keys)}
    command = [sys.executable, "-m", "service.cli", "--store", store, "serve"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--port", str(port)], env=environ, stdout=output, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}/graphql"
        ids = []
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}", process, 60)
            with httpx.Client(timeout=60, headers={"authorization": f"Bearer {key}"}) as client:
                for query, variables in (
                    (GOOD, {}),
                    (WITH_VARIABLE, {"id": SECRET_VALUE}),
                    (INVALID, {}),
                ):
                    answer = client.post(url, json={"query": query, "variables": variables})
                    ids.append(answer.headers["x-request-id"])
            refused = httpx.post(
                url, json={"query": GOOD}, headers={"authorization": f"Bearer {WRONG_TOKEN}"}
            )
            assert refused.status_code == 401
        finally:
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=30) == 0
    text = log.read_text()
    for secret in (key, WRONG_TOKEN, SECRET_VALUE, "noSuchField"):
        assert secret not in text
    records = json_lines(text)
    assert {record["level"] for record in records} <= {"INFO", "WARNING"}, text
    assert all({"time", "level", "name", "message", "request_id"} <= set(r) for r in records)
    requests = [r for r in records if r["name"] == "unsilo.requests"]
    assert [r["request_id"] for r in requests[:3]] == ids
    assert [r["operation"] for r in requests[:3]] == ["Orgs", "One", "Broken"]
    assert requests[1]["error_codes"] == []  # an unknown organization is null, not an error
    assert requests[2]["error_codes"] == ["GRAPHQL_VALIDATION"]
    assert requests[2]["level"] == "INFO"
    assert requests[3]["status"] == 401
    assert requests[3]["error_codes"] == ["UNAUTHENTICATED"]


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestId())
    logger = logging.getLogger("unsilo")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_internal_errors_are_logged_at_error_with_the_request_id(
    tmp_path: Path, json_log: io.StringIO
) -> None:
    store = SqliteStore(tmp_path / "s.sqlite3")

    async def broken() -> list[Any]:
        raise RuntimeError("disk on fire")

    store._organizations = broken  # type: ignore[method-assign]
    with serve(create_app(Settings(), lambda: store)) as api:
        answer = api.client.post(f"{api.url}/graphql", json={"query": GOOD})
    error = answer.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL"
    assert "disk on fire" not in answer.text
    records = json_lines(json_log.getvalue())
    failures = [r for r in records if r["level"] == "ERROR"]
    assert len(failures) == 1
    assert failures[0]["request_id"] == answer.headers["x-request-id"]
    assert "disk on fire" in failures[0]["exc_info"]
    line = next(r for r in records if r["name"] == "unsilo.requests")
    assert (line["level"], line["error_codes"]) == ("WARNING", ["INTERNAL"])


def test_log_format_is_json_in_production_unless_chosen() -> None:
    assert log_format("production", "auto") == "json"
    assert log_format("development", "auto") == "text"
    assert log_format("development", "json") == "json"
    assert log_format("production", "text") == "text"
