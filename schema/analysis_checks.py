"""The checks of the analyses' arguments in GraphQL: each returns a ValidationError naming the
argument, or None to run the analysis."""

from __future__ import annotations

from graph_queries.analyses.conflicts import HotspotArguments
from graph_queries.analyses.directed import DirectedArguments
from graph_queries.analyses.execution import ExecutionArguments
from graph_queries.analyses.factions import FactionArguments
from graph_queries.analyses.silos import SiloArguments
from graph_queries.analyses.unit_network import UnitNetworkArguments
from graph_queries.attributes import declared
from graph_queries.errors import ErrorCode, FieldError
from graph_queries.model import EntityKind
from graph_queries.tie_kinds import MAX_TIE_KIND, MAX_TIE_KINDS
from schema.context import Info
from schema.failures import ValidationError

MAX_TOP = 100


def invalid(field: str, code: ErrorCode, message: str) -> ValidationError:
    return ValidationError.from_domain([FieldError(field, code, message)], write=False)


def top_error(top: int) -> ValidationError | None:
    if 0 <= top <= MAX_TOP:
        return None
    return invalid("top", ErrorCode.OUT_OF_RANGE, f"is {top}, must be 0 to {MAX_TOP}")


def kinds_error(kinds: frozenset[str] | None) -> ValidationError | None:
    """A layer names at most as many kinds as an organization may declare, each a kind name."""
    if kinds is None:
        return None
    if len(kinds) > MAX_TIE_KINDS:
        message = f"names {len(kinds)} kinds, at most {MAX_TIE_KINDS}"
        return invalid("kinds", ErrorCode.TOO_LONG, message)
    if long := sorted(kind for kind in kinds if len(kind) > MAX_TIE_KIND or not kind.strip()):
        message = (
            f"{long[0][:MAX_TIE_KIND]!r} is not a tie kind name (1 to {MAX_TIE_KIND} characters)"
        )
        return invalid("kinds", ErrorCode.INVALID_FORMAT, message)
    return None


async def group_by_error(
    info: Info, organization_id: str, group_by: str | None
) -> ValidationError | None:
    """A grouping names a custom attribute the organization declares for its leaders."""
    if group_by is None:
        return None
    context = info.context
    found = await context.store.declarations(context.request_context, organization_id)
    if group_by in declared(found.attributes, EntityKind.LEADER):
        return None
    message = f"{group_by[:MAX_TIE_KIND]!r} is not a declared leader attribute"
    return invalid("groupBy", ErrorCode.UNKNOWN_REFERENCE, message)


async def check_top(
    info: Info, organization_id: str, arguments: HotspotArguments | ExecutionArguments
) -> ValidationError | None:
    return top_error(arguments.top) or kinds_error(getattr(arguments, "kinds", None))


async def check_kinds(
    info: Info, organization_id: str, arguments: FactionArguments
) -> ValidationError | None:
    return kinds_error(arguments.kinds) or await group_by_error(
        info, organization_id, arguments.group_by
    )


async def check_layer(
    info: Info, organization_id: str, arguments: UnitNetworkArguments
) -> ValidationError | None:
    return kinds_error(arguments.kinds)


async def check_directed(
    info: Info, organization_id: str, arguments: DirectedArguments
) -> ValidationError | None:
    if error := top_error(arguments.top or 0) or kinds_error(arguments.kinds):
        return error
    if error := await group_by_error(info, organization_id, arguments.group_by):
        return error
    context = info.context
    declared = await context.store.tie_kinds(context.request_context, organization_id)
    directed = {kind.name for kind in declared if kind.directed}
    undirected = sorted((arguments.kinds or frozenset()) - directed)
    if undirected:
        return invalid(
            "kinds",
            ErrorCode.UNKNOWN_REFERENCE,
            f"{', '.join(map(repr, undirected))} is not a directed tie kind of this organization",
        )
    return None


async def check_silos(
    info: Info, organization_id: str, arguments: SiloArguments
) -> ValidationError | None:
    if error := top_error(arguments.top) or kinds_error(arguments.kinds):
        return error
    if error := await group_by_error(info, organization_id, arguments.group_by):
        return error
    scope = arguments.scope
    if scope is not None:
        unit = await info.context.loaders.entity(EntityKind.UNIT).load((organization_id, scope))
        if unit is None or getattr(unit, "parent_id", None) is not None:
            return invalid(
                "scope",
                ErrorCode.UNKNOWN_REFERENCE,
                f"{scope!r} is not a division (a unit without a parent) of this organization",
            )
    return None
