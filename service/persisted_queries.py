"""Persisted operations: a manifest of the documents clients may send by their SHA-256 hash.

The manifest (`UNSILO_PERSISTED_QUERIES`) is a JSON object `{"<sha256 hex>": "<document>"}`
read once at start-up. Clients send the hash in the wire format of automatic persisted queries,
`{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "..."}}}`, with or without the
document; nothing is ever registered at run time, so an unknown hash is refused. When only
persisted operations are accepted (`UNSILO_PERSISTED_QUERIES_MODE`), a document sent without a
known hash is refused too. A resolved request carries its document as `query`, so it passes the
same limits and the same response cache as any other.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from service.http_limits import replaying
from service.request_body import BAD_REQUEST, graphql_error
from service.settings import Settings, SettingsError

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_ALLOWED = "PERSISTED_QUERY_NOT_ALLOWED"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
VERSION = 1
MAX_MANIFEST_BYTES = 8 * 1024 * 1024  # read whole at start-up, into every worker
MAX_OPERATIONS = 10_000
HASH = re.compile(r"[0-9a-f]{64}")


class ManifestError(ValueError):
    pass


def document_hash(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def load_manifest(path: str, max_query_length: int) -> dict[str, str]:
    """The manifest's operations by hash; ManifestError saying what is wrong, in one line."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{path}: {size} bytes, at most {MAX_MANIFEST_BYTES}")
        manifest: Any = json.loads(file.read_bytes().decode("utf-8"))
    except OSError as error:
        raise ManifestError(f"{path}: cannot be read ({error.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ManifestError(f"{path}: not JSON ({error})".replace("\n", " ")) from None
    if not isinstance(manifest, dict):
        raise ManifestError(f"{path}: must be a JSON object of hash to document")
    if len(manifest) > MAX_OPERATIONS:
        raise ManifestError(f"{path}: {len(manifest)} operations, at most {MAX_OPERATIONS}")
    for key, document in manifest.items():
        shown = key[:70]
        if not isinstance(document, str) or not document.strip():
            raise ManifestError(f"{path}: {shown!r} is not a document (a string)")
        if len(document) > max_query_length:
            raise ManifestError(
                f"{path}: {shown!r} is {len(document)} characters, above the query length limit"
            )
        # Keyed by the hash of its text: a wrong key would be an operation nobody can send.
        if not HASH.fullmatch(key) or document_hash(document) != key:
            raise ManifestError(f"{path}: {shown!r} is not the SHA-256 hex of its document")
    return manifest


class PersistedQueries:
    """The manifest and whether only its operations are accepted; empty without one."""

    def __init__(self, settings: Settings) -> None:
        self.only = settings.persisted_only
        self.operations: dict[str, str] = {}
        if settings.persisted_queries:
            try:
                self.operations = load_manifest(
                    settings.persisted_queries, settings.max_query_length
                )
            except ManifestError as error:
                raise SettingsError(f"UNSILO_PERSISTED_QUERIES: {error}") from None

    def resolve(self, payload: dict[str, Any]) -> dict[str, Any] | JSONResponse:
        """The request with its document as `query` (and the hash taken out of its extensions,
        so that it is answered and cached like any other), or the answer refusing it."""
        extensions = payload.get("extensions") or {}
        persisted = extensions.get("persistedQuery")
        query = payload.get("query")
        if "persistedQuery" not in extensions:
            if self.only:
                return graphql_error(
                    400,
                    NOT_ALLOWED,
                    "only persisted operations are accepted: send the document's SHA-256 hash "
                    "in extensions.persistedQuery.sha256Hash",
                )
            return payload
        wanted = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if not isinstance(persisted, dict) or persisted.get("version") != VERSION:
            return graphql_error(
                400, BAD_REQUEST, "extensions.persistedQuery must be {version: 1, sha256Hash}"
            )
        if not isinstance(wanted, str) or not HASH.fullmatch(wanted):
            message = "extensions.persistedQuery.sha256Hash must be 64 lowercase hex digits"
            return graphql_error(400, BAD_REQUEST, message)
        if query is not None and document_hash(query) != wanted:
            message = "the query's SHA-256 hash is not extensions.persistedQuery.sha256Hash"
            return graphql_error(400, HASH_MISMATCH, message)
        document = self.operations.get(wanted)
        if document is None:
            if query is None or self.only:
                message = f"no persisted operation has the hash {wanted}; none is registered"
                return graphql_error(400, NOT_FOUND, message)
            document = query  # sent in full, and full documents are accepted
        rest = {name: value for name, value in extensions.items() if name != "persistedQuery"}
        return {**payload, "query": document, "extensions": rest or None}


def with_body(request: Request, payload: dict[str, Any], original: dict[str, Any]) -> Request:
    """The request with the resolved payload as its body, where GraphQL reads it again; itself
    when nothing was resolved."""
    if payload is original:
        return request
    body = json.dumps(payload).encode("utf-8")
    return Request(request.scope, replaying(body, request.receive))
