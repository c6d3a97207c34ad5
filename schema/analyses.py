"""The analyses in GraphQL: each result dataclass is mirrored as a GraphQL type, field for field.

Analyses return plain frozen dataclasses (graph_queries/analyses); `mirror` derives a strawberry
type with the same fields (tuples become lists) and the resolvers hand back the dataclasses
themselves, so the schema cannot drift from what the analyses compute.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Hashable
from typing import Annotated, Any, TypeVar

import strawberry

from graph_queries.analyses.conflicts import HotspotReport, conflict_hotspots
from graph_queries.analyses.factions import FactionReport, executive_factions
from graph_queries.analyses.execution import ExecutionReport, execution_report
from graph_queries.analyses.silos import SiloReport, silo_bottlenecks
from graph_queries.errors import ErrorCode, FieldError, NotFound
from graph_queries.model import EntityKind
from schema.context import Info
from schema.failures import NotFoundError, ValidationError

T = TypeVar("T")
W = TypeVar("W")
MAX_TOP = 100

_mirrors: dict[type, Any] = {}


def mirror(cls: type) -> Any:
    """The strawberry type for a result dataclass (and, recursively, the ones it holds)."""
    if cls in _mirrors:
        return _mirrors[cls]
    hints = typing.get_type_hints(cls)
    annotations = {f.name: _graphql_annotation(hints[f.name]) for f in dataclasses.fields(cls)}
    doc = (cls.__doc__ or "").strip()
    description = " ".join(doc.split("\n\n")[0].split()) if doc else None
    shadow = type(cls.__name__, (), {"__annotations__": annotations, "__module__": __name__})
    _mirrors[cls] = strawberry.type(shadow, description=description)
    return _mirrors[cls]


def _graphql_annotation(hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (tuple, list):
        return list[_graphql_annotation(args[0])]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        assert len(inner) == 1, f"only optional unions are mirrored, not {hint}"
        return _graphql_annotation(inner[0]) | None
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return mirror(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if not hasattr(hint, "__strawberry_definition__") and not hasattr(hint, "_enum_definition"):
            strawberry.enum(hint)
        return hint
    return hint


@strawberry.type(description="A silo analysis with the graph version it describes.")
class SiloBottlenecks:
    graph_version: int
    computed_at: dt.datetime
    report: mirror(SiloReport)  # type: ignore[valid-type]


@strawberry.type(description="A conflict analysis with the graph version it describes.")
class ConflictHotspots:
    graph_version: int
    computed_at: dt.datetime
    report: mirror(HotspotReport)  # type: ignore[valid-type]


@strawberry.type(description="A faction analysis with the graph version it describes.")
class ExecutiveFactions:
    graph_version: int
    computed_at: dt.datetime
    report: mirror(FactionReport)  # type: ignore[valid-type]


@strawberry.type(description="The execution report with the graph version it describes.")
class ExecutionReportResult:
    graph_version: int
    computed_at: dt.datetime
    report: mirror(ExecutionReport)  # type: ignore[valid-type]


SiloBottlenecksResult = Annotated[
    SiloBottlenecks | NotFoundError | ValidationError, strawberry.union("SiloBottlenecksResult")
]
ConflictHotspotsResult = Annotated[
    ConflictHotspots | NotFoundError | ValidationError,
    strawberry.union("ConflictHotspotsResult"),
]
ExecutiveFactionsResult = Annotated[
    ExecutiveFactions | NotFoundError, strawberry.union("ExecutiveFactionsResult")
]
ExecutionReportUnion = Annotated[
    ExecutionReportResult | NotFoundError | ValidationError,
    strawberry.union("ExecutionReportUnion"),
]


def _top_error(top: int) -> ValidationError | None:
    if 0 <= top <= MAX_TOP:
        return None
    return _invalid("top", ErrorCode.OUT_OF_RANGE, f"is {top}, must be 0 to {MAX_TOP}")


def _invalid(field: str, code: ErrorCode, message: str) -> ValidationError:
    return ValidationError.from_domain([FieldError(field, code, message)])


async def _run(
    info: Info,
    organization_id: str,
    analysis: Callable[..., T],
    wrap: Callable[[int, dt.datetime, T], W],
    *args: Hashable,
) -> W | NotFoundError:
    context = info.context
    try:
        computed = await context.runner.run(
            context.store, context.request_context, organization_id, analysis, *args
        )
    except NotFound as missing:
        return NotFoundError(
            message=str(missing), entity=missing.kind, id=strawberry.ID(missing.id)
        )
    return wrap(computed.graph_version, computed.computed_at, computed.result)


async def silo_bottlenecks_field(
    info: Info, organization_id: str, scope: str | None, top: int
) -> SiloBottlenecks | NotFoundError | ValidationError:
    if error := _top_error(top):
        return error
    if scope is not None:
        unit = await info.context.loaders.entity(EntityKind.UNIT).load((organization_id, scope))
        if unit is None or getattr(unit, "parent_id", None) is not None:
            return _invalid(
                "scope",
                ErrorCode.UNKNOWN_REFERENCE,
                f"{scope!r} is not a division (a unit without a parent) of this organization",
            )
    return await _run(
        info,
        organization_id,
        silo_bottlenecks,
        lambda v, at, r: SiloBottlenecks(graph_version=v, computed_at=at, report=r),
        scope,
        top,
    )


async def conflict_hotspots_field(
    info: Info, organization_id: str, as_of: dt.date | None, top: int
) -> ConflictHotspots | NotFoundError | ValidationError:
    if error := _top_error(top):
        return error
    return await _run(
        info,
        organization_id,
        conflict_hotspots,
        lambda v, at, r: ConflictHotspots(graph_version=v, computed_at=at, report=r),
        as_of or _today(),
        top,
    )


async def executive_factions_field(
    info: Info, organization_id: str
) -> ExecutiveFactions | NotFoundError:
    return await _run(
        info,
        organization_id,
        executive_factions,
        lambda v, at, r: ExecutiveFactions(graph_version=v, computed_at=at, report=r),
    )


async def execution_report_field(
    info: Info, organization_id: str, as_of: dt.date | None, top: int
) -> ExecutionReportResult | NotFoundError | ValidationError:
    if error := _top_error(top):
        return error
    return await _run(
        info,
        organization_id,
        execution_report,
        lambda v, at, r: ExecutionReportResult(graph_version=v, computed_at=at, report=r),
        as_of or _today(),
        top,
    )


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
