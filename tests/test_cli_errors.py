"""Every subcommand, given bad arguments, ends with one line on stderr naming what is wrong and a
non-zero exit, never a traceback. The subcommands and their options are read from the parser, so
a new subcommand or option is covered without touching this file."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.argument_types import positive_int
from service.cli import main
from service.cli_parser import build_parser

SUBCOMMANDS = build_parser()[1].choices
# The commands that open the store; the rest never do. Every subcommand is in one or the other.
STORE_COMMANDS = {
    "serve", "import", "export", "generate", "migrate",
    "import-metadata", "import-network", "import-survey", "analyze", "snapshot",
}  # fmt: skip
NO_STORE = {"create-key", "persisted-queries", "compile-kernels"}
# Options read by the settings' rules rather than by an argparse type.
SETTING_OPTIONS = {"--port": ["many", "70000"], "--workers": ["many", "0"]}
# Paths a command writes: a missing one is fine (it is created), so they get other bad values.
WRITTEN = {
    ("export", "path"), ("generate", "output"), ("create-key", "keys_file"),
    ("analyze", "csv"), ("analyze", "json"), ("analyze", "graph"),
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    command: str
    argv: list[str]
    why: str


def options(command: str) -> list[argparse.Action]:
    return [
        action
        for action in SUBCOMMANDS[command]._actions
        if action.dest not in ("help", "store") and action.nargs != 0
    ]


def bad_paths(root: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """Bad paths to read from, and bad paths to write to."""
    garbage = root / "garbage.json"
    garbage.write_bytes(b"\x00\xff not what anything expects {[")
    notes = root / "notes.txt"
    notes.write_text("a file, where a folder of CSV files would be written\n")
    (root / "folder").mkdir()
    read = {
        "missing file": root / "missing" / "nothing.json",
        "directory where a file is expected": root / "folder",
        "wrong-format file": garbage,
        "path under a regular file": garbage / "inner.json",
    }
    written = {"path under a regular file": garbage / "inner.json", "existing non-JSON file": notes}
    return read, written


def filled(command: str, bad: dict[str, str]) -> list[str]:
    """Arguments for `command`: every required one given (harmless values), and the bad ones."""
    argv = [command]
    for action in options(command):
        value = bad.get(action.dest)
        if value is None and not action.required:
            continue
        if value is None:
            value = "1" if action.type in (int, positive_int) else "acme"
        argv += [*action.option_strings[:1], value]
    return argv


def cases(root: Path) -> list[Case]:
    read, written = bad_paths(root)
    found: list[Case] = []
    for command in SUBCOMMANDS:
        actions = options(command)
        if any(action.required for action in actions):
            found.append(Case(command, [command], "missing required argument"))
        found.append(Case(command, [command, "--no-such-option"], "unknown option"))
        for action in actions:
            if action.type in (int, positive_int):
                found.append(Case(command, filled(command, {action.dest: "many"}), "wrong type"))
            if action.type is positive_int:
                found.append(Case(command, filled(command, {action.dest: "0"}), "out of range"))
            for value in SETTING_OPTIONS.get(next(iter(action.option_strings), ""), []):
                found.append(Case(command, filled(command, {action.dest: value}), "bad setting"))
        path_actions = [action for action in actions if action.type is Path]
        # A missing path to write is created, a folder receives CSV files: other bad values.
        writes_only = all((command, action.dest) in WRITTEN for action in path_actions)
        for why, path in (written if writes_only else read).items():
            if path_actions:
                bad = {action.dest: str(path) for action in path_actions}
                found.append(Case(command, filled(command, bad), why))
        if command in STORE_COMMANDS:
            store = f"sqlite:{read['directory where a file is expected']}"
            found.append(Case(command, [*filled(command, {}), "--store", store], "store a folder"))
    return found


def test_every_subcommand_is_known_to_read_the_store_or_not() -> None:
    assert set(SUBCOMMANDS) == STORE_COMMANDS | NO_STORE
    assert not STORE_COMMANDS & NO_STORE


def run(root: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "UNSILO_STORE": f"sqlite:{root / 'store' / 'unsilo.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *argv],
        capture_output=True,
        text=True,
        env=environ,
        cwd=root,
        timeout=120,
    )


def message_lines(stderr: str) -> list[str]:
    """stderr without argparse's usage lines (the usage line and its continuations)."""
    lines = stderr.splitlines()
    kept: list[str] = []
    in_usage = False
    for line in lines:
        if line.startswith("usage:"):
            in_usage = True
            continue
        if in_usage and line.startswith(" "):
            continue
        in_usage = False
        kept.append(line)
    return kept


def test_bad_arguments_end_in_one_line_and_no_traceback(tmp_path: Path) -> None:
    found = cases(tmp_path)
    assert {case.command for case in found} == set(SUBCOMMANDS)
    failures = []
    with ThreadPoolExecutor(max_workers=2) as pool:  # each run is mostly Python starting up
        results = pool.map(lambda case: run(tmp_path, case.argv), found)
        for case, result in zip(found, results, strict=True):
            lines = message_lines(result.stderr)
            if result.returncode == 0 or "Traceback" in result.stderr or len(lines) != 1:
                failures.append(f"{case.why}: {case.argv}: {result.returncode}: {result.stderr}")
    assert failures == [], "\n".join(failures)
    assert len(found) > 4 * len(SUBCOMMANDS)


def test_the_check_sees_a_traceback_and_several_lines() -> None:
    assert message_lines("usage: unsilo x\n       [--a]\nunsilo x: error: bad\n") == [
        "unsilo x: error: bad"
    ]
    assert len(message_lines("Traceback (most recent call last):\n  File x\nValueError\n")) == 3


@pytest.mark.parametrize("command", sorted(STORE_COMMANDS))
def test_store_is_accepted_before_or_after_each_store_command(command: str) -> None:
    parser = build_parser()[0]
    argv = filled(command, {})
    before = parser.parse_args(["--store", "sqlite:before", *argv])
    after = parser.parse_args([*argv, "--store", "sqlite:after"])
    both = parser.parse_args(["--store", "sqlite:before", *argv, "--store", "sqlite:after"])
    neither = parser.parse_args(argv)
    assert (before.store, after.store, both.store, neither.store) == (
        "sqlite:before", "sqlite:after", "sqlite:after", None,
    )  # fmt: skip


def test_serve_reads_store_after_the_subcommand(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run(tmp_path, ["serve", "--demo", "--store", f"sqlite:{folder}"])
    assert result.returncode != 0
    assert str(folder) in result.stderr
    assert "Traceback" not in result.stderr


def test_export_after_the_subcommand_finds_the_store(tmp_path: Path) -> None:
    store = f"sqlite:{tmp_path / 'given.sqlite3'}"
    assert main(["generate", "--leaders", "3", "--store", store]) == 0
    assert main(["export", str(tmp_path / "out.json"), "--store", store]) == 0
    assert (tmp_path / "out.json").is_file()
