"""Hypothesis-generated import documents against the importer: a valid organization with parts
replaced by arbitrary JSON. Shared by tests/test_fuzz.py (bounded) and bench/fuzz.py (long)."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from hypothesis import strategies as st

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.errors import UnsiloError
from graph_queries.formats.json_document import parse_document, to_document
from graph_queries.stores.port import Store
from tests.orgs import acme

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80
) | st.sampled_from(["", " ", "u1", "u1\n", "l1", "x" * 2001, "\x00", "2025-02-30", "DIVISION"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def import_documents(draw: st.DrawFn) -> Any:
    """A valid document (`acme`, id `fuzzed`) with one to four values replaced or removed."""
    document: Any = copy.deepcopy(to_document(acme("fuzzed")))
    for _ in range(draw(st.integers(1, 4))):
        container, key = _pick(draw, document)
        action = draw(st.sampled_from(["replace", "remove", "duplicate"]))
        if action == "remove" and isinstance(container, dict):
            container.pop(key, None)
        elif action == "duplicate" and isinstance(container, list) and container:
            container.append(copy.deepcopy(container[key]))
        else:
            container[key] = draw(JSON_VALUES)
    if draw(st.integers(0, 9)) == 0:
        return draw(JSON_VALUES)  # not a document at all
    return document


def _pick(draw: st.DrawFn, document: Any) -> tuple[Any, Any]:
    """A container in the document and a key in it, walked down from the root at random."""
    container, key = document, draw(st.sampled_from(sorted(document)))
    while isinstance(container[key], dict | list) and container[key] and draw(st.booleans()):
        container = container[key]
        if isinstance(container, dict):
            key = draw(st.sampled_from(sorted(container)))
        else:
            key = draw(st.integers(0, len(container) - 1))
    return container, key


async def fingerprint(store: Store) -> str:
    """A hash of everything stored: every organization, entity and graph version."""
    digest = hashlib.sha256()
    for organization in await store.organizations(ANONYMOUS):
        snapshot = await store.snapshot(ANONYMOUS, organization.id)
        digest.update(json.dumps(to_document(snapshot), sort_keys=True, default=str).encode())
        digest.update(str(snapshot.version).encode())
    return digest.hexdigest()


async def import_once(store: Store, document: Any) -> bool:
    """Import `document` the way the service does; True when it was stored, False when it
    was refused with an expected error. Anything else propagates (a bug)."""
    try:
        snapshot = parse_document(document)
        await commands.import_organization(store, ANONYMOUS, snapshot, replace=True, validated=True)
    except UnsiloError:
        return False
    return True
