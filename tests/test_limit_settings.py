"""The limit settings: parsed like the others, a wrong one named, and handed to the schema."""

from __future__ import annotations

import pytest

from schema.request_limits import QueryLimits
from service.http_limits import query_limits
from service.settings import Settings, SettingsError


def test_limits_are_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "UNSILO_MAX_BODY_BYTES": "1024",
            "UNSILO_MAX_QUERY_LENGTH": "500",
            "UNSILO_MAX_QUERY_TOKENS": "100",
            "UNSILO_MAX_QUERY_ALIASES": "0",
            "UNSILO_MAX_QUERY_DEPTH": "5",
            "UNSILO_MAX_QUERY_DIRECTIVES": "3",
            "UNSILO_MAX_QUERY_COST": "900",
            "UNSILO_MAX_ANALYSES_PER_REQUEST": "1",
            "UNSILO_REQUEST_TIMEOUT": "2.5",
            "UNSILO_RATE_LIMIT": "0",
            "UNSILO_RATE_BURST": "7",
        }
    )
    assert (settings.max_body_bytes, settings.max_query_length) == (1024, 500)
    assert (settings.request_timeout, settings.rate_limit, settings.rate_burst) == (2.5, 0, 7)
    assert query_limits(settings) == QueryLimits(
        max_query_tokens=100,
        max_query_aliases=0,
        max_query_depth=5,
        max_query_directives=3,
        max_query_cost=900,
        max_analyses_per_request=1,
    )


def test_the_schema_defaults_are_the_settings_defaults() -> None:
    assert query_limits(Settings()) == QueryLimits()


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"UNSILO_MAX_BODY_BYTES": "0"}, "UNSILO_MAX_BODY_BYTES: '0' must be at least 1"),
        ({"UNSILO_MAX_QUERY_DEPTH": "deep"}, "UNSILO_MAX_QUERY_DEPTH: 'deep' is not a number"),
        ({"UNSILO_MAX_QUERY_ALIASES": "-1"}, "UNSILO_MAX_QUERY_ALIASES: '-1' must be 0 or more"),
        ({"UNSILO_REQUEST_TIMEOUT": "0"}, "UNSILO_REQUEST_TIMEOUT: '0' must be greater than 0"),
        ({"UNSILO_RATE_LIMIT": "-2"}, "UNSILO_RATE_LIMIT: '-2' must be 0 or more"),
        ({"UNSILO_RATE_BURST": "0"}, "UNSILO_RATE_BURST: '0' must be at least 1"),
    ],
)
def test_wrong_limits_are_named(environ: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(environ)
    assert named in str(raised.value)
