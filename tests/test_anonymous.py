"""Anonymous people: a leader known by id only is accepted, stored and named by the id."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from graph_queries.analyses.directed import directed_network
from graph_queries.analyses.factions import executive_factions
from graph_queries.formats.csv_folder import read_csv_folder, write_csv_folder
from graph_queries.formats.json_document import parse_document
from graph_queries.graphs import build_graphs
from graph_queries.model import OrgSnapshot, Tie, TieKind
from graph_queries.validation import validate_snapshot
from tests.orgs import acme
from tests.test_documents import document


def anonymous_acme() -> OrgSnapshot:
    snapshot = acme()
    for id, leader in list(snapshot.leaders.items()):
        snapshot.leaders[id] = dataclasses.replace(leader, name="")
    return snapshot


def test_a_leader_without_a_name_is_accepted() -> None:
    leaders = [{"id": "l1", "unitId": "u1"}, {"id": "l2", "name": "", "unitId": "u2"}]
    snapshot = parse_document(document(leaders=leaders))
    assert [leader.name for leader in snapshot.leaders.values()] == ["", ""]
    assert validate_snapshot(anonymous_acme()) == []


def test_the_csv_folder_may_leave_names_out(tmp_path: Path) -> None:
    write_csv_folder(anonymous_acme(), tmp_path)
    assert read_csv_folder(tmp_path) == anonymous_acme()


def test_analyses_name_an_anonymous_leader_by_id() -> None:
    snapshot = anonymous_acme()
    snapshot.tie_kinds = (TieKind("advice", directed=True),)
    snapshot.ties["a1"] = Tie("a1", "l4", "l2", kind="advice")
    graphs = build_graphs(snapshot)
    [row, _] = directed_network(graphs).leaders
    assert (row.leader_id, row.name) == ("l2", "l2")
    factions = executive_factions(graphs)
    assert {member.name for member in factions.members} == {"l1", "l2", "l3"}
    assert all(member.reason.startswith("l") for member in factions.members)
