"""Start-up: a process on the embedded store never loads the Neo4j driver (slow to import)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Run in a fresh interpreter: the test session itself has long since imported the driver.
PROBE = """
import asyncio, sys
from service.cli import main
import service.app
from service.settings import Settings
from service.stores import open_store

code = main(["--store", "sqlite:" + sys.argv[1], "migrate"])
print(code, "neo4j" in sys.modules)
store = open_store(Settings(store="neo4j://127.0.0.1:7687"))  # no connection until first use
asyncio.run(store.close())
print("neo4j" in sys.modules)
"""


def test_sqlite_commands_do_not_load_the_neo4j_driver(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "unsilo.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The last line shows the probe can see the driver once a Neo4j store is opened.
    assert result.stdout.splitlines()[-2:] == ["0 False", "True"]
