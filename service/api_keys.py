"""Hashed API keys for services: the file keeps only SHA-256 hashes, never a key.

A key reads `uk_<key id>_<secret>`: the id (8 hex digits) finds the entry, the 256-bit secret
makes guessing hopeless, so one unsalted SHA-256 suffices and a slow password hash would only
cost every request. Hashes are compared in constant time. The file (`UNSILO_API_KEYS_FILE`):

    {"keys": [{"id": "3f9a0c1e", "name": "etl", "sha256": "<hex>",
               "grants": {"orgs": {"acme": "EDITOR"}, "admin": false}}]}

It is read again whenever it changes on disk, so adding or revoking a key needs no restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_queries.context import RequestContext
from service.grants import InvalidGrants, context_from_grants

PREFIX = "uk_"
KEY_PATTERN = re.compile(r"uk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})\Z")


class KeyFileError(ValueError):
    """The keys file cannot be read or is not in the documented shape."""


def looks_like_api_key(credential: str) -> bool:
    return credential.startswith(PREFIX)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class KeyEntry:
    id: str
    name: str
    sha256: str
    context: RequestContext


def _parse(path: Path) -> dict[str, KeyEntry]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KeyFileError(f"{path}: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise KeyFileError(f'{path}: must be an object {{"keys": [...]}}')
    entries: dict[str, KeyEntry] = {}
    for index, raw in enumerate(document["keys"]):
        where = f"{path}: keys[{index}]"
        if not isinstance(raw, dict):
            raise KeyFileError(f"{where}: must be an object")
        key_id, digest = raw.get("id"), raw.get("sha256")
        if not isinstance(key_id, str) or not re.fullmatch(r"[0-9a-f]{8}", key_id):
            raise KeyFileError(f"{where}.id: must be 8 hex digits")
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise KeyFileError(f"{where}.sha256: must be 64 hex digits")
        if key_id in entries:
            raise KeyFileError(f"{where}.id: {key_id} appears twice")
        name = str(raw.get("name") or key_id)
        try:
            context = context_from_grants(f"key:{name}", raw.get("grants"))
        except InvalidGrants as error:
            raise KeyFileError(f"{where}.grants: {error}") from error
        entries[key_id] = KeyEntry(key_id, name, digest, context)
    return entries


class ApiKeys:
    """The keys of one file, re-read when the file changes."""

    def __init__(self, path: str) -> None:
        self._path = Path(path)
        self._stamp: int | None = None
        self._entries: dict[str, KeyEntry] = {}
        self._refresh()

    def _refresh(self) -> None:
        try:
            stamp = self._path.stat().st_mtime_ns
        except OSError as error:
            raise KeyFileError(f"{self._path}: {error.strerror}") from error
        if stamp != self._stamp:
            self._entries = _parse(self._path)
            self._stamp = stamp

    def identify(self, key: str) -> RequestContext | None:
        """The caller a key stands for; None for an unknown, revoked or malformed key."""
        self._refresh()
        match = KEY_PATTERN.fullmatch(key)
        entry = self._entries.get(match[1]) if match else None
        expected = entry.sha256 if entry else "0" * 64
        # Compared even when no entry matched, so both cases take the same time.
        if hmac.compare_digest(_digest(key), expected) and entry is not None:
            return entry.context
        return None


def create_key(path: Path, name: str, grants: dict[str, Any]) -> str:
    """Add a new key to the file (created if missing) and return it; only its hash is kept."""
    context_from_grants(f"key:{name}", grants)  # refuse bad grants before writing anything
    document: dict[str, Any] = {"keys": []}
    if path.exists():
        _parse(path)  # a broken file is reported, not overwritten
        document = json.loads(path.read_text(encoding="utf-8"))
    taken = {entry["id"] for entry in document["keys"]}
    key_id = secrets.token_hex(4)
    while key_id in taken:
        key_id = secrets.token_hex(4)
    key = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    document["keys"].append({"id": key_id, "name": name, "sha256": _digest(key), "grants": grants})
    _write_private(path, json.dumps(document, indent=2) + "\n")
    return key


def _write_private(path: Path, text: str) -> None:
    # Written beside the file and renamed over it: a reader sees the old file or the new one.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".keys-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
