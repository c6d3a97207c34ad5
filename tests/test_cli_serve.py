"""`unsilo serve --workers N`: several processes behind one port, each with its own caches, that
agree on every answer, before and after a write; and wrong worker counts stop start-up."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.cli import main

FACTIONS = """{ organization(id: "gen") { graphVersion executiveFactions { __typename
    ... on ExecutiveFactionsAnalysis { graphVersion report { verdict } } } } }"""
RENAME = """mutation { updateOrganization(id: "gen", input: {name: "Renamed"}) { __typename } }"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fresh_post(url: str, query: str, key: str) -> dict[str, Any]:
    """On a new connection each time, so that either worker may take it."""
    with httpx.Client(timeout=60, headers={"authorization": f"Bearer {key}"}) as client:
        response = client.post(f"{url}/graphql", json={"query": query})
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server ended during start-up"
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url} after {seconds} s")


def test_two_workers_start_answer_agree_after_a_write_and_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:{tmp_path / 'unsilo.sqlite3'}"
    assert main(["--store", store, "generate", "--leaders", "60", "--organization", "gen"]) == 0
    keys = tmp_path / "keys.json"
    capsys.readouterr()
    assert (
        main(["create-key", "--name", "ops", "--org", "gen=EDITOR", "--keys-file", str(keys)]) == 0
    )
    key = capsys.readouterr().out.strip()
    port = free_port()
    log = tmp_path / "serve.log"
    environ = {
        **os.environ,
        "UNSILO_LOG_LEVEL": "INFO",
        "UNSILO_MODE": "production",
        "UNSILO_API_KEYS_FILE": str(keys),
    }
    command = [sys.executable, "-m", "service.cli", "--store", store, "serve"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--port", str(port), "--workers", "2"],
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(url, process, 60)
            before = [fresh_post(url, FACTIONS, key)["organization"] for _ in range(12)]
            assert {b["executiveFactions"]["graphVersion"] for b in before} == {1}
            assert len({str(b) for b in before}) == 1
            assert fresh_post(url, RENAME, key)["updateOrganization"]["__typename"] == (
                "OrganizationPayload"
            )
            # Whichever worker answers, and whatever it had stored: the new version.
            after = [fresh_post(url, FACTIONS, key)["organization"] for _ in range(12)]
            assert {a["graphVersion"] for a in after} == {2}
            assert {a["executiveFactions"]["graphVersion"] for a in after} == {2}
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=30)
    text = log.read_text()
    assert code == 0, text
    assert len(set(re.findall(r"Started server process \[(\d+)\]", text))) == 2, text
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("argv", "environ", "message"),
    [
        (["serve", "--workers", "0"], {}, "--workers: '0' must be at least 1"),
        (["serve", "--workers", "two"], {}, "--workers: 'two' is not a number"),
        (["serve"], {"UNSILO_WORKERS": "-1"}, "UNSILO_WORKERS: '-1' must be at least 1"),
        (["serve"], {"UNSILO_RESPONSE_CACHE_MB": "-5"}, "UNSILO_RESPONSE_CACHE_MB: '-5' must be 0"),
    ],
)
def test_wrong_worker_counts_stop_start_up_with_one_line(
    argv: list[str], environ: dict[str, str], message: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", *argv],
        env={"PATH": "/usr/bin:/bin", **environ},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
