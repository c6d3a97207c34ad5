"""Settings from UNSILO_* environment variables; a wrong one stops start-up and is named."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

PREFIX = "UNSILO_"
MODES = ("development", "production")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(ValueError):
    """A setting has a value the service cannot start with."""


def _port(value: str) -> int:
    port = int(value)
    if not 1 <= port <= 65535:
        raise ValueError("must be 1 to 65535")
    return port


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be at least 1")
    return number


def _non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("must be 0 or more")
    return number


def _path_sample(value: str) -> int:
    number = int(value)
    if number == 1 or number < 0:
        raise ValueError("must be 0 (always exact) or at least 2")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError("must be greater than 0")
    return number


def _non_negative_float(value: str) -> float:
    number = float(value)
    if not number >= 0:
        raise ValueError("must be 0 or more")
    return number


def _choice(options: tuple[str, ...], upper: bool = False) -> Callable[[str], str]:
    def parse(value: str) -> str:
        value = value.upper() if upper else value.lower()
        if value not in options:
            raise ValueError("must be one of " + ", ".join(options))
        return value

    return parse


def _store_uri(value: str) -> str:
    scheme = value.split(":", 1)[0]
    if scheme not in ("sqlite", "neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"):
        raise ValueError("must start with sqlite:, neo4j:// or bolt://")
    return value


PARSERS: dict[str, Callable[[str], Any]] = {
    "mode": _choice(MODES),
    "host": str,
    "port": _port,
    "store": _store_uri,
    "neo4j_user": str,
    "neo4j_password": str,
    "neo4j_database": str,
    "neo4j_max_pool_size": _positive_int,
    "neo4j_connection_timeout": _positive_float,
    "log_level": _choice(LOG_LEVELS, upper=True),
    "workers": _positive_int,
    "response_cache_mb": _non_negative_int,
    "path_sample": _path_sample,
    # Limits (docs/security.md, "Limits").
    "max_body_bytes": _positive_int,
    "max_query_length": _positive_int,
    "max_query_tokens": _positive_int,
    "max_query_aliases": _non_negative_int,
    "max_query_depth": _positive_int,
    "max_query_directives": _non_negative_int,
    "max_query_cost": _positive_int,
    "max_analyses_per_request": _positive_int,
    "request_timeout": _positive_float,
    "rate_limit": _non_negative_float,
    "rate_burst": _positive_int,
}


@dataclass(frozen=True, slots=True)
class Settings:
    """`store` is `sqlite:PATH` (embedded, the default) or a Neo4j URI."""

    mode: str = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    store: str = "sqlite:data/unsilo.sqlite3"
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    neo4j_max_pool_size: int = 50
    neo4j_connection_timeout: float = 5.0
    log_level: str = "INFO"
    # Server processes behind one port; each has its own caches, keyed alike (same key, same
    # answer in every worker).
    workers: int = 1
    # Serialized analysis responses kept per worker, in MiB; 0 turns that cache off.
    response_cache_mb: int = 64
    # Shortest paths are counted from at most this many units and leaders per analysis, and
    # estimated above; 0 counts them all, however long it takes. Written out, not imported:
    # the analyses load networkx, which every CLI command would then pay for at start-up
    # (tests/test_settings.py checks it equals silos.DEFAULT_PATH_SAMPLE).
    path_sample: int = 2000
    # ---- limits: each bounds what one request or one caller may cost (docs/security.md) ----
    # Request body, in bytes: a 10,000-leader import document is about 5 MiB.
    max_body_bytes: int = 16 * 1024 * 1024
    # Characters of query text: a hand-written operation is a few hundred, introspection 1,500.
    max_query_length: int = 10_000
    # Lexical tokens, counted by the parser, which stops there (introspection is 183): parsing
    # 2,000 takes a few milliseconds of the event loop.
    max_query_tokens: int = 2_000
    # Aliased fields in the document: aliases are how one request repeats a costly field.
    max_query_aliases: int = 50
    # Nesting of fields, fragments expanded (introspection fields not counted).
    max_query_depth: int = 12
    # Directives in the document (each is evaluated on every field it is on).
    max_query_directives: int = 50
    # Estimated fields resolved: page sizes multiply down the tree, an analysis counts 1,000;
    # a page of 100 units with their members, reports and ties (tests/test_api.py) is 73,802.
    max_query_cost: int = 100_000
    # Distinct (organization, analysis, arguments) computations one request may start.
    max_analyses_per_request: int = 2
    # Seconds a GraphQL request may take before it answers TIMEOUT.
    request_timeout: float = 30.0
    # Requests per second per caller, refilling a bucket of `rate_burst`; 0 turns it off.
    rate_limit: float = 50.0
    rate_burst: int = 100

    @property
    def development(self) -> bool:
        return self.mode == "development"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        problems: list[str] = []
        for key, raw in environ.items():
            if not key.startswith(PREFIX) or key.startswith(PREFIX + "TEST_"):
                continue
            name = key[len(PREFIX) :].lower()
            if name not in known:
                problems.append(f"{key}: unknown setting")
                continue
            try:
                values[name] = PARSERS[name](raw)
            except ValueError as error:
                problems.append(f"{key}: {raw!r} {_reason(error)}")
        if problems:
            raise SettingsError("; ".join(sorted(problems)))
        return cls(**values)

    def to_environ(self) -> dict[str, str]:
        """These settings as UNSILO_* variables, read back by `from_env` in a worker process."""
        return {PREFIX + f.name.upper(): str(getattr(self, f.name)) for f in fields(self)}

    def with_overrides(self, **overrides: Any) -> Settings:
        """Apply command-line options, parsed by the same rules as the environment."""
        problems: list[str] = []
        values: dict[str, Any] = {}
        for name, raw in overrides.items():
            if raw is None:
                continue
            try:
                values[name] = PARSERS[name](str(raw))
            except ValueError as error:
                problems.append(f"--{name.replace('_', '-')}: {raw!r} {_reason(error)}")
        if problems:
            raise SettingsError("; ".join(problems))
        return replace(self, **values)


def _reason(error: ValueError) -> str:
    text = str(error)
    if text.startswith(("invalid literal", "could not convert")):
        return "is not a number"
    return text
