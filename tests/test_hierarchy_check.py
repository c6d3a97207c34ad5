"""The hierarchy check: warnings, not errors, for structures that change what analyses mean."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from graph_queries.formats.csv_folder import write_csv_folder
from graph_queries.hierarchy_check import WarningCode, hierarchy_warnings
from graph_queries.model import LeaderLevel, OrgSnapshot, Unit, UnitKind
from service.cli import main
from tests import realdata
from tests.orgs import acme


def codes(snapshot: OrgSnapshot) -> list[WarningCode]:
    return [warning.code for warning in hierarchy_warnings(snapshot)]


def test_a_well_formed_organization_has_no_warning() -> None:
    assert hierarchy_warnings(acme()) == []


def test_departments_nested_under_one_root_make_one_division() -> None:
    """The classic artefact: a root unit above every department, executives in the root."""
    snapshot = acme()
    snapshot.units = {"root": Unit("root", "Acme", UnitKind.OTHER)} | {
        id: dataclasses.replace(unit, parent_id=unit.parent_id or "root")
        for id, unit in snapshot.units.items()
    }
    [warning] = hierarchy_warnings(snapshot)
    assert (warning.code, warning.path) == (WarningCode.ONE_DIVISION, "units[root]")
    assert "'Acme'" in warning.message


def test_every_executive_in_one_of_several_divisions_is_a_silo_at_the_top() -> None:
    snapshot = acme()
    snapshot.leaders["l3"] = dataclasses.replace(snapshot.leaders["l3"], unit_id="u1")
    [warning] = hierarchy_warnings(snapshot)
    assert (warning.code, warning.path) == (
        WarningCode.EXECUTIVES_IN_ONE_DIVISION,
        "units[u1]",
    )
    assert warning.message.startswith("all 3 executives are in division 'Sales'")


def test_no_executive_leaves_the_factions_nothing_to_read() -> None:
    snapshot = acme()
    snapshot.leaders = {
        id: dataclasses.replace(leader, level=LeaderLevel.MIDDLE)
        for id, leader in snapshot.leaders.items()
    }
    assert codes(snapshot) == [WarningCode.NO_EXECUTIVES]


def test_the_real_organizations_warn_only_where_the_data_lacks_a_top_team(tmp_path: Path) -> None:
    """Lazega's offices are divisions with partners in each: nothing to warn about. The e-mail
    data has departments but no levels, so no executives."""
    assert hierarchy_warnings(realdata.lazega(tmp_path / "lazega")) == []
    email = realdata.email_eu_core(tmp_path / "email")
    assert codes(email) == [WarningCode.NO_EXECUTIVES]


def test_the_cli_imports_and_prints_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [key for key in os.environ if key.startswith("UNSILO_")]:
        monkeypatch.delenv(key)
    snapshot = acme()
    snapshot.leaders["l3"] = dataclasses.replace(snapshot.leaders["l3"], unit_id="u1")
    write_csv_folder(snapshot, tmp_path / "acme")
    code = main(["--store", f"sqlite:{tmp_path / 'db.sqlite3'}", "import", str(tmp_path / "acme")])
    captured = capsys.readouterr()
    assert code == 0
    assert "imported organization 'acme'" in captured.out
    assert "warning: EXECUTIVES_IN_ONE_DIVISION: units[u1]: all 3 executives" in captured.err
