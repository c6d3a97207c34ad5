"""Mixed reads sent at a fixed rate while an import and a cold analysis run, with latencies.

Each request is sent at its turn of the schedule (open loop) and its latency counted from that
turn, so a server that falls behind shows it. Shared by tests/test_load.py (short, asserts zero
errors) and bench/bench_load.py (long, prints percentiles).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

READS = [
    "{ organizations { localId name graphVersion } }",
    '{ organization(id: "gen") { leaders(first: 50) { edges { node { localId name title } } } } }',
    '{ organization(id: "gen") { units(first: 20, filter: {kind: DIVISION}) '
    "{ totalCount edges { node { name members { edges { node { name } } } } } } } }",
    '{ organization(id: "gen") { conflicts(first: 20, filter: {status: OPEN}) '
    "{ totalCount edges { node { summary severity } } } } }",
]
IMPORT = "mutation($d: JSON!) { importOrganization(document: $d, replace: true) { __typename } }"
COLD_ANALYSIS = """{ organization(id: "gen") { executionReport(asOf: "2026-01-01") {
  ... on ExecutionReportAnalysis { graphVersion } } } }"""


@dataclass
class LoadReport:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    writes: list[str] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def hold_rate(
    url: str, rate: float, seconds: float, import_document: dict[str, Any]
) -> LoadReport:
    """`rate` reads a second for `seconds`; an import and a cold analysis start after a tenth
    of the run, on their own connections."""
    report = LoadReport()
    total = int(rate * seconds)
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        began = time.perf_counter()

        async def read(number: int) -> None:
            turn = began + number / rate
            await asyncio.sleep(max(0.0, turn - time.perf_counter()))
            query = READS[number % len(READS)]
            try:
                response = await http.post("/graphql", json={"query": query})
                body = response.json()
                if response.status_code != 200 or body.get("errors"):
                    report.errors.append(f"{response.status_code}: {response.text[:200]}")
            except (httpx.HTTPError, ValueError) as error:
                report.errors.append(repr(error))
            report.latencies.append(time.perf_counter() - turn)

        async def write(name: str, query: str, variables: dict[str, Any]) -> None:
            await asyncio.sleep(seconds / 10)
            async with httpx.AsyncClient(base_url=url, timeout=300) as own:
                response = await own.post("/graphql", json={"query": query, "variables": variables})
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                report.errors.append(f"{name}: {response.text[:200]}")
            report.writes.append(f"{name} {time.perf_counter() - began:.1f} s")

        await asyncio.gather(
            *(read(number) for number in range(total)),
            write("import", IMPORT, {"d": import_document}),
            write("cold analysis", COLD_ANALYSIS, {}),
        )
        report.seconds = time.perf_counter() - began
    return report
