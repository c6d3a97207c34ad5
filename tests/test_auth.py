"""Credentials on the real app: API keys, JWKS keys, production start-up, introspection."""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import json
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service import cli
from service.app import create_app
from service.settings import Settings, SettingsError
from tests import tokens
from tests.live import LiveServer, serve
from tests.orgs import acme

IMPORT = (
    """mutation($d: JSON!) { importOrganization(document: $d, replace: true) { __typename } }"""
)
NAME = """{ organization(id: "acme") { name } }"""
RENAME = """mutation { updateOrganization(id: "acme", input: {name: "R"}) { __typename } }"""
SCHEMA = """{ __schema { queryType { name } } }"""


def post(api: LiveServer, query: str, credential: str | None, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {credential}"} if credential else {}
    return api.client.post(
        f"{api.url}/graphql", json={"query": query, "variables": variables}, headers=headers
    )


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "unsilo.sqlite3"

    async def fill() -> None:
        store = SqliteStore(path)
        await store.migrate()
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
        await store.close()

    asyncio.run(fill())
    return path


def new_key(keys: Path, *grants: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    orgs = [argument for grant in grants for argument in ("--org", grant)]
    assert cli.main(["create-key", "--name", "svc", *orgs, "--keys-file", str(keys)]) == 0
    return capsys.readouterr().out.strip()


def test_api_keys_are_stored_hashed_grant_their_roles_and_are_revoked_without_restart(
    tmp_path: Path, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = tmp_path / "keys.json"
    viewer = new_key(keys, "acme=VIEWER", capsys=capsys)
    editor = new_key(keys, "acme=EDITOR", capsys=capsys)
    stored = keys.read_text()
    assert viewer not in stored
    assert editor not in stored
    # The secret is everything after the second underscore; it may hold underscores itself.
    assert viewer.split("_", 2)[2] not in stored  # nor the secret part
    assert oct(keys.stat().st_mode & 0o777) == "0o600"

    settings = Settings(mode="production", api_keys_file=str(keys))
    with serve(create_app(settings, lambda: SqliteStore(store_path))) as api:
        assert post(api, NAME, viewer).json()["data"]["organization"]["name"] == "Acme Widgets"
        refused = post(api, RENAME, viewer).json()
        assert refused["errors"][0]["extensions"] == {"code": "FORBIDDEN", "requiredRole": "EDITOR"}
        assert post(api, RENAME, editor).json()["data"]["updateOrganization"]["__typename"] == (
            "OrganizationPayload"
        )
        wrong = editor[:-4] + ("AAAA" if not editor.endswith("AAAA") else "BBBB")
        assert post(api, NAME, wrong).status_code == 401
        # Revoked: the editor's entry removed from the file; the running app follows it.
        document = json.loads(keys.read_text())
        document["keys"] = document["keys"][:1]
        time.sleep(0.01)  # a distinct modification time, not a timed assertion
        keys.write_text(json.dumps(document))
        revoked = post(api, NAME, editor)
        assert revoked.status_code == 401
        assert "unknown or revoked" in revoked.json()["errors"][0]["message"]
        assert post(api, NAME, viewer).status_code == 200


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["create-key", "--name", "x", "--org", "acme=BOSS", "--keys-file", "KEYS"],
            "--org 'acme=BOSS': must be",
        ),
        (["create-key", "--name", "x"], "--keys-file or UNSILO_API_KEYS_FILE is required"),
        (["create-key", "--name", "x", "--keys-file", "KEYS"], "needs --org ID=ROLE or --admin"),
    ],
)
def test_create_key_mistakes_end_in_one_line(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(tmp_path / "k.json") if a == "KEYS" else a for a in argv]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def rsa_key() -> tuple[rsa.RSAPrivateKey, dict[str, Any]]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    public.update(kid="k1", use="sig", alg="RS256")
    return private, {"keys": [public]}


@contextlib.contextmanager
def jwks_served(key_set: dict[str, Any]) -> Iterator[str]:
    body = json.dumps(key_set).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    finally:
        server.shutdown()


@pytest.mark.parametrize("source", ["file", "url"])
def test_rs256_tokens_verify_with_jwks_keys_and_hs_tokens_are_not_accepted_there(
    source: str, tmp_path: Path, store_path: Path
) -> None:
    private, key_set = rsa_key()
    signed = jwt.encode(
        tokens.claims({"acme": "VIEWER"}), private, algorithm="RS256", headers={"kid": "k1"}
    )
    # Algorithm confusion: an HS256 token whose secret is the public key's PEM.
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    confused = _hmac_token(tokens.claims({"acme": "ADMIN"}), pem)
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(key_set))
    common = {"mode": "production", "jwt_issuer": tokens.ISSUER, "jwt_audience": tokens.AUDIENCE}
    with contextlib.ExitStack() as stack:
        if source == "file":
            settings = Settings(jwks_file=str(jwks), **common)
        else:
            settings = Settings(jwks_url=stack.enter_context(jwks_served(key_set)), **common)
        api = stack.enter_context(serve(create_app(settings, lambda: SqliteStore(store_path))))
        assert post(api, NAME, signed).json()["data"]["organization"]["name"] == "Acme Widgets"
        refused = post(api, NAME, confused)
        assert refused.status_code == 401
        assert "algorithm 'HS256' is not accepted" in refused.json()["errors"][0]["message"]


def _hmac_token(claims: dict[str, Any], secret: bytes) -> str:
    # PyJWT itself refuses a PEM as an HMAC secret; an attacker signs by hand.
    import base64
    import hashlib
    import hmac

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    signing_input = f"{header}.{b64(json.dumps(claims).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def test_production_hides_the_schema_unless_allowed(store_path: Path) -> None:
    reader = tokens.token({"acme": "VIEWER"})
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(store_path))) as api:
        hidden = post(api, SCHEMA, reader).json()
        assert hidden["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION"
        assert "introspection" in hidden["errors"][0]["message"].lower()
        typename = post(api, '{ organization(id: "acme") { __typename } }', reader).json()
        assert typename["data"]["organization"]["__typename"] == "Organization"
    allowed = tokens.SETTINGS.with_overrides(allow_introspection=True)
    with serve(create_app(allowed, lambda: SqliteStore(store_path))) as api:
        assert post(api, SCHEMA, reader).json()["data"]["__schema"]["queryType"]["name"] == "Query"


def test_development_without_credentials_serves_anyone_and_says_so(
    store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(), lambda: SqliteStore(store_path))
    with caplog.at_level(logging.WARNING, logger="unsilo"), serve(app) as api:
        assert post(api, NAME, None).json()["data"]["organization"]["name"] == "Acme Widgets"
    assert "authentication is OFF" in caplog.text


def test_production_refuses_to_start_without_credentials(store_path: Path) -> None:
    with pytest.raises(SettingsError, match="UNSILO_MODE=production needs authentication"):
        create_app(Settings(mode="production"), lambda: SqliteStore(store_path))


def test_demo_in_production_leaves_an_existing_demo_organization_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "unsilo.sqlite3"
    mine = generate_organization(leaders=30, organization_id="demo")
    settings = Settings(store=f"sqlite:{path}", mode="production", api_keys_file="unused")

    async def leaders() -> int:
        store = SqliteStore(path)
        try:
            return len((await store.snapshot(ANONYMOUS, "demo")).leaders)
        finally:
            await store.close()

    async def put_mine() -> None:
        store = SqliteStore(path)
        await store.migrate()
        await store.replace_organization(ANONYMOUS, mine, expected_version=None)
        await store.close()

    asyncio.run(put_mine())
    asyncio.run(cli.load_demo(settings))
    assert asyncio.run(leaders()) == 30
    assert "exists; production mode leaves it as it is" in capsys.readouterr().err
    asyncio.run(cli.load_demo(Settings(store=f"sqlite:{path}")))
    assert asyncio.run(leaders()) == 30  # development too keeps it, unless told to reset
    assert "keeping the demo organization 'demo'" in capsys.readouterr().err
    asyncio.run(cli.load_demo(Settings(store=f"sqlite:{path}"), reset=True))
    assert asyncio.run(leaders()) == cli.DEMO_LEADERS  # --reset-demo: made anew
    assert to_document(mine)["organization"]["id"] == "demo"


def test_production_serves_graphiql_only_when_allowed(store_path: Path) -> None:
    html = {"accept": "text/html"}
    allowed = tokens.SETTINGS.with_overrides(allow_graphiql=True)
    with serve(create_app(allowed, lambda: SqliteStore(store_path))) as api:
        page = api.client.get(f"{api.url}/graphql", headers=html)
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()
        # The page holds no data; queries from it still need a credential.
        assert post(api, NAME, None).status_code == 401
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(store_path))) as api:
        assert api.client.get(f"{api.url}/graphql", headers=html).status_code != 200
