"""Many clients creating and editing one organization at once over HTTP, and what they were told.

Each client creates a unit, a leader in it, then renames the unit. A write refused with a
retryable code is sent again, at most `resends` times; whatever is left is counted. Shared by
tests/test_concurrent_writers.py and bench/bench_writers.py.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

CREATE_UNIT = """mutation($org: ID!, $id: ID!, $name: String!) {
  createUnit(organizationId: $org, input: {id: $id, name: $name}) {
    __typename ... on ValidationError { errors { path code message } } } }"""
CREATE_LEADER = """mutation($org: ID!, $id: ID!, $unit: ID!) {
  createLeader(organizationId: $org, input: {id: $id, name: "Writer", unitId: $unit}) {
    __typename ... on ValidationError { errors { path code message } } } }"""
RENAME_UNIT = """mutation($org: ID!, $id: ID!, $name: String!) {
  updateUnit(organizationId: $org, id: $id, input: {name: $name}) {
    __typename ... on ValidationError { errors { path code message } } } }"""


@dataclass
class WritersOutcome:
    """`acknowledged`: (operation, id) answered with a payload; `answers`: every answer's kind
    (`payload`, the error code, `HTTP <status>` or the result's type name)."""

    acknowledged: set[tuple[str, str]] = field(default_factory=set)
    answers: Counter[str] = field(default_factory=Counter)
    unretryable_conflicts: int = 0
    resends: int = 0


async def run_writers(
    url: str, organization_id: str, clients: int, resends: int = 0, seed: int = 0
) -> WritersOutcome:
    outcome = WritersOutcome()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        start = asyncio.Event()
        tasks = [
            asyncio.create_task(
                _client(http, organization_id, number, resends, outcome, start, seed)
            )
            for number in range(clients)
        ]
        start.set()  # every client sends its first write at once
        await asyncio.gather(*tasks)
    return outcome


async def _client(
    http: httpx.AsyncClient,
    organization_id: str,
    number: int,
    resends: int,
    outcome: WritersOutcome,
    start: asyncio.Event,
    seed: int,
) -> None:
    await start.wait()
    draw = random.Random(seed * 1000 + number)
    unit, leader = f"w{number}", f"wl{number}"
    steps = [
        ("createUnit", unit, CREATE_UNIT, {"id": unit, "name": f"Unit {number}"}),
        ("createLeader", leader, CREATE_LEADER, {"id": leader, "unit": unit}),
        ("updateUnit", unit, RENAME_UNIT, {"id": unit, "name": f"Renamed {number}"}),
    ]
    for operation, id, query, variables in steps:
        for sent in range(resends + 1):
            kind, retryable = await _send(http, query, {"org": organization_id, **variables})
            outcome.answers[kind] += 1
            if kind == "payload":
                outcome.acknowledged.add((operation, id))
                break
            if kind == "WRITE_CONFLICT" and not retryable:
                outcome.unretryable_conflicts += 1
            if not retryable or sent == resends:
                return  # the later steps need this one
            outcome.resends += 1
            await asyncio.sleep(draw.uniform(0, 0.05 * 2**sent))


async def _send(http: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> tuple[str, bool]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    if response.status_code != 200:
        return f"HTTP {response.status_code}", False
    body = response.json()
    if body.get("errors"):
        extensions = body["errors"][0].get("extensions") or {}
        return str(extensions.get("code")), bool(extensions.get("retryable"))
    result = next(iter(body["data"].values()))
    typename = str(result["__typename"])
    return ("payload" if typename.endswith("Payload") else typename), False
