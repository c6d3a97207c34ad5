"""The analyses in GraphQL, made from one table.

Analyses return plain frozen dataclasses (graph_queries/analyses); `mirror` derives a strawberry
type with the same fields (tuples become lists) and the resolvers hand back the dataclasses
themselves, so the schema cannot drift from what the analyses compute. Each row of `ANALYSES`
(an `ExposedAnalysis`) names one analysis of `graph_queries.analyses.catalog`; from it come the
wrapper type `<Name>Analysis` (the result with `graphVersion` and `computedAt`), the union
`<Name>Result` (the wrapper or a typed error) and the resolver. `schema/organization.py`
declares the fields and their arguments and calls the `*_field` functions below.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import operator
import re
import types
import typing
from collections.abc import Awaitable, Callable, Hashable
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeAlias, TypeVar

import strawberry

from graph_queries.analyses.catalog import (
    CONFLICT_HOTSPOTS,
    DIRECTED_NETWORK,
    EXECUTION_REPORT,
    EXECUTIVE_FACTIONS,
    SILO_BOTTLENECKS,
    UNIT_NETWORK,
    Analysis,
)
from graph_queries.analyses.conflicts import HotspotArguments, HotspotReport
from graph_queries.analyses.directed import DirectedArguments, DirectedReport
from graph_queries.analyses.execution import ExecutionArguments, ExecutionReport
from graph_queries.analyses.factions import FactionArguments, FactionReport
from graph_queries.analyses.silos import SiloArguments, SiloReport
from graph_queries.analyses.unit_network import UnitNetwork, UnitNetworkArguments
from graph_queries.context import Role
from graph_queries.errors import NotFound
from schema import privacy
from schema.analysis_checks import (
    check_directed,
    check_kinds,
    check_layer,
    check_silos,
    check_top,
)
from schema.context import Info
from schema.failures import NotFoundError, ValidationError
from schema.privacy import PrivacyFloor

A = TypeVar("A", bound=Hashable)
R = TypeVar("R")

_mirrors: dict[type, Any] = {}
LAYER_DESCRIPTION = "The tie kinds this result reads, in name order; null: every tie."


# ---- result types: mirrors of the dataclasses ----------------------------------------------------


def mirror(cls: type) -> Any:
    """The strawberry type for a result dataclass (and, recursively, the ones it holds).

    Its description is the first paragraph of the class docstring, in GraphQL's words: a
    backticked snake_case name becomes camelCase (`empty_reason` -> `emptyReason`), and None
    becomes null.
    """
    if cls in _mirrors:
        return _mirrors[cls]
    hints = typing.get_type_hints(cls)
    annotations = {f.name: _graphql_annotation(hints[f.name]) for f in dataclasses.fields(cls)}
    doc = (cls.__doc__ or "").strip()
    description = graphql_words(" ".join(doc.split("\n\n")[0].split())) if doc else None
    shadow = type(cls.__name__, (), {"__annotations__": annotations, "__module__": __name__})
    _mirrors[cls] = strawberry.type(shadow, description=description)
    return _mirrors[cls]


def graphql_words(text: str) -> str:
    """A Python description as a GraphQL client reads it: `snake_case` names in camelCase,
    None as null."""
    text = re.sub(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`", lambda m: f"`{_camel(m[1])}`", text)
    return re.sub(r"\bNone\b", "null", text)


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


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


# ---- the table -----------------------------------------------------------------------------------


Check = Callable[[Info, str, A], Awaitable[ValidationError | None]]
# The privacy floor for one analysis's result: (the result without small groups, how many).
Floor = Callable[[Info, str, R, int], Awaitable[tuple[R, int]]]


@dataclasses.dataclass(frozen=True)
class ExposedAnalysis(Generic[A, R]):
    """One analysis in GraphQL. `name` gives the types `<name>Analysis` and `<name>Result`;
    `check` vets the arguments (a ValidationError, or None to run). Only an analysis with a
    `check` offers ValidationError in its union: one without arguments cannot get them wrong."""

    name: str
    analysis: Analysis[A, R]
    result: type[R]
    description: str
    floor: Floor[R]
    check: Check[A] | None = None
    wrapper: Any = dataclasses.field(init=False)
    union: Any = dataclasses.field(init=False)

    @property
    def reads_ties(self) -> bool:
        """Whether the analysis takes a layer of ties (`kinds`) and so says which it read."""
        names = {field.name for field in dataclasses.fields(self.analysis.arguments)}  # type: ignore[arg-type]
        return "kinds" in names

    def __post_init__(self) -> None:
        annotations: dict[str, Any] = {
            "graph_version": int,
            "computed_at": dt.datetime,
            "report": mirror(self.result),
            "privacy": PrivacyFloor,
        }
        if self.reads_ties:
            annotations["layer"] = Annotated[
                list[str] | None, strawberry.field(description=LAYER_DESCRIPTION)
            ]
        shadow = type(
            f"{self.name}Analysis", (), {"__annotations__": annotations, "__module__": __name__}
        )
        wrapper = strawberry.type(shadow, description=self.description)
        members: tuple[Any, ...] = (wrapper, NotFoundError)
        if self.check is not None:
            members += (ValidationError,)
        either = functools.reduce(operator.or_, members)
        union = Annotated[either, strawberry.union(f"{self.name}Result")]  # type: ignore[valid-type]
        object.__setattr__(self, "wrapper", wrapper)
        object.__setattr__(self, "union", union)

    async def resolve(
        self, info: Info, organization_id: str, arguments: A, include_small_groups: bool = False
    ) -> Any:
        """The wrapped result for the organization's current graph version, or the error."""
        context = info.context
        context.analyses.admit((organization_id, self.analysis.name, arguments))
        try:
            if include_small_groups:
                # Lifting the privacy floor is for ADMINs only; anyone else gets FORBIDDEN.
                context.request_context.require(organization_id, Role.ADMIN)
            if self.check is not None and (
                error := await self.check(info, organization_id, arguments)
            ):
                return error
            computed = await context.runner.run(
                context.store, context.request_context, organization_id, self.analysis, arguments
            )
        except NotFound as missing:
            return NotFoundError.from_domain(missing)
        kinds: frozenset[str] | None = getattr(arguments, "kinds", None)
        k = context.privacy_min_group
        if self.reads_ties and await privacy.reads_metadata(info, organization_id, kinds):
            k = max(k, context.privacy_min_group_metadata)
        report, withheld = computed.result, 0
        if not include_small_groups:
            report, withheld = await self.floor(info, organization_id, report, k)
        wrapped: dict[str, Any] = {}
        if self.reads_ties:
            wrapped["layer"] = None if kinds is None else sorted(kinds)
        return self.wrapper(
            graph_version=computed.graph_version,
            computed_at=computed.computed_at,
            report=report,
            privacy=privacy.note(withheld, k, include_small_groups),
            **wrapped,
        )


SILOS = ExposedAnalysis(
    "SiloBottlenecks",
    SILO_BOTTLENECKS,
    SiloReport,
    "A silo analysis with the graph version it describes.",
    privacy.floor_silos,
    check_silos,
)
HOTSPOTS = ExposedAnalysis(
    "ConflictHotspots",
    CONFLICT_HOTSPOTS,
    HotspotReport,
    "A conflict analysis with the graph version it describes.",
    privacy.floor_hotspots,
    check_top,
)
FACTIONS = ExposedAnalysis(
    "ExecutiveFactions",
    EXECUTIVE_FACTIONS,
    FactionReport,
    "A faction analysis with the graph version it describes.",
    privacy.floor_factions,
    check_kinds,
)
EXECUTION = ExposedAnalysis(
    "ExecutionReport",
    EXECUTION_REPORT,
    ExecutionReport,
    "The execution report with the graph version it describes.",
    privacy.floor_execution,
    check_top,
)
DIRECTED = ExposedAnalysis(
    "DirectedNetwork",
    DIRECTED_NETWORK,
    DirectedReport,
    "The directed network of a layer of ties with the graph version it describes.",
    privacy.floor_directed,
    check_directed,
)
NETWORK = ExposedAnalysis(
    "UnitNetwork",
    UNIT_NETWORK,
    UnitNetwork,
    "The units and the links between them with the graph version they describe.",
    privacy.floor_unit_network,
    check_layer,
)
ANALYSES: tuple[ExposedAnalysis[Any, Any], ...] = (
    SILOS,
    HOTSPOTS,
    FACTIONS,
    EXECUTION,
    DIRECTED,
    NETWORK,
)

# The unions are made at run time from the table; a type checker sees them as opaque.
if TYPE_CHECKING:
    SiloBottlenecksResult: TypeAlias = Any
    ConflictHotspotsResult: TypeAlias = Any
    ExecutiveFactionsResult: TypeAlias = Any
    ExecutionReportResult: TypeAlias = Any
    DirectedNetworkResult: TypeAlias = Any
    UnitNetworkResult: TypeAlias = Any
else:
    SiloBottlenecksResult = SILOS.union
    ConflictHotspotsResult = HOTSPOTS.union
    ExecutiveFactionsResult = FACTIONS.union
    ExecutionReportResult = EXECUTION.union
    DirectedNetworkResult = DIRECTED.union
    UnitNetworkResult = NETWORK.union


# ---- resolvers, as schema/queries.py calls them --------------------------------------------------


def layer(kinds: list[str] | None) -> frozenset[str] | None:
    """The `kinds` argument of an analysis as its arguments hold it."""
    return None if kinds is None else frozenset(kinds)


async def silo_bottlenecks_field(
    info: Info,
    organization_id: str,
    scope: str | None,
    top: int,
    small_groups: bool = False,
    kinds: list[str] | None = None,
    group_by: str | None = None,
) -> SiloBottlenecksResult:
    path_sample = info.context.runner.path_sample
    arguments = SiloArguments(scope, top, path_sample, layer(kinds), group_by)
    return await SILOS.resolve(info, organization_id, arguments, small_groups)


async def conflict_hotspots_field(
    info: Info, organization_id: str, as_of: dt.date | None, top: int, small_groups: bool = False
) -> ConflictHotspotsResult:
    arguments = HotspotArguments(as_of=as_of or _today(), top=top)
    return await HOTSPOTS.resolve(info, organization_id, arguments, small_groups)


async def executive_factions_field(
    info: Info,
    organization_id: str,
    small_groups: bool = False,
    kinds: list[str] | None = None,
    group_by: str | None = None,
) -> ExecutiveFactionsResult:
    arguments = FactionArguments(kinds=layer(kinds), group_by=group_by)
    return await FACTIONS.resolve(info, organization_id, arguments, small_groups)


async def execution_report_field(
    info: Info,
    organization_id: str,
    as_of: dt.date | None,
    top: int,
    small_groups: bool = False,
    kinds: list[str] | None = None,
) -> ExecutionReportResult:
    path_sample = info.context.runner.path_sample
    arguments = ExecutionArguments(as_of or _today(), top, path_sample, layer(kinds))
    return await EXECUTION.resolve(info, organization_id, arguments, small_groups)


async def directed_network_field(
    info: Info,
    organization_id: str,
    kinds: list[str] | None,
    top: int,
    group_by: str | None = None,
    small_groups: bool = False,
) -> DirectedNetworkResult:
    path_sample = info.context.runner.path_sample
    arguments = DirectedArguments(layer(kinds), top, path_sample, group_by)
    return await DIRECTED.resolve(info, organization_id, arguments, small_groups)


async def unit_network_field(
    info: Info, organization_id: str, kinds: list[str] | None, small_groups: bool = False
) -> UnitNetworkResult:
    arguments = UnitNetworkArguments(layer(kinds))
    return await NETWORK.resolve(info, organization_id, arguments, small_groups)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
