"""The kinds of value a setting takes: how each is read from its text, and what it allows.

Each reader takes a variable's text (or a value given in code) and returns the value, or raises
ValueError with the words that follow the variable and its value in the message, as in
`UNSILO_PORT: '70000' must be 1 to 65535`. They run before pydantic's own type check, so the
environment's text is read by these rules alone (`int()`, not pydantic's wider number syntax).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from service.otlp import otlp_endpoint

MODES = ("development", "production")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("auto", "json", "text")
GRAPH_ALGORITHMS = ("local", "gds")
PERSISTED_MODES = ("auto", "only", "also")
STORE_SCHEMES = ("sqlite", "neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
# HS and RS/ES are never mixed for one key source: a public key must not verify as an HMAC
# secret (the classic algorithm confusion), so each source gets only its own family.
SHARED_SECRET_ALGORITHMS = ("HS256", "HS384", "HS512")
PUBLIC_KEY_ALGORITHMS = (
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"
)  # fmt: skip
MAX_LEEWAY = 300
# How often subscriptions read an organization's graph version: more often would be a store
# read per watched organization several times a second; less, a change seen an hour late.
MIN_POLL_SECONDS = 0.5
MAX_POLL_SECONDS = 3600.0


def whole_number(value: Any) -> int:
    # A bool is an int to Python, never a count or a port to a person.
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("is not a number")
    try:
        return int(value)
    except ValueError:
        raise ValueError("is not a number") from None


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("is not a number")
    try:
        return float(value)
    except ValueError:
        raise ValueError("is not a number") from None


def port(value: Any) -> int:
    read = whole_number(value)
    if not 1 <= read <= 65535:
        raise ValueError("must be 1 to 65535")
    return read


def positive_int(value: Any) -> int:
    read = whole_number(value)
    if read < 1:
        raise ValueError("must be at least 1")
    return read


def non_negative_int(value: Any) -> int:
    read = whole_number(value)
    if read < 0:
        raise ValueError("must be 0 or more")
    return read


def path_sample(value: Any) -> int:
    read = whole_number(value)
    if read == 1 or read < 0:
        raise ValueError("must be 0 (always exact) or at least 2")
    return read


def positive_float(value: Any) -> float:
    read = number(value)
    if not read > 0:  # also refuses nan
        raise ValueError("must be greater than 0")
    return read


def non_negative_float(value: Any) -> float:
    read = number(value)
    if not read >= 0:
        raise ValueError("must be 0 or more")
    return read


def poll_seconds(value: Any) -> float:
    read = number(value)
    if not MIN_POLL_SECONDS <= read <= MAX_POLL_SECONDS:
        raise ValueError(f"must be {MIN_POLL_SECONDS:g} to {MAX_POLL_SECONDS:g} seconds")
    return read


def leeway(value: Any) -> int:
    seconds = whole_number(value)
    if not 0 <= seconds <= MAX_LEEWAY:
        raise ValueError(f"must be 0 to {MAX_LEEWAY} seconds")
    return seconds


def privacy_floor(value: Any) -> int:
    read = whole_number(value)
    if read < 2:
        raise ValueError("must be at least 2 (1 would report on single people)")
    return read


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError("must be true or false")


def choice(options: tuple[str, ...], upper: bool = False) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        text = str(value).upper() if upper else str(value).lower()
        if text not in options:
            raise ValueError("must be one of " + ", ".join(options))
        return text

    return read


def algorithms(value: Any) -> str:
    names = [name.strip() for name in str(value).split(",") if name.strip()]
    if not names:
        raise ValueError("must name at least one algorithm")
    for name in names:
        if name.lower() == "none":
            raise ValueError("must not allow unsigned tokens (none)")
        if name not in SHARED_SECRET_ALGORITHMS + PUBLIC_KEY_ALGORITHMS:
            allowed = ", ".join(SHARED_SECRET_ALGORITHMS + PUBLIC_KEY_ALGORITHMS)
            raise ValueError(f"{name!r} is not one of {allowed}")
    return ",".join(dict.fromkeys(names))


def jwks_url(value: Any) -> str:
    text = str(value)
    if text and not text.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ValueError("must be an https:// URL (plain http only on loopback)")
    return text


def otlp(value: Any) -> str:
    return otlp_endpoint(str(value))


def cors_origins(value: Any) -> str:
    """Exact origins (`https://app.example.com`), comma-separated, or `*`; empty: no CORS."""
    names = [name.strip() for name in str(value).split(",") if name.strip()]
    for name in names:
        if name == "*":
            continue
        scheme, separator, rest = name.partition("://")
        if scheme not in ("http", "https") or not separator or not rest or "/" in rest:
            raise ValueError(f"{name!r} is not an origin like https://app.example.com (no path)")
    return ",".join(dict.fromkeys(names))


def store_uri(value: Any) -> str:
    text = str(value)
    if text.split(":", 1)[0] not in STORE_SCHEMES:
        raise ValueError("must start with sqlite:, neo4j:// or bolt://")
    return text


Port = Annotated[int, BeforeValidator(port)]
PositiveInt = Annotated[int, BeforeValidator(positive_int)]
NonNegativeInt = Annotated[int, BeforeValidator(non_negative_int)]
PathSample = Annotated[int, BeforeValidator(path_sample)]
PositiveFloat = Annotated[float, BeforeValidator(positive_float)]
NonNegativeFloat = Annotated[float, BeforeValidator(non_negative_float)]
Leeway = Annotated[int, BeforeValidator(leeway)]
PollSeconds = Annotated[float, BeforeValidator(poll_seconds)]
PrivacyFloor = Annotated[int, BeforeValidator(privacy_floor)]
Switch = Annotated[bool, BeforeValidator(boolean)]
Mode = Annotated[Literal["development", "production"], BeforeValidator(choice(MODES))]
LogLevel = Annotated[
    Literal["DEBUG", "INFO", "WARNING", "ERROR"], BeforeValidator(choice(LOG_LEVELS, upper=True))
]
LogFormat = Annotated[Literal["auto", "json", "text"], BeforeValidator(choice(LOG_FORMATS))]
GraphAlgorithms = Annotated[Literal["local", "gds"], BeforeValidator(choice(GRAPH_ALGORITHMS))]
PersistedMode = Annotated[Literal["auto", "only", "also"], BeforeValidator(choice(PERSISTED_MODES))]
Algorithms = Annotated[str, BeforeValidator(algorithms)]
JwksUrl = Annotated[str, BeforeValidator(jwks_url)]
OtlpEndpoint = Annotated[str, BeforeValidator(otlp)]
StoreUri = Annotated[str, BeforeValidator(store_uri)]
CorsOrigins = Annotated[str, BeforeValidator(cors_origins)]
