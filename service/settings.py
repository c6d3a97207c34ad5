"""Settings from UNSILO_* environment variables; a wrong one stops start-up and is named."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from graph_queries.retry import RetryPolicy
from service.otlp import otlp_endpoint

PREFIX = "UNSILO_"
MODES = ("development", "production")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("auto", "json", "text")
# HS and RS/ES are never mixed for one key source: a public key must not verify as an HMAC
# secret (the classic algorithm confusion), so each source gets only its own family.
SHARED_SECRET_ALGORITHMS = ("HS256", "HS384", "HS512")
PUBLIC_KEY_ALGORITHMS = (
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"
)  # fmt: skip
MIN_SECRET_BYTES = 32  # RFC 7518 3.2: an HS256 key at least as long as the hash
MAX_LEEWAY = 300


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


def _boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError("must be true or false")


def _leeway(value: str) -> int:
    seconds = int(value)
    if not 0 <= seconds <= MAX_LEEWAY:
        raise ValueError(f"must be 0 to {MAX_LEEWAY} seconds")
    return seconds


def _privacy_floor(value: str) -> int:
    number = int(value)
    if number < 2:
        raise ValueError("must be at least 2 (1 would report on single people)")
    return number


def _algorithms(value: str) -> str:
    names = [name.strip() for name in value.split(",") if name.strip()]
    if not names:
        raise ValueError("must name at least one algorithm")
    for name in names:
        if name.lower() == "none":
            raise ValueError("must not allow unsigned tokens (none)")
        if name not in SHARED_SECRET_ALGORITHMS + PUBLIC_KEY_ALGORITHMS:
            allowed = ", ".join(SHARED_SECRET_ALGORITHMS + PUBLIC_KEY_ALGORITHMS)
            raise ValueError(f"{name!r} is not one of {allowed}")
    return ",".join(dict.fromkeys(names))


def _jwks_url(value: str) -> str:
    if value and not value.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ValueError("must be an https:// URL (plain http only on loopback)")
    return value


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
    "log_format": _choice(LOG_FORMATS),
    "metrics": _boolean,
    "otlp_endpoint": otlp_endpoint,
    "workers": _positive_int,
    "response_cache_mb": _non_negative_int,
    "path_sample": _path_sample,
    "graph_algorithms": _choice(("local", "gds")),
    "write_attempts": _positive_int,
    "write_backoff_ms": _positive_float,
    "write_backoff_cap_ms": _positive_float,
    "max_text_argument": _positive_int,
    "jwt_secret": str,
    "jwks_url": _jwks_url,
    "jwks_file": str,
    "jwt_algorithms": _algorithms,
    "jwt_issuer": str,
    "jwt_audience": str,
    "jwt_leeway": _leeway,
    "jwt_claim": str,
    "api_keys_file": str,
    "allow_introspection": _boolean,
    "allow_graphiql": _boolean,
    "privacy_min_group": _privacy_floor,
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
    # `auto`: one JSON object a line in production, readable text in development.
    log_format: str = "auto"
    # Serve Prometheus metrics at /metrics (no authentication: keep it off public networks).
    metrics: bool = True
    # Export traces to this OTLP/HTTP collector URL; empty: no tracing (docs/operations.md).
    otlp_endpoint: str = ""
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
    # `gds`: unit betweenness and executive communities computed by Neo4j Graph Data Science in
    # the database (a Neo4j store only; start-up fails if the server has no GDS).
    graph_algorithms: str = "local"
    # A write that loses the race for its organization's version starts over, at most this
    # many times in all, after a random wait of up to write_backoff_ms * 2**n, at most
    # write_backoff_cap_ms (full jitter); then it answers WRITE_CONFLICT (retryable).
    write_attempts: int = 12
    write_backoff_ms: float = 5.0
    write_backoff_cap_ms: float = 500.0
    # The longest string a request may pass in anywhere (arguments, variables, documents);
    # longer is BAD_USER_INPUT naming it. Above every stored text's limit (2,000).
    max_text_argument: int = 10_000
    # Bearer tokens (docs/security.md). An HS shared secret; none by default. Kept out of the
    # repr, so that logging the settings cannot leak it.
    jwt_secret: str = field(default="", repr=False)
    # Public keys for RS/ES tokens, fetched (and cached) from a URL or read from a file.
    jwks_url: str = ""
    jwks_file: str = ""
    # Accepted signature algorithms; `none` is refused by the parser.
    jwt_algorithms: str = "HS256,RS256,ES256"
    # Every JWT must name this issuer and audience: a token minted for another service fails.
    jwt_issuer: str = ""
    jwt_audience: str = ""
    # Seconds of clock difference tolerated on `exp` and `nbf`.
    jwt_leeway: int = 30
    # The claim holding the caller's organizations and roles.
    jwt_claim: str = "unsilo"
    # Hashed API keys for services (`unsilo create-key` writes them); none by default.
    api_keys_file: str = ""
    # Production hides the schema and the in-browser IDE unless these allow them.
    allow_introspection: bool = False
    allow_graphiql: bool = False
    # Analyses never report figures on fewer people than this (the privacy floor).
    privacy_min_group: int = 5

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

    def __post_init__(self) -> None:
        problems = self._auth_problems()
        if problems:
            raise SettingsError("; ".join(problems))

    def _auth_problems(self) -> list[str]:
        problems: list[str] = []
        algorithms = self.jwt_algorithms.split(",")
        if self.jwt_secret:
            if len(self.jwt_secret.encode()) < MIN_SECRET_BYTES:
                problems.append(f"{PREFIX}JWT_SECRET: must be at least {MIN_SECRET_BYTES} bytes")
            if not set(algorithms) & set(SHARED_SECRET_ALGORITHMS):
                problems.append(f"{PREFIX}JWT_ALGORITHMS: allows no HS algorithm for the secret")
        if self.jwks_url and self.jwks_file:
            problems.append(f"{PREFIX}JWKS_URL and {PREFIX}JWKS_FILE: set only one")
        if (self.jwks_url or self.jwks_file) and not set(algorithms) & set(PUBLIC_KEY_ALGORITHMS):
            problems.append(f"{PREFIX}JWT_ALGORITHMS: allows no RS/ES algorithm for the JWKS")
        if self.jwt_configured:
            for name in ("jwt_issuer", "jwt_audience"):
                if not getattr(self, name):
                    problems.append(f"{PREFIX}{name.upper()}: required when tokens are accepted")
        return problems

    @property
    def jwt_configured(self) -> bool:
        return bool(self.jwt_secret or self.jwks_url or self.jwks_file)

    @property
    def auth_configured(self) -> bool:
        return self.jwt_configured or bool(self.api_keys_file)

    @property
    def introspection(self) -> bool:
        return self.development or self.allow_introspection

    @property
    def graphiql(self) -> bool:
        return self.development or self.allow_graphiql

    def check_serving(self) -> None:
        """Production never serves without authentication."""
        if not self.development and not self.auth_configured:
            raise SettingsError(
                f"{PREFIX}MODE=production needs authentication: set {PREFIX}JWT_SECRET, "
                f"{PREFIX}JWKS_URL, {PREFIX}JWKS_FILE or {PREFIX}API_KEYS_FILE"
            )

    @property
    def development(self) -> bool:
        return self.mode == "development"

    @property
    def write_retry(self) -> RetryPolicy:
        return RetryPolicy(
            attempts=self.write_attempts,
            base_seconds=self.write_backoff_ms / 1000,
            cap_seconds=self.write_backoff_cap_ms / 1000,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        problems: list[str] = []
        for key, raw in environ.items():
            if not key.startswith(PREFIX) or key.startswith(PREFIX + "TEST_"):
                continue
            if is_service_link(key, raw):
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


# Kubernetes gives every pod the address of each Service in its namespace, named after the
# Service: one named `unsilo` yields UNSILO_SERVICE_HOST, UNSILO_SERVICE_PORT[_<name>],
# UNSILO_PORT=tcp://10.96.0.12:8000 and UNSILO_PORT_8000_TCP[_PROTO|_PORT|_ADDR]. None of them is a
# setting; UNSILO_PORT is one, but never with a URL for a value.
_SERVICE_LINK = re.compile(
    PREFIX
    + r"(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_[0-9]+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)"
)
_SERVICE_LINK_ADDRESS = re.compile(r"(tcp|udp|sctp)://[^\s]+:[0-9]+")


def is_service_link(key: str, value: str) -> bool:
    """Whether `key=value` is a variable Kubernetes injects for a Service named `unsilo`
    (service links), which start-up leaves alone rather than reading it as a setting."""
    if key == PREFIX + "PORT":
        return _SERVICE_LINK_ADDRESS.fullmatch(value) is not None
    return _SERVICE_LINK.fullmatch(key) is not None


def _reason(error: ValueError) -> str:
    text = str(error)
    if text.startswith(("invalid literal", "could not convert")):
        return "is not a number"
    return text
