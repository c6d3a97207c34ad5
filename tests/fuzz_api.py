"""Schemathesis in GraphQL mode against a running service: every generated query and mutation
must get an answer below 500. Shared by tests/test_fuzz.py (bounded) and bench/fuzz.py (long)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# Dates as the schema reads them, and JSON values as import documents would hold them.
schemathesis.graphql.scalar("Date", st.dates().map(lambda day: nodes.String(day.isoformat())))
schemathesis.graphql.scalar(
    "DateTime", st.datetimes().map(lambda moment: nodes.String(moment.isoformat()))
)
schemathesis.graphql.scalar(
    "JSON",
    st.one_of(
        st.text(max_size=30).map(nodes.String),
        st.integers(-(2**31), 2**31 - 1).map(nodes.Int),
        st.just(nodes.Null),
    ),
)


@dataclass
class FuzzReport:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    operations: int = 0


def fuzz_service(url: str, examples: int, seed: int | None = None) -> FuzzReport:
    """Send `examples` generated operations per root field to the service at `url`."""
    report = FuzzReport()
    began = time.perf_counter()
    schema = schemathesis.graphql.from_url(f"{url}/graphql")
    for result in schema.get_all_operations():
        operation = result.ok()
        report.operations += 1

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=seed is not None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def send(case: schemathesis.Case) -> None:
            response = case.call(base_url=url, timeout=60)
            report.requests += 1
            if response.status_code >= 500:
                report.failures.append(f"{response.status_code} for {case.body!r}")

        send()
    report.seconds = time.perf_counter() - began
    return report
