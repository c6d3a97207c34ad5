"""The privacy floor: no figures about a group of fewer than k people (UNSILO_PRIVACY_MIN_GROUP).

Applied here, over the plain results the pure analyses computed (and cached), never inside
them: each function returns a copy with the small groups left out, and how many it left out.
What is withheld (docs/security.md#privacy-floor):

- silos: the rows of `units` with fewer than k leaders (their tie figures describe those few);
- factions: factions with fewer than k members, the links and bridges that name them, the
  connected components smaller than k, and those members' faction and within-faction share;
- execution report: the alignment-trap rows of units with fewer than k leaders, and the
  headline that names trapped units when one of them was withheld;
- conflict hotspots: nothing; they count conflicts between units, not people's ties.

Individual-level rows (brokers, bridging and isolated executives, per-leader rows) stay: every
analysis already needs the ANALYST role. An ADMIN may lift the floor with an argument.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry

from graph_queries.analyses.execution import ExecutionReport
from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import SiloReport
from graph_queries.stores.port import Relation
from schema.context import Info

TRAP_HEADLINE = "Alignment trap in "


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


async def floor_silos(info: Info, organization_id: str, report: SiloReport, k: int) -> Any:
    kept = [unit for unit in report.units if unit.leaders >= k]
    withheld = len(report.units) - len(kept)
    return dataclasses.replace(report, units=kept), withheld


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
    sizes = await _unit_sizes(info, organization_id, [row.unit for row in report.alignment_trap])
    kept = [row for row in report.alignment_trap if sizes[row.unit] >= k]
    withheld = len(report.alignment_trap) - len(kept)
    if not withheld:
        return report, 0
    # The headline names trapped units, small ones too: left out rather than rewritten.
    headlines = [h for h in report.headlines if not h.startswith(TRAP_HEADLINE)]
    return dataclasses.replace(report, alignment_trap=kept, headlines=headlines), withheld


async def _unit_sizes(info: Info, organization_id: str, unit_ids: list[str]) -> dict[str, int]:
    loader = info.context.loaders.related(Relation.UNIT_MEMBERS)
    members = await loader.load_many([(organization_id, unit) for unit in unit_ids])
    return {unit: len(found) for unit, found in zip(unit_ids, members, strict=True)}
