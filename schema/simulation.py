"""`Organization.simulation`: the execution report before and after hypothetical changes.

A read-only field, not a mutation: nothing is written (docs/analyses.md, "What-if
simulation"). The resolver turns the inputs into the engine's changes
(`schema/simulation_inputs.py`), the runner simulates them on the organization's current
version (`AnalysisRunner.simulate`: an ANALYST's, in the analyses' thread pool, with their path
sample), and the privacy floor is applied to both reports and to the differences
(`privacy_floor.floor_simulation`) unless an ADMIN lifts it. The result types mirror the
engine's dataclasses (`analyses.mirror`); `before` and `after` are the `ExecutionReport` type.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry

from graph_queries.analyses.execution import ExecutionReport
from graph_queries.context import Role
from graph_queries.errors import NotFound, ValidationFailed
from graph_queries.privacy_floor import floor_simulation
from graph_queries.scenarios import AppliedChange, SimulationDiff
from schema import privacy
from schema.analyses import LAYER_DESCRIPTION, layer, mirror
from schema.analysis_checks import kinds_error, top_error
from schema.context import Info
from schema.failures import NotFoundError, ValidationError
from schema.privacy import PrivacyFloor
from schema.simulation_inputs import SimulationChange, to_change

# The field's name, which the query limits and stored answers count as an analysis's.
FIELD = "simulation"
RESULT = "SimulationResult"


@strawberry.type(
    description=(
        "The execution report `before` and `after` hypothetical changes, side by side, and the "
        "`differences`; nothing was written. The graph version is the one simulated on."
    )
)
class SimulationAnalysis:
    graph_version: int
    computed_at: dt.datetime
    before: mirror(ExecutionReport)  # type: ignore[valid-type]
    after: mirror(ExecutionReport)  # type: ignore[valid-type]
    differences: mirror(SimulationDiff)  # type: ignore[valid-type]
    changes: list[mirror(AppliedChange)] = strawberry.field(  # type: ignore[valid-type]
        description="Each change as applied, in the order given."
    )
    hypothetical: list[str] = strawberry.field(
        description="The ids of the entities that exist only in the simulation (whatif- ids)."
    )
    recomputed: list[str] = strawberry.field(
        description=(
            "The analyses run again on the changed organization; the others were reused, "
            "since no change touches what they read."
        )
    )
    privacy: PrivacyFloor
    layer: list[str] | None = strawberry.field(description=LAYER_DESCRIPTION)


if TYPE_CHECKING:
    SimulationResult: TypeAlias = Any
else:
    SimulationResult = Annotated[
        SimulationAnalysis | ValidationError | NotFoundError, strawberry.union(RESULT)
    ]


async def simulation_field(
    info: Info,
    organization_id: str,
    changes: list[SimulationChange],
    as_of: dt.date | None,
    top: int,
    small_groups: bool = False,
    kinds: list[str] | None = None,
) -> SimulationResult:
    """The simulation of `changes` at `as_of` (today if null), or the typed failure."""
    context = info.context
    chosen = [to_change(change) for change in changes]
    when = as_of or dt.datetime.now(dt.UTC).date()
    layered = layer(kinds)
    context.analyses.admit((organization_id, FIELD, (tuple(chosen), when, top, layered)))
    if error := top_error(top) or kinds_error(layered):
        return error
    try:
        if small_groups:
            # Lifting the privacy floor is for ADMINs only; anyone else gets FORBIDDEN.
            context.request_context.require(organization_id, Role.ADMIN)
        computed = await context.runner.simulate(
            context.store, context.request_context, organization_id, chosen, when, top, layered
        )
    except ValidationFailed as failure:
        return ValidationError.from_domain(failure.errors, write=False)
    except NotFound as missing:
        return NotFoundError.from_domain(missing)
    k = context.privacy_min_group
    if await privacy.reads_metadata(info, organization_id, layered):
        k = max(k, context.privacy_min_group_metadata)
    simulation, withheld = computed.result, 0
    if not small_groups:
        simulation, withheld = floor_simulation(simulation, k)
    return SimulationAnalysis(
        graph_version=computed.graph_version,
        computed_at=computed.computed_at,
        before=simulation.before,
        after=simulation.after,
        differences=simulation.differences,
        changes=list(simulation.changes),
        hypothetical=list(simulation.hypothetical),
        recomputed=list(simulation.recomputed),
        privacy=privacy.note(withheld, k, small_groups),
        layer=None if layered is None else sorted(layered),
    )
