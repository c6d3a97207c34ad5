"""Settings: every wrong one is named, and start-up stops."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE
from service.settings import Settings, SettingsError


def test_defaults_serve_the_embedded_store_in_development() -> None:
    settings = Settings.from_env({})
    assert settings.store == "sqlite:data/unsilo.sqlite3"
    assert settings.development
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_values_are_parsed() -> None:
    settings = Settings.from_env(
        {
            "UNSILO_PORT": "9000",
            "UNSILO_MODE": "Production",
            "UNSILO_LOG_LEVEL": "debug",
            "PATH": "/bin",
            "UNSILO_TEST_NEO4J_URI": "bolt://x",
        }
    )
    assert (settings.port, settings.mode, settings.log_level) == (9000, "production", "DEBUG")


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"UNSILO_PORT": "eighty"}, "UNSILO_PORT: 'eighty' is not a number"),
        ({"UNSILO_PORT": "70000"}, "UNSILO_PORT: '70000' must be 1 to 65535"),
        ({"UNSILO_MODE": "staging"}, "UNSILO_MODE: 'staging' must be one of development"),
        ({"UNSILO_STORE": "postgres://x"}, "UNSILO_STORE: 'postgres://x' must start with"),
        ({"UNSILO_PROT": "8000"}, "UNSILO_PROT: unknown setting"),
    ],
)
def test_wrong_settings_are_named(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(environ)
    assert named in str(raised.value)


def test_the_path_sample_is_exact_or_at_least_two() -> None:
    assert Settings().path_sample == DEFAULT_PATH_SAMPLE
    assert Settings.from_env({"UNSILO_PATH_SAMPLE": "0"}).path_sample == 0
    assert Settings.from_env({"UNSILO_PATH_SAMPLE": "500"}).path_sample == 500
    for wrong in ("1", "-3", "many"):
        with pytest.raises(SettingsError, match="UNSILO_PATH_SAMPLE"):
            Settings.from_env({"UNSILO_PATH_SAMPLE": wrong})


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"UNSILO_PORT": "x", "UNSILO_MODE": "y"})
    assert "UNSILO_PORT" in str(raised.value)
    assert "UNSILO_MODE" in str(raised.value)


def test_command_line_overrides_use_the_same_rules() -> None:
    settings = Settings().with_overrides(port="8100", host=None)
    assert settings.port == 8100
    with pytest.raises(SettingsError, match="--port: '0' must be 1 to 65535"):
        Settings().with_overrides(port="0")


def test_the_service_refuses_to_start_with_a_wrong_setting() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "serve"],
        env={"UNSILO_PORT": "eighty", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "UNSILO_PORT: 'eighty' is not a number" in result.stderr


def test_workers_and_the_response_cache_are_settings() -> None:
    settings = Settings.from_env({"UNSILO_WORKERS": "4", "UNSILO_RESPONSE_CACHE_MB": "0"})
    assert (settings.workers, settings.response_cache_mb) == (4, 0)
    assert (Settings().workers, Settings().response_cache_mb) == (1, 64)
    with pytest.raises(SettingsError, match="UNSILO_WORKERS: '0' must be at least 1"):
        Settings.from_env({"UNSILO_WORKERS": "0"})


def test_settings_pass_to_worker_processes_through_the_environment() -> None:
    settings = Settings(port=9100, store="sqlite:/tmp/x.sqlite3", neo4j_connection_timeout=2.5)
    environ = settings.to_environ()
    assert environ["UNSILO_PORT"] == "9100"
    assert Settings.from_env(environ) == settings


def test_every_setting_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    missing = [f.name for f in fields(Settings) if f"`UNSILO_{f.name.upper()}`" not in readme]
    assert missing == []
