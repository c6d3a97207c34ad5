"""What a newcomer meets in the `unsilo` command line: defaults in `--help`, the per-user store,
read-only commands that create nothing, generate's name and refusal, counts in good English, and
progress on a terminal only."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from platformdirs import user_data_dir
from rich.console import Console

from graph_queries.generator import GENERATION_STEPS, generate_organization
from service.cli import main
from service.cli_parser import build_parser
from service.progress import progress, status
from service.settings import Settings
from service.wording import counted


def store_uri(tmp_path: Path) -> str:
    return f"sqlite:{tmp_path / 'unsilo.sqlite3'}"


def test_help_shows_a_default_for_every_option() -> None:
    parser, sub = build_parser()
    missing = []
    for name, subparser in {"unsilo": parser, **sub.choices}.items():
        text = subparser.format_help().partition("options:")[2]
        for action in subparser._actions:
            if not action.option_strings or action.dest == "help" or action.required:
                continue
            start = text.index(action.option_strings[-1])
            entry = text[start : text.find("\n  -", start)]
            if "default:" not in entry:
                missing.append(f"{name} {action.option_strings[-1]}")
    assert missing == []


def test_the_default_store_is_per_user_and_the_environment_overrides_it(tmp_path: Path) -> None:
    assert Settings.from_env({}).store == f"sqlite:{Path(user_data_dir('unsilo'))}/unsilo.sqlite3"
    assert Settings.from_env({"UNSILO_STORE": store_uri(tmp_path)}).store == store_uri(tmp_path)
    assert user_data_dir("unsilo") in build_parser()[0].format_help().replace("\n", "")


def test_export_without_a_store_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "not-yet" / "unsilo.sqlite3"
    assert main(["export", str(tmp_path / "out.json"), "--store", f"sqlite:{missing}"]) == 1
    error = capsys.readouterr().err
    assert error == (
        f"unsilo: no store at {missing} (create one with `unsilo import` or `unsilo generate`)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_generate_names_the_organization_and_counts_in_good_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = store_uri(tmp_path)
    argv = ["generate", "--leaders", "1", "--organization", "acme", "--name", "Acme Ltd"]
    assert main([*argv, "--store", store]) == 0
    said = capsys.readouterr().out
    assert "organization 'acme' (1 unit, 1 leader, 0 dependencies, 0 conflicts, 0 ties)" in said
    assert main(["export", str(tmp_path / "acme.json"), "--store", store]) == 0
    assert '"name": "Acme Ltd"' in (tmp_path / "acme.json").read_text("utf-8")


def test_generate_refuses_an_existing_organization_before_generating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = store_uri(tmp_path)
    assert main(["generate", "--leaders", "3", "--store", store]) == 0
    capsys.readouterr()
    # So many leaders would take minutes: the refusal comes before any of it.
    assert main(["generate", "--leaders", "10000000", "--store", store]) == 1
    assert capsys.readouterr().err == (
        "unsilo: organization 'demo' exists; add --replace to overwrite it\n"
    )
    assert main(["generate", "--leaders", "4", "--replace", "--store", store]) == 0
    assert "4 leaders" in capsys.readouterr().out


def test_counted_says_one_thing_or_many_things() -> None:
    assert [counted(n, "dependency") for n in (0, 1, 2)] == [
        "0 dependencies", "1 dependency", "2 dependencies",
    ]  # fmt: skip
    assert (counted(1, "tie"), counted(3, "tie"), counted(2, "person")) == (
        "1 tie", "3 ties", "2 people",
    )  # fmt: skip
    assert counted(2, "meeting or message", "meetings and messages") == "2 meetings and messages"


def test_progress_on_a_terminal_shows_the_counts() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress("storing 'acme'", 2500, console=console) as advance:
        advance(1000)
        advance(1500)
    with status("reading acme.json", console=console):
        pass
    assert "storing 'acme'" in screen.getvalue()
    assert "2500/2500" in screen.getvalue()


def test_progress_says_nothing_when_not_on_a_terminal() -> None:
    log = io.StringIO()
    console = Console(file=log, force_terminal=False)
    assert not console.is_terminal
    with progress("storing 'acme'", 10, console=console) as advance:
        advance(10)
    with status("reading acme.json", console=console):
        pass
    assert log.getvalue() == ""


def test_the_generator_reports_each_of_its_steps() -> None:
    told: list[int] = []
    generate_organization(leaders=20, progress=told.append)
    assert told == [1] * GENERATION_STEPS


def test_a_piped_import_writes_no_progress_to_stderr(tmp_path: Path) -> None:
    document = tmp_path / "org.json"
    assert main(["generate", "--leaders", "30", "--output", str(document)]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "import", str(document)],
        capture_output=True,
        text=True,
        env={"UNSILO_STORE": store_uri(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("imported organization 'demo' (")
