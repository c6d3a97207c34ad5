"""`diff`: the writes that turn one organization into another."""

from __future__ import annotations

import dataclasses

from graph_queries.commands import apply_changes
from graph_queries.model import EntityKind, Tie
from graph_queries.stores.port import diff
from tests.orgs import acme


def test_diff_of_equal_organizations_is_empty() -> None:
    changes = diff(acme(), acme())
    assert changes.upserts == []
    assert changes.deletes == []


def test_diff_lists_new_changed_and_removed_entities_and_applies_back() -> None:
    before, after = acme(), acme()
    after.units["u4"] = dataclasses.replace(after.units["u4"], name="Fleet")
    del after.ties["t5"]
    after.ties["t9"] = Tie("t9", "l2", "l3")
    changes = diff(before, after)
    assert sorted(e.id for e in changes.upserts) == ["t9", "u4"]
    assert changes.deletes == [(EntityKind.TIE, "t5")]
    rebuilt = apply_changes(before, changes)
    for kind in EntityKind:
        assert rebuilt.table(kind) == after.table(kind)
