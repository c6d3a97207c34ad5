"""The README's settings table lists exactly the settings there are, each with its default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from platformdirs import user_data_dir

from service.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"
ROW = re.compile(
    r"\| `(?P<variable>UNSILO_[A-Z0-9_]+)` \| (?P<default>[^|]+?) \| (?P<meaning>.+) \|"
)


def settings_section(text: str) -> str:
    start = text.index("\n## Settings\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def table_rows(section: str) -> dict[str, str]:
    """Each row's variable and default, as written; a table row that is not one variable with a
    default and a meaning (two variables in one cell, say) fails here."""
    rows: dict[str, str] = {}
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert lines[:2] == ["| variable | default | meaning |", "| --- | --- | --- |"]
    for line in lines[2:]:
        match = ROW.fullmatch(line)
        assert match, f"not a settings row: {line}"
        assert match["variable"] not in rows, f"listed twice: {match['variable']}"
        rows[match["variable"]] = match["default"]
    return rows


def documented() -> dict[str, str]:
    return table_rows(settings_section(README.read_text("utf-8")))


def test_the_table_lists_every_setting_and_no_other() -> None:
    settings = {f"UNSILO_{name.upper()}" for name in Settings.model_fields}
    rows = set(documented())
    assert sorted(settings - rows) == [], "settings missing from the README table"
    assert sorted(rows - settings) == [], "README table rows naming no setting"


@pytest.mark.parametrize(("variable", "default"), sorted(documented().items()))
def test_each_default_in_the_table_is_the_default(variable: str, default: str) -> None:
    text = "" if default == "empty" else default.strip("`")
    # A default that depends on the machine is written with the folder's name in its place.
    text = text.replace("USER_DATA_DIR", user_data_dir("unsilo"))
    name = variable.removeprefix("UNSILO_").lower()
    assert getattr(Settings.from_env({variable: text}), name) == getattr(Settings(), name)


def test_the_table_check_sees_what_it_checks() -> None:
    section = settings_section(README.read_text("utf-8"))
    assert len(table_rows(section)) == len(Settings.model_fields) > 40
    with pytest.raises(AssertionError, match="not a settings row"):
        table_rows(section + "| `UNSILO_HOST` / `UNSILO_PORT` | `x` / `1` | both |\n")
    with pytest.raises(AssertionError, match="listed twice"):
        table_rows(section + "| `UNSILO_HOST` | `x` | again |\n")
