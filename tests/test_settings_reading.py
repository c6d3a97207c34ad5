"""How settings are read: only the environment `from_env` is given, by the project's own rules
for text (not pydantic's wider ones), and every problem on one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from service.settings import Settings, SettingsError


def test_settings_made_in_code_read_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNSILO_PORT", "9999")
    assert Settings().port == 8000
    assert Settings.from_env().port == 9999
    assert Settings.from_env({}).port == 8000


def test_only_the_upper_case_prefix_names_a_setting() -> None:
    assert Settings.from_env({"unsilo_port": "9001", "Unsilo_PORT": "9002"}).port == 8000
    assert Settings.from_env({"UNSILO_port": "9003"}).port == 9003


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        # pydantic alone would read these; the settings never did.
        ({"UNSILO_WORKERS": "2.0"}, "UNSILO_WORKERS: '2.0' is not a number"),
        ({"UNSILO_METRICS": "t"}, "UNSILO_METRICS: 't' must be true or false"),
        ({"UNSILO_ALLOW_GRAPHIQL": "y"}, "UNSILO_ALLOW_GRAPHIQL: 'y' must be true or false"),
        ({"UNSILO_REQUEST_TIMEOUT": "nan"}, "UNSILO_REQUEST_TIMEOUT: 'nan' must be greater than 0"),
        ({"UNSILO_LOG_FORMAT": "XML"}, "UNSILO_LOG_FORMAT: 'XML' must be one of auto, json, text"),
    ],
)
def test_text_is_read_by_the_settings_own_rules(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(environ)
    assert str(raised.value) == named


def test_text_the_rules_accept() -> None:
    settings = Settings.from_env(
        {
            "UNSILO_PORT": " 9001 ",
            "UNSILO_METRICS": "Off",
            "UNSILO_ALLOW_INTROSPECTION": "YES",
            "UNSILO_LOG_LEVEL": "warning",
            "UNSILO_JWT_ALGORITHMS": "RS256, RS256 ,ES256",
            "UNSILO_RATE_LIMIT": "0.5",
        }
    )
    assert (settings.port, settings.metrics, settings.allow_introspection) == (9001, False, True)
    assert (settings.log_level, settings.jwt_algorithms) == ("WARNING", "RS256,ES256")
    assert settings.rate_limit == 0.5


def test_unknown_wrong_and_conflicting_settings_are_all_named_on_one_line() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(
            {"UNSILO_PROT": "1", "UNSILO_PORT": "x\ny", "UNSILO_WORKERS": "0", "UNSILO_X": ""}
        )
    message = str(raised.value)
    assert "\n" not in message
    assert message == (
        "UNSILO_PORT: 'x\\ny' is not a number; UNSILO_PROT: unknown setting; "
        "UNSILO_WORKERS: '0' must be at least 1; UNSILO_X: unknown setting"
    )
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"UNSILO_PROT": "1", "UNSILO_JWKS_FILE": "k.json"})
    assert str(raised.value) == (
        "UNSILO_JWT_ISSUER: required when tokens are accepted; UNSILO_JWT_AUDIENCE: required "
        "when tokens are accepted; UNSILO_PROT: unknown setting"
    )


def test_settings_made_in_code_are_checked_by_the_same_rules() -> None:
    with pytest.raises(SettingsError, match=r"^UNSILO_PORT: 0 must be 1 to 65535$"):
        Settings(port=0)
    with pytest.raises(SettingsError, match=r"^UNSILO_WORKERS: True is not a number$"):
        Settings(workers=True)
    with pytest.raises(SettingsError, match=r"^UNSILO_PROT: unknown setting$"):
        Settings(prot=8000)  # type: ignore[call-arg]
    with pytest.raises(SettingsError, match="UNSILO_JWT_SECRET: must be at least 32 bytes"):
        Settings(jwt_secret="short", jwt_issuer="i", jwt_audience="a")


def test_overrides_name_the_option_and_the_checks_across_settings_name_the_variables() -> None:
    with pytest.raises(SettingsError) as raised:
        Settings().with_overrides(port="0", workers="many", host=None, store="x")
    assert str(raised.value) == (
        "--port: '0' must be 1 to 65535; --store: 'x' must start with sqlite:, neo4j:// or "
        "bolt://; --workers: 'many' is not a number"
    )
    with pytest.raises(SettingsError, match=r"^UNSILO_JWT_ISSUER: required"):
        Settings().with_overrides(jwt_secret="s" * 32)
    assert Settings().with_overrides(metrics=False, request_timeout=2.5) == Settings(
        metrics=False, request_timeout=2.5
    )


def test_settings_are_immutable_values() -> None:
    settings = Settings.from_env({"UNSILO_PORT": "9001"})
    with pytest.raises(ValueError, match="frozen"):
        settings.port = 1  # type: ignore[misc]
    assert settings == Settings(port=9001)
    assert hash(settings) == hash(Settings(port=9001))
    assert settings != Settings()


def test_the_neo4j_password_never_shows_in_the_settings_repr() -> None:
    settings = Settings.from_env({"UNSILO_NEO4J_PASSWORD": "hunter2-but-longer"})
    assert settings.neo4j_password == "hunter2-but-longer"
    assert "hunter2" not in repr(settings)


def test_every_wrong_setting_is_named_on_one_line_and_start_up_stops() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "serve"],
        env={"PATH": "/usr/bin:/bin", "UNSILO_PORT": "eighty", "UNSILO_MODE": "staging"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "unsilo: invalid setting: UNSILO_MODE: 'staging' must be one of development, production; "
        "UNSILO_PORT: 'eighty' is not a number"
    ]
