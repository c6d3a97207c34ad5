"""Every analysis's full results as one JSON document (RFC 8259).

The reports as the analyses return them, each record an object of its fields (dates in
ISO 8601, enums by value, tuples as arrays), under `analyses`, beside the privacy floor that
was applied. Keys are sorted, so the same results always give the same bytes.
"""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from graph_queries.exports.results import AnalysisResults


def results_document(results: AnalysisResults, organization_id: str, version: int) -> Any:
    return {
        "organization": organization_id,
        "version": version,
        "as_of": results.as_of.isoformat(),
        "privacy": {
            "min_group": results.min_group,
            "floor_lifted": results.floor_lifted,
            "withheld_groups": dict(results.withheld),
        },
        "analyses": {name: _json(report) for name, report in results.reports().items()},
    }


def results_json(document: Any) -> bytes:
    """The document as UTF-8 JSON, keys sorted: what `--json` writes and the API sends."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)
    return (text + "\n").encode("utf-8")


def write_results_json(document: Any, path: Path) -> None:
    path.write_bytes(results_json(document))


def _json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return _json(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN or infinity
    if isinstance(value, dict):
        return {str(key): _json(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json(item) for item in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    return value
