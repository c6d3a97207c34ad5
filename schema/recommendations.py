"""`Organization.recommendations`: the few new ties or liaisons that serve a goal most.

A read-only field for ANALYSTs, like `simulation`: the runner searches on the organization's
current version (`AnalysisRunner.recommend`, `scenarios.recommend`, in the analyses' thread pool,
kept per version and arguments), and the privacy floor withholds recommendations that describe
a group of fewer than k people (`privacy_floor.floor_recommendations`) unless an ADMIN lifts it.
Each recommended change has the shape of a `SimulationChange` (one of `addTie`, `addLiaison`),
so a client passes the list to `simulation(changes:)`, the null field left out, to see the
whole effect.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry

from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import Bottleneck
from graph_queries.context import Role
from graph_queries.errors import ErrorCode, FieldError, NotFound
from graph_queries.privacy_floor import floor_recommendations
from graph_queries.scenarios import AddLiaison, AddTie, Goal, Recommendations
from graph_queries.scenarios.recommend import CANDIDATES_LIMIT
from graph_queries.scenarios.recommendation_options import RecommendationOptions
from graph_queries.tie_kinds import MAX_TIE_KIND
from schema import privacy
from schema.analyses import LAYER_DESCRIPTION, mirror
from schema.analysis_checks import kinds_error
from schema.context import Info
from schema.enums import LeaderLevel
from schema.failures import NotFoundError, ValidationError
from schema.privacy import PrivacyFloor

__all__ = [
    "CANDIDATES_LIMIT",
    "FIELD",
    "RESULT",
    "Candidates",
    "Count",
    "Liaisons",
    "NewTieKind",
    "Options",
    "PerPerson",
    "RecommendationGoal",
    "RecommendationsResult",
    "recommendations_field",
]

FIELD = "recommendations"
# The result union's name: the query-cost check prices a field by it (schema/query_limits.py).
RESULT = "RecommendationsResult"
# Bounds of an API request: each recommendation measures up to `candidates` moves again.
MAX_COUNT = 10
MAX_NEW_TIES_PER_PERSON = 5
MAX_CANDIDATES = 100

Options = RecommendationOptions
Count = Annotated[
    int, strawberry.argument(description=f"How many, 1 to {MAX_COUNT}; fewer if none helps.")
]
PerPerson = Annotated[
    int,
    strawberry.argument(
        description=f"New ties any existing person takes on, 1 to {MAX_NEW_TIES_PER_PERSON}."
    ),
]
Candidates = Annotated[
    int, strawberry.argument(description=f"Moves measured at most, 1 to {MAX_CANDIDATES}.")
]
Liaisons = Annotated[
    bool, strawberry.argument(description="Consider new liaison roles beside new ties.")
]
NewTieKind = Annotated[
    str | None, strawberry.argument(description="The kind of the new ties (in `kinds` if given).")
]

RecommendationGoal = strawberry.enum(
    Goal,
    name="RecommendationGoal",
    description=(
        "What the recommendations serve: CONNECT_FACTIONS lowers the modularity of the top "
        "team's factions, LOWER_WORST_BOTTLENECK the score of the worst cross-unit bottleneck, "
        "COVER_UNRELIABLE_DEPENDENCIES the criticality of unreliable dependencies with no "
        "direct tie and at most one go-between (docs/analyses.md, Recommendations)."
    ),
)


@strawberry.type(description="A new tie between two existing leaders, as `AddTieChange` takes it.")
class RecommendedTie:
    leader_a_id: strawberry.ID
    leader_b_id: strawberry.ID
    kind: str | None
    strength: float


@strawberry.type(
    description=(
        "A new leader in `unitId` tied to each leader of `tiesTo`, as `AddLiaisonChange` "
        "takes it: a liaison role whose job is the link."
    )
)
class RecommendedLiaison:
    name: str
    unit_id: strawberry.ID
    ties_to: list[strawberry.ID]
    level: LeaderLevel  # type: ignore[valid-type]
    title: str
    kind: str | None
    strength: float


@strawberry.type(
    description=(
        "One change, exactly one field set: the shape of a `SimulationChange`, so that the "
        "changes, the null field left out, can be passed to `simulation(changes:)`."
    )
)
class RecommendedChange:
    add_tie: RecommendedTie | None = None
    add_liaison: RecommendedLiaison | None = None


@strawberry.type(
    description=(
        "One recommended move: its `changes`, the goal's figure `before` it (after the "
        "recommendations ahead of it) and `after` it, and why, naming the people and units."
    )
)
class Recommendation:
    changes: list[RecommendedChange]
    before: float
    after: float
    reason: str


@strawberry.type(
    description=(
        "The recommendations in the order found, each measured on top of the ones before it; "
        "the goal's `figure` in words and its value with none of them (`start`, null when the "
        "privacy floor withholds it); the search's cost (`candidates` measured, `evaluations` "
        "made, never more than `evaluationBound`). Nothing was written."
    )
)
class RecommendationsAnalysis:
    graph_version: int
    computed_at: dt.datetime
    goal: RecommendationGoal  # type: ignore[valid-type]
    figure: str
    start: float | None
    target: mirror(Bottleneck) | None = strawberry.field(  # type: ignore[valid-type]
        description="The bottleneck whose score is the figure (LOWER_WORST_BOTTLENECK)."
    )
    recommendations: list[Recommendation]
    candidates: int
    evaluations: int
    evaluation_bound: int
    privacy: PrivacyFloor
    layer: list[str] | None = strawberry.field(description=LAYER_DESCRIPTION)


if TYPE_CHECKING:
    RecommendationsResult: TypeAlias = Any
else:
    RecommendationsResult = Annotated[
        RecommendationsAnalysis | ValidationError | NotFoundError, strawberry.union(RESULT)
    ]


def option_errors(options: RecommendationOptions) -> list[FieldError]:
    """Every argument out of its bounds, named as GraphQL names it."""
    errors = []
    for name, value, low, high in (
        ("count", options.count, 1, MAX_COUNT),
        ("maxNewTiesPerPerson", options.max_new_ties_per_person, 1, MAX_NEW_TIES_PER_PERSON),
        ("candidates", options.candidates_limit, 1, MAX_CANDIDATES),
    ):
        if not low <= value <= high:
            message = f"is {value}, must be {low} to {high}"
            errors.append(FieldError(name, ErrorCode.OUT_OF_RANGE, message))
    if not (math.isfinite(options.strength) and 0.0 < options.strength <= 1.0):
        message = f"is {options.strength}, must be in (0, 1]"
        errors.append(FieldError("strength", ErrorCode.OUT_OF_RANGE, message))
    kind = options.kind
    if kind is not None and not (0 < len(kind) <= MAX_TIE_KIND and kind.strip()):
        message = f"{kind[:MAX_TIE_KIND]!r} is not a tie kind name (1 to {MAX_TIE_KIND} characters)"
        errors.append(FieldError("kind", ErrorCode.INVALID_FORMAT, message))
    elif options.kinds is not None and kind not in options.kinds:
        message = (
            "is needed: name one kind of the layer read (`kinds`) for the new ties to count"
            if kind is None
            else f"{kind!r} is outside the layer read (`kinds`): the new ties would not count"
        )
        errors.append(FieldError("kind", ErrorCode.INCONSISTENT, message))
    return errors


def change_out(change: AddTie | AddLiaison) -> RecommendedChange:
    if isinstance(change, AddLiaison):
        liaison = dataclasses.replace(change, ties_to=list(change.ties_to))  # type: ignore[arg-type]
        return RecommendedChange(add_liaison=RecommendedLiaison(**dataclasses.asdict(liaison)))
    return RecommendedChange(add_tie=RecommendedTie(**dataclasses.asdict(change)))


async def recommendations_field(
    info: Info,
    organization_id: str,
    goal: Goal,
    options: RecommendationOptions,
    small_groups: bool = False,
) -> RecommendationsResult:
    """The recommendations for `goal` with `options`, or the typed failure."""
    context = info.context
    context.analyses.admit((organization_id, FIELD, goal, options))
    if error := kinds_error(options.kinds):
        return error
    if errors := option_errors(options):
        return ValidationError.from_domain(errors, write=False)
    caller = context.request_context
    try:
        if small_groups:
            caller.require(organization_id, Role.ADMIN)  # lifting the floor: FORBIDDEN else
        computed = await context.runner.recommend(
            context.store, caller, organization_id, goal, options
        )
        # The floor counts leaders and factions in the graphs; lifted, it needs neither.
        graphs = (
            None
            if small_groups
            else await context.runner.graphs(context.store, caller, organization_id)
        )
    except NotFound as missing:
        return NotFoundError.from_domain(missing)
    k = context.privacy_min_group
    if await privacy.reads_metadata(info, organization_id, options.kinds):
        k = max(k, context.privacy_min_group_metadata)
    found: Recommendations = computed.result
    withheld = 0
    if graphs is not None:
        factions = None
        if goal is Goal.CONNECT_FACTIONS:
            team = functools.partial(executive_factions, graphs, kinds=options.kinds)
            factions = await context.runner.in_pool(team)
        found, withheld = floor_recommendations(found, k, graphs, factions)
    return RecommendationsAnalysis(
        graph_version=computed.graph_version,
        computed_at=computed.computed_at,
        goal=found.goal,
        figure=found.figure,
        start=found.start,
        target=found.target,
        recommendations=[
            Recommendation(
                changes=[change_out(change) for change in r.changes],
                before=r.before,
                after=r.after,
                reason=r.reason,
            )
            for r in found.recommendations
        ],
        candidates=found.candidates,
        evaluations=found.evaluations,
        evaluation_bound=found.evaluation_bound,
        privacy=privacy.note(withheld, k, small_groups),
        layer=None if options.kinds is None else sorted(options.kinds),
    )
