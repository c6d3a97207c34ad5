"""The exported schema.graphql is the contract frontends build against: it must match the code."""

from __future__ import annotations

from pathlib import Path

from schema import schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_exported_schema_matches_the_code() -> None:
    exported = SCHEMA_FILE.read_text(encoding="utf-8")
    assert exported == schema.as_str() + "\n", "schema.graphql is stale: run `make schema`"
