"""Settings: every wrong one is named, and start-up stops."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE
from service.settings import Settings, SettingsError, default_store


def test_defaults_serve_the_embedded_store_in_development() -> None:
    settings = Settings.from_env({})
    assert settings.store == f"sqlite:{default_store()}"  # per user, not per working folder
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


SECRET = "s" * 32
TOKENS = {"UNSILO_JWT_ISSUER": "https://id.test", "UNSILO_JWT_AUDIENCE": "unsilo"}


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        (
            {"UNSILO_JWT_ALGORITHMS": "none"},
            "UNSILO_JWT_ALGORITHMS: 'none' must not allow unsigned",
        ),
        ({"UNSILO_JWT_ALGORITHMS": "HS256,None"}, "must not allow unsigned tokens"),
        ({"UNSILO_JWT_ALGORITHMS": "HS1"}, "'HS1' is not one of"),
        ({"UNSILO_JWT_SECRET": "short", **TOKENS}, "UNSILO_JWT_SECRET: must be at least 32 bytes"),
        ({"UNSILO_JWT_SECRET": SECRET}, "UNSILO_JWT_ISSUER: required when tokens are accepted"),
        ({"UNSILO_JWKS_FILE": "k.json", "UNSILO_JWT_ISSUER": "i"}, "UNSILO_JWT_AUDIENCE: required"),
        (
            {"UNSILO_JWT_SECRET": SECRET, "UNSILO_JWT_ALGORITHMS": "RS256", **TOKENS},
            "allows no HS algorithm for the secret",
        ),
        (
            {"UNSILO_JWKS_FILE": "k.json", "UNSILO_JWT_ALGORITHMS": "HS256", **TOKENS},
            "allows no RS/ES algorithm for the JWKS",
        ),
        ({"UNSILO_JWKS_URL": "http://keys.example.com/jwks"}, "must be an https:// URL"),
        ({"UNSILO_JWT_LEEWAY": "900"}, "UNSILO_JWT_LEEWAY: '900' must be 0 to 300"),
        ({"UNSILO_PRIVACY_MIN_GROUP": "1"}, "UNSILO_PRIVACY_MIN_GROUP: '1' must be at least 2"),
        ({"UNSILO_ALLOW_INTROSPECTION": "maybe"}, "must be true or false"),
    ],
)
def test_wrong_authentication_settings_are_named(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(environ)
    assert named in str(raised.value)


def test_authentication_defaults_and_what_production_needs() -> None:
    settings = Settings.from_env({})
    assert not settings.auth_configured
    assert (settings.jwt_leeway, settings.jwt_claim, settings.privacy_min_group) == (
        30,
        "unsilo",
        5,
    )
    assert settings.introspection
    assert settings.graphiql
    settings.check_serving()  # development serves without credentials
    production = Settings.from_env({"UNSILO_MODE": "production"})
    assert not production.introspection
    assert not production.graphiql
    with pytest.raises(SettingsError, match="needs authentication: set UNSILO_JWT_SECRET"):
        production.check_serving()
    keyed = Settings.from_env({"UNSILO_MODE": "production", "UNSILO_API_KEYS_FILE": "keys.json"})
    keyed.check_serving()
    tokens = Settings.from_env({"UNSILO_MODE": "production", "UNSILO_JWT_SECRET": SECRET, **TOKENS})
    assert tokens.jwt_configured
    assert Settings.from_env(tokens.to_environ()) == tokens


def test_serve_in_production_without_credentials_stops_with_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "serve"],
        env={"PATH": "/usr/bin:/bin", "UNSILO_MODE": "production"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "UNSILO_MODE=production needs authentication" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_token_secret_never_shows_in_the_settings_repr() -> None:
    settings = Settings.from_env({"UNSILO_JWT_SECRET": SECRET, **TOKENS})
    assert settings.jwt_secret == SECRET
    assert SECRET not in repr(settings)
