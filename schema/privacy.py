"""The privacy floor: no figures about a group of fewer than k people (UNSILO_PRIVACY_MIN_GROUP).

Applied here (by `graph_queries.privacy_floor`, which the exports share), over the plain
results the pure analyses computed (and cached), never inside them: each function returns a
copy with the small groups left out, and how many it left out.
What is withheld (docs/security.md#privacy-floor):

- silos: the rows of `units` with fewer than k leaders (their tie figures describe those few),
  the `bottlenecks` that are such units, and the `groups` (by a custom attribute) of fewer
  than k leaders;
- factions: factions with fewer than k members, the links and bridges that name them, the
  connected components smaller than k, and those members' faction and within-faction share;
- execution report: the alignment-trap rows and the unit `bottlenecks` of units with fewer than
  k leaders, and the headlines that name them when one was withheld;
- directed network: the `groups` rows of groups with fewer than k leaders;
- unit network: the tie count and strength of every link that touches a unit with fewer than
  k leaders (a link without a dependency goes altogether); each such unit counts as withheld;
- conflict hotspots: nothing; they count conflicts between units, not people's ties.

Individual-level rows (brokers, bridging and isolated executives, per-leader rows) stay: every
analysis already needs the ANALYST role. An ADMIN may lift the floor with an argument.
"""

from __future__ import annotations

from typing import Any

import strawberry

from graph_queries.analyses.directed import DirectedReport
from graph_queries.analyses.execution import ExecutionReport
from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import SiloReport
from graph_queries.analyses.unit_network import UnitNetwork
from graph_queries.privacy_floor import (
    METADATA_KINDS,
    execution_unit_ids,
    floor_directed_report,
    floor_execution_report,
    floor_faction_report,
    floor_silo_report,
    floor_unit_network_report,
    unit_bottleneck_ids,
)
from graph_queries.stores.port import Relation
from schema.context import Info


@strawberry.type(description="What the privacy floor withheld from this result.")
class PrivacyFloor:
    min_group: int = strawberry.field(description="No figures on groups smaller than this.")
    withheld_groups: int = strawberry.field(description="Units or factions left out.")
    lifted: bool = strawberry.field(description="An ADMIN asked for small groups too.")
    note: str | None


def note(withheld: int, k: int, lifted: bool) -> PrivacyFloor:
    if lifted:
        text: str | None = f"privacy floor lifted by an ADMIN: groups under {k} are included"
    elif withheld:
        text = f"{withheld} group(s) of fewer than {k} people withheld (privacy floor)"
    else:
        text = None
    return PrivacyFloor(min_group=k, withheld_groups=withheld, lifted=lifted, note=text)


async def reads_metadata(info: Info, organization_id: str, kinds: frozenset[str] | None) -> bool:
    """Whether an analysis of the layer `kinds` (None: every tie) reads ties made from calendars
    or e-mail headers, which get the higher floor UNSILO_PRIVACY_MIN_GROUP_METADATA."""
    context = info.context
    declared = await context.store.tie_kinds(context.request_context, organization_id)
    metadata = {kind.name for kind in declared} & METADATA_KINDS
    return bool(metadata if kinds is None else metadata & kinds)


async def floor_silos(info: Info, organization_id: str, report: SiloReport, k: int) -> Any:
    named = unit_bottleneck_ids(report.bottlenecks)
    return floor_silo_report(report, k, await _unit_leaders(info, organization_id, named))


async def floor_directed(info: Info, organization_id: str, report: DirectedReport, k: int) -> Any:
    return floor_directed_report(report, k)


async def floor_unit_network(info: Info, organization_id: str, report: UnitNetwork, k: int) -> Any:
    return floor_unit_network_report(report, k)


async def floor_hotspots(info: Info, organization_id: str, report: Any, k: int) -> Any:
    return report, 0


async def floor_factions(info: Info, organization_id: str, report: FactionReport, k: int) -> Any:
    return floor_faction_report(report, k)


async def floor_execution(info: Info, organization_id: str, report: ExecutionReport, k: int) -> Any:
    named = execution_unit_ids(report)
    return floor_execution_report(report, k, await _unit_leaders(info, organization_id, named))


async def _unit_leaders(info: Info, organization_id: str, unit_ids: list[str]) -> dict[str, int]:
    """How many leaders (direct members) each of `unit_ids` has."""
    unique = list(dict.fromkeys(unit_ids))
    loader = info.context.loaders.related(Relation.UNIT_MEMBERS)
    members = await loader.load_many([(organization_id, unit) for unit in unique])
    return {unit: len(found) for unit, found in zip(unique, members, strict=True)}
