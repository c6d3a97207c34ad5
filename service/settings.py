"""Settings from UNSILO_* environment variables; a wrong one stops start-up and is named.

`Settings(...)` takes values given in code and reads no environment; `Settings.from_env()` reads
one (the process's by default). Both check every value by the rules in `service.setting_values`
and raise `SettingsError` with one line naming each wrong setting.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

from platformdirs import user_data_dir
from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from graph_queries.retry import RetryPolicy
from service.setting_problems import SettingsError, one_line, problems_of, report
from service.setting_source import PREFIX, EnvironSource, is_service_link
from service.setting_values import (
    PUBLIC_KEY_ALGORITHMS,
    SHARED_SECRET_ALGORITHMS,
    Algorithms,
    CorsOrigins,
    GraphAlgorithms,
    JwksUrl,
    Leeway,
    LogFormat,
    LogLevel,
    Mode,
    NonNegativeFloat,
    NonNegativeInt,
    OtlpEndpoint,
    PathSample,
    PersistedMode,
    PollSeconds,
    Port,
    PositiveFloat,
    PositiveInt,
    PrivacyFloor,
    StoreUri,
    Switch,
)

__all__ = [
    "PREFIX",
    "PUBLIC_KEY_ALGORITHMS",
    "SHARED_SECRET_ALGORITHMS",
    "Settings",
    "SettingsError",
    "is_service_link",
]

MIN_SECRET_BYTES = 32  # RFC 7518 3.2: an HS256 key at least as long as the hash


def variable(name: str) -> str:
    return PREFIX + name.upper()


def default_store() -> Path:
    """Per user, not per working folder: every command finds the same store wherever it runs."""
    return Path(user_data_dir("unsilo")) / "unsilo.sqlite3"


class Settings(BaseSettings):
    """`store` is `sqlite:PATH` (embedded, the default) or a Neo4j URI."""

    model_config = SettingsConfigDict(frozen=True, extra="forbid", validate_default=True)

    mode: Mode = "development"
    host: str = "127.0.0.1"
    port: Port = 8000
    store: StoreUri = Field(default_factory=lambda: f"sqlite:{default_store()}")
    neo4j_user: str = "neo4j"
    neo4j_password: str = Field(default="", repr=False)
    neo4j_database: str = "neo4j"
    neo4j_max_pool_size: PositiveInt = 50
    neo4j_connection_timeout: PositiveFloat = 5.0
    log_level: LogLevel = "INFO"
    # `auto`: one JSON object a line in production, readable text in development.
    log_format: LogFormat = "auto"
    # Serve Prometheus metrics at /metrics (no authentication: keep it off public networks).
    metrics: Switch = True
    # Export traces to this OTLP/HTTP collector URL; empty: no tracing (docs/operations.md).
    otlp_endpoint: OtlpEndpoint = ""
    # Server processes behind one port; each has its own caches, keyed alike (same key, same
    # answer in every worker).
    workers: PositiveInt = 1
    # Serialized analysis responses kept per worker, in MiB; 0 turns that cache off.
    response_cache_mb: NonNegativeInt = 64
    # Shortest paths are counted from at most this many units and leaders per analysis, and
    # estimated above; 0 counts them all, however long it takes. Written out, not imported:
    # the analyses load networkx, which every CLI command would then pay for at start-up
    # (tests/test_settings.py checks it equals silos.DEFAULT_PATH_SAMPLE).
    path_sample: PathSample = 2000
    # Analysis snapshots kept per organization for its trends; a capture beyond drops the
    # oldest (by effective date). Equals stores.analysis_snapshots.DEFAULT_KEPT.
    snapshots_kept: PositiveInt = 200
    # `gds`: unit betweenness and executive communities computed by Neo4j Graph Data Science in
    # the database (a Neo4j store only; start-up fails if the server has no GDS).
    graph_algorithms: GraphAlgorithms = "local"
    # A write that loses the race for its organization's version starts over, at most this
    # many times in all, after a random wait of up to write_backoff_ms * 2**n, at most
    # write_backoff_cap_ms (full jitter); then it answers WRITE_CONFLICT (retryable).
    write_attempts: PositiveInt = 12
    write_backoff_ms: PositiveFloat = 5.0
    write_backoff_cap_ms: PositiveFloat = 500.0
    # The longest string a request may pass in anywhere (arguments, variables, documents);
    # longer is BAD_USER_INPUT naming it. Above every stored text's limit (2,000).
    max_text_argument: PositiveInt = 10_000
    # Bearer tokens (docs/security.md). An HS shared secret; none by default. Kept out of the
    # repr, so that logging the settings cannot leak it.
    jwt_secret: str = Field(default="", repr=False)
    # Public keys for RS/ES tokens, fetched (and cached) from a URL or read from a file.
    jwks_url: JwksUrl = ""
    jwks_file: str = ""
    # Accepted signature algorithms; `none` is refused by the parser.
    jwt_algorithms: Algorithms = "HS256,RS256,ES256"
    # Every JWT must name this issuer and audience: a token minted for another service fails.
    jwt_issuer: str = ""
    jwt_audience: str = ""
    # Seconds of clock difference tolerated on `exp` and `nbf`.
    jwt_leeway: Leeway = 30
    # The claim holding the caller's organizations and roles.
    jwt_claim: str = "unsilo"
    # Hashed API keys for services (`unsilo create-key` writes them); none by default.
    api_keys_file: str = ""
    # Production hides the schema and the in-browser IDE unless these allow them.
    allow_introspection: Switch = False
    allow_graphiql: Switch = False
    # Serve the explorer page's static files at /explorer; its data still needs the API's
    # credentials, which its user types in (docs/explorer.md).
    explorer: Switch = True
    # Serve downloads of each organization's graph, results, tables and report at
    # /organizations/{id}/exports/{file}, to its ANALYSTs (docs/exports.md).
    exports: Switch = True
    # The largest export file one download may produce, in MiB; larger is refused, named.
    export_max_mb: PositiveInt = 64
    # Queries (never mutations) by GET as well as POST; off: a link or an image tag could
    # otherwise run a query with the browser's credentials (docs/http.md).
    allow_get: Switch = False
    # Browser origins allowed to call /graphql from other sites (CORS); none by default, so
    # that no browser page elsewhere may read answers. `*` is for development only.
    cors_origins: CorsOrigins = ""
    # A JSON file {sha256 hex: document} of the operations clients may send by hash; read at
    # start-up (service/persisted_queries.py).
    persisted_queries: str = ""
    # `only`: nothing but those operations; `also`: full documents too; `auto`: only them in
    # production once a manifest is set, so that a deployed client cannot send new queries.
    persisted_queries_mode: PersistedMode = "auto"
    # Analyses never report figures on fewer people than this (the privacy floor).
    privacy_min_group: PrivacyFloor = 5
    # The floor for figures that read ties made from calendars or e-mail (`meeting`, `email`).
    privacy_min_group_metadata: PrivacyFloor = 10

    # ---- limits: each bounds what one request or one caller may cost (docs/security.md) ----
    # Request body, in bytes: a 10,000-leader import document is about 5 MiB.
    max_body_bytes: PositiveInt = 16 * 1024 * 1024
    # Characters of query text: a hand-written operation is a few hundred, introspection 1,500.
    max_query_length: PositiveInt = 10_000
    # Lexical tokens, counted by the parser, which stops there (introspection is 183): parsing
    # 2,000 takes a few milliseconds of the event loop.
    max_query_tokens: PositiveInt = 2_000
    # Aliased fields in the document: aliases are how one request repeats a costly field.
    max_query_aliases: NonNegativeInt = 50
    # Nesting of fields, fragments expanded (introspection fields not counted).
    max_query_depth: PositiveInt = 12
    # Directives in the document (each is evaluated on every field it is on).
    max_query_directives: NonNegativeInt = 50
    # Estimated fields resolved: page sizes multiply down the tree, an analysis counts 1,000;
    # a page of 100 units with their members, reports and ties (tests/test_api.py) is 73,802.
    max_query_cost: PositiveInt = 100_000
    # Distinct (organization, analysis, arguments) computations one request may start.
    max_analyses_per_request: PositiveInt = 2
    # Seconds a GraphQL request may take before it answers TIMEOUT.
    request_timeout: PositiveFloat = 30.0
    # Requests per second per caller, refilling a bucket of `rate_burst`; 0 turns it off.
    rate_limit: NonNegativeFloat = 50.0
    rate_burst: PositiveInt = 100

    # ---- subscriptions over WebSocket at /graphql (docs/subscriptions.md) ----
    subscriptions: Switch = True
    # Seconds between two reads of a watched organization's graph version: how late a write
    # by another process (a replica, the command line) is seen. Writes here are seen at once.
    subscription_poll_seconds: PollSeconds = 5.0
    # Subscriptions running at once on one connection, and connections open at once per caller.
    subscriptions_per_connection: PositiveInt = 5
    websockets_per_caller: PositiveInt = 10

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as error:
            problems = problems_of(error)
            raise SettingsError(report(problems, variable), problems) from None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Values given in code only: the environment is read by `from_env`, from the mapping it
        # is given, so that `Settings()` is the defaults wherever it runs.
        return (init_settings,)

    @model_validator(mode="after")
    def _check_authentication(self) -> Self:
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
                    problems.append(f"{variable(name)}: required when tokens are accepted")
        if not self.development and "*" in self.cors_origin_list:
            # Any site could then read what a signed-in user's browser is answered.
            problems.append(f"{PREFIX}CORS_ORIGINS: '*' is not allowed in production")
        if self.persisted_queries_mode == "only" and not self.persisted_queries:
            problems.append(
                f"{PREFIX}PERSISTED_QUERIES_MODE: 'only' needs {PREFIX}PERSISTED_QUERIES"
            )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def persisted_only(self) -> bool:
        """Whether only the manifest's operations are accepted."""
        if self.persisted_queries_mode == "auto":
            return not self.development and bool(self.persisted_queries)
        return self.persisted_queries_mode == "only"

    @property
    def cors_origin_list(self) -> list[str]:
        return self.cors_origins.split(",") if self.cors_origins else []

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
        """Every UNSILO_* variable of `environ` (default: the process's) that is a setting; an
        unknown one is refused, so that a misspelt name cannot silently leave a default."""
        source = EnvironSource(cls, os.environ if environ is None else environ)
        lines = [f"{key}: unknown setting" for key in source.unknown()]
        try:
            settings = cls(**source())
        except SettingsError as error:
            lines += [problem.line(variable) for problem in error.problems]
        if lines:
            raise SettingsError(one_line(sorted(lines)))
        return settings

    def to_environ(self) -> dict[str, str]:
        """These settings as UNSILO_* variables, read back by `from_env` in a worker process."""
        return {variable(name): str(getattr(self, name)) for name in type(self).model_fields}

    def with_overrides(self, **overrides: Any) -> Settings:
        """Apply command-line options, parsed by the same rules as the environment."""
        given = {name: str(raw) for name, raw in overrides.items() if raw is not None}
        try:
            return type(self)(**{**self.model_dump(), **given})
        except SettingsError as error:
            option = {name: "--" + name.replace("_", "-") for name in given}
            named = report(error.problems, lambda name: option.get(name, variable(name)))
            raise SettingsError(named, error.problems) from None
