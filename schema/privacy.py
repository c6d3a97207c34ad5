"""The privacy floor: no figures about a group of fewer than k people (UNSILO_PRIVACY_MIN_GROUP).

Applied here, over the plain results the pure analyses computed (and cached), never inside
them: each function returns a copy with the small groups left out, and how many it left out.
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

import dataclasses
from typing import Any

import strawberry

from graph_queries.analyses.directed import DirectedReport
from graph_queries.analyses.execution import ExecutionReport
from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import Bottleneck, BottleneckKind, SiloReport
from graph_queries.analyses.unit_network import UnitNetwork
from graph_queries.formats.metadata import EMAIL, MEETING
from graph_queries.stores.port import Relation
from schema.context import Info

METADATA_KINDS = frozenset({MEETING, EMAIL})
TRAP_HEADLINE = "Alignment trap in "
WORST_BOTTLENECK_HEADLINE = "Worst bottleneck: "


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
    small = {unit.unit_id for unit in report.units if unit.leaders < k}
    small |= await _small_units(info, organization_id, _unit_bottlenecks(report.bottlenecks), k)
    groups = [group for group in report.groups if group.leaders >= k]
    if not small and len(groups) == len(report.groups):
        return report, 0
    floored = dataclasses.replace(
        report,
        units=[unit for unit in report.units if unit.unit_id not in small],
        bottlenecks=_without_units(report.bottlenecks, small),
        groups=groups,
    )
    return floored, len(small) + len(report.groups) - len(groups)


async def floor_directed(info: Info, organization_id: str, report: DirectedReport, k: int) -> Any:
    kept = tuple(group for group in report.groups if group.leaders >= k)
    if len(kept) == len(report.groups):
        return report, 0
    return dataclasses.replace(report, groups=kept), len(report.groups) - len(kept)


async def floor_unit_network(info: Info, organization_id: str, report: UnitNetwork, k: int) -> Any:
    small = {unit.id for unit in report.units if unit.people < k}
    if not small:
        return report, 0
    links = []
    for link in report.links:
        if not {link.unit_a, link.unit_b} & small:
            links.append(link)
        elif link.dependencies:  # dependencies stay: they join units, not people
            links.append(dataclasses.replace(link, ties=None, tie_strength=None))
    # Every small unit counts: even its absent links would tell that its few people have no
    # ties to a unit.
    return dataclasses.replace(report, links=tuple(links)), len(small)


async def floor_hotspots(info: Info, organization_id: str, report: Any, k: int) -> Any:
    return report, 0


async def floor_factions(info: Info, organization_id: str, report: FactionReport, k: int) -> Any:
    small = {f.index for f in report.factions if len(f.members) < k}
    components = tuple(c for c in report.components if len(c) >= k)
    if not small and len(components) == len(report.components):
        return report, 0
    members = tuple(
        dataclasses.replace(
            m,
            faction=None,
            within_faction_share=None,
            reason=f"{m.name}: faction figures withheld (privacy floor)",
        )
        if m.faction in small
        else m
        for m in report.members
    )
    floored = dataclasses.replace(
        report,
        components=components,
        factions=tuple(f for f in report.factions if f.index not in small),
        links=tuple(link for link in report.links if not {link.faction_a, link.faction_b} & small),
        bridges=tuple(
            dataclasses.replace(b, reaches=tuple(r for r in b.reaches if r not in small))
            for b in report.bridges
            if b.faction not in small
        ),
        members=members,
    )
    return floored, len(small) + len(report.components) - len(components)


async def floor_execution(info: Info, organization_id: str, report: ExecutionReport, k: int) -> Any:
    trapped = [row.unit for row in report.alignment_trap]
    named = trapped + _unit_bottlenecks(report.bottlenecks)
    small = await _small_units(info, organization_id, named, k)
    if not small:
        return report, 0
    headlines = list(report.headlines)
    # Headlines name the trapped units and the worst bottleneck, small ones too: left out
    # rather than rewritten.
    if small & set(trapped):
        headlines = [h for h in headlines if not h.startswith(TRAP_HEADLINE)]
    if report.bottlenecks and report.bottlenecks[0].id in small:
        headlines = [h for h in headlines if not h.startswith(WORST_BOTTLENECK_HEADLINE)]
    floored = dataclasses.replace(
        report,
        alignment_trap=[row for row in report.alignment_trap if row.unit not in small],
        bottlenecks=_without_units(report.bottlenecks, small),
        headlines=headlines,
    )
    return floored, len(small)


def _unit_bottlenecks(bottlenecks: list[Bottleneck]) -> list[str]:
    return [b.id for b in bottlenecks if b.kind is BottleneckKind.UNIT]


def _without_units(bottlenecks: list[Bottleneck], small: set[str]) -> list[Bottleneck]:
    return [b for b in bottlenecks if not (b.kind is BottleneckKind.UNIT and b.id in small)]


async def _small_units(info: Info, organization_id: str, unit_ids: list[str], k: int) -> set[str]:
    """The units among `unit_ids` with fewer than k leaders (their direct members)."""
    unique = list(dict.fromkeys(unit_ids))
    loader = info.context.loaders.related(Relation.UNIT_MEMBERS)
    members = await loader.load_many([(organization_id, unit) for unit in unique])
    return {unit for unit, found in zip(unique, members, strict=True) if len(found) < k}
