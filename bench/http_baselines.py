"""The two baselines of bench_http, each served by uvicorn in a process of its own.

- plain: a starlette app whose endpoints return, through `JSONResponse`, the JSON the service
  answered (read from the fixture file), keyed by the GraphQL query text;
- strawberry: a minimal strawberry app over the same objects held in memory (the organization
  and leaders from the generator, the analysis results computed once at start-up), with the
  service's GraphQL names and analysis types, and nothing else: no store, no loaders, no
  extensions.

    python -m bench.http_baselines plain|strawberry FIXTURE PORT
"""

# No `from __future__ import annotations`: strawberry reads these annotations as objects.

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import strawberry
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from graph_queries.analyses.catalog import EXECUTION_REPORT, SILO_BOTTLENECKS
from graph_queries.analyses.execution import ExecutionArguments
from graph_queries.analyses.silos import SiloArguments
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import Leader as LeaderEntity
from schema.analyses import EXECUTION, SILOS
from schema.enums import LeaderLevel

PLAIN, STRAWBERRY = "plain", "strawberry"
AS_OF = date(2026, 1, 1)


def plain_app(answers: dict[str, Any]) -> Starlette:
    async def graphql(request: Request) -> Response:
        query = (await request.json())["query"]
        return JSONResponse(answers[query])

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[Route("/graphql", graphql, methods=["POST"]), Route("/healthz", healthz)]
    )


class Memory:
    """What the strawberry baseline serves, filled in once at start-up."""

    organization_id = ""
    organization_name = ""
    leaders: list[LeaderEntity] = []
    report: Any = None
    silos: Any = None


ReportType = EXECUTION.wrapper
SilosType = SILOS.wrapper


@strawberry.type
class Leader:
    id: strawberry.ID
    name: str
    title: str
    level: LeaderLevel  # type: ignore[valid-type]
    unit_id: strawberry.ID


@strawberry.type
class LeaderEdge:
    node: Leader


@strawberry.type
class LeaderConnection:
    edges: list[LeaderEdge]


@strawberry.type
class Organization:
    id: strawberry.ID
    name: str

    @strawberry.field
    def leaders(self, first: int = 20) -> LeaderConnection:
        return LeaderConnection(
            edges=[
                LeaderEdge(
                    node=Leader(
                        id=strawberry.ID(x.id),
                        name=x.name,
                        title=x.title,
                        level=x.level,
                        unit_id=strawberry.ID(x.unit_id),
                    )
                )
                for x in Memory.leaders[:first]
            ]
        )

    @strawberry.field
    def execution_report(self, as_of: date | None = None, top: int = 5) -> ReportType:  # type: ignore[valid-type]
        return Memory.report

    @strawberry.field
    def silo_bottlenecks(
        self,
        scope: strawberry.ID | None = None,
        top: int = 10,
    ) -> SilosType:  # type: ignore[valid-type]
        return Memory.silos


def _organization() -> Organization:
    return Organization(id=strawberry.ID(Memory.organization_id), name=Memory.organization_name)


@strawberry.type
class Query:
    @strawberry.field
    def organizations(self) -> list[Organization]:
        return [_organization()]

    @strawberry.field
    def organization(self, id: strawberry.ID) -> Organization | None:
        return _organization()


def strawberry_app(fixture: dict[str, Any]) -> Starlette:
    snapshot = generate_organization(leaders=fixture["leaders"], organization_id=fixture["id"])
    graphs = build_graphs(snapshot)
    version = fixture["version"]
    Memory.organization_id = snapshot.organization.id
    Memory.organization_name = snapshot.organization.name
    Memory.leaders = sorted(snapshot.leaders.values(), key=lambda leader: leader.id)
    Memory.report = EXECUTION.wrapper(
        graph_version=version,
        computed_at=datetime.fromisoformat(fixture["report_computed_at"]),
        report=EXECUTION_REPORT.compute(graphs, ExecutionArguments(as_of=AS_OF)),
    )
    Memory.silos = SILOS.wrapper(
        graph_version=version,
        computed_at=datetime.fromisoformat(fixture["silos_computed_at"]),
        report=SILO_BOTTLENECKS.compute(graphs, SiloArguments()),
    )
    graphql = GraphQL(strawberry.Schema(query=Query), graphql_ide=None)
    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


def main(argv: list[str]) -> int:
    kind, fixture_path, port = argv
    fixture = json.loads(Path(fixture_path).read_text())
    app = plain_app(fixture["answers"]) if kind == PLAIN else strawberry_app(fixture)
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
