"""Golden outputs: every analysis on three organizations, and the schema's shape, byte for byte.

A refactoring must not change what the analyses compute or what the GraphQL contract offers.
These tests pin the JSON of every analysis (default arguments, a fixed date) on the demo
organization, on the Lazega law firm and on a 300-leader generated organization, and the schema
with its descriptions stripped. A deliberate change of results or contract regenerates them:

    UNSILO_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

and the diff of `tests/golden/` shows, in review, exactly what changed.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph_queries.analyses.conflicts import conflict_hotspots
from graph_queries.analyses.execution import execution_report
from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import silo_bottlenecks
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import OrgSnapshot
from tests import realdata

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UNSILO_UPDATE_GOLDEN") == "1"
AS_OF = date(2026, 1, 1)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _analyses(graphs: OrgGraphs) -> str:
    results = {
        "silo_bottlenecks": silo_bottlenecks(graphs),
        "conflict_hotspots": conflict_hotspots(graphs, as_of=AS_OF),
        "executive_factions": executive_factions(graphs),
        "execution_report": execution_report(graphs, as_of=AS_OF),
    }
    return json.dumps(_plain(results), indent=1, sort_keys=True, allow_nan=False) + "\n"


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    assert path.is_file(), f"{path} is missing: run with UNSILO_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text("utf-8")
    assert text == expected, f"{name} differs from the pinned output"


def _organization(name: str, folder: Path) -> OrgSnapshot:
    if name == "demo":
        return generate_organization(leaders=100)
    if name == "generated-300":
        return generate_organization(leaders=300, seed=11, organization_id="g300")
    return realdata.lazega(folder)


@pytest.mark.parametrize("name", ["demo", "generated-300", "lazega"])
def test_analyses_match_their_golden_output(name: str, tmp_path: Path) -> None:
    graphs = build_graphs(_organization(name, tmp_path))
    _check(f"analyses-{name}.json", _analyses(graphs))


def _without_descriptions(sdl: str) -> str:
    sdl = re.sub(r'"""(?:.|\n)*?"""\s*', "", sdl)
    sdl = re.sub(r'(?m)^\s*"(?:[^"\\]|\\.)*"\s*\n', "", sdl)
    sdl = re.sub(r'"(?:[^"\\]|\\.)*"\s+(?=[A-Za-z_])', "", sdl)
    return sdl


def test_schema_shape_matches_its_golden_output() -> None:
    from schema import schema

    _check("schema-shape.graphql", _without_descriptions(schema.as_str()))
