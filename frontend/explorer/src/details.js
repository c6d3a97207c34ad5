// What the analyses say about one unit or one leader: its figures and their plain-language
// reasons, gathered from the results already loaded.

import { el, figure, percent } from "./dom.js";

function facts(rows) {
  return el(
    "dl",
    { class: "facts" },
    rows.filter(([, value]) => value !== undefined).flatMap(([term, value]) => [
      el("dt", {}, term),
      el("dd", {}, value),
    ]),
  );
}

function reasons(list) {
  const items = list.filter(Boolean);
  if (!items.length) return el("p", {}, "No analysis singles it out.");
  return el("ul", { class: "reasons" }, items.map((text) => el("li", {}, text)));
}

export function unitDetails(state, unitId) {
  const unit = state.network.units.find((u) => u.id === unitId);
  if (!unit) return [el("p", {}, "No such unit in this organization.")];
  const links = state.network.links.filter((l) => l.unitA === unitId || l.unitB === unitId);
  const withheld = links.some((l) => l.ties === null);
  const silos = state.silos && state.silos.report;
  const hotspots = state.hotspots && state.hotspots.report;
  const bottleneck = silos && silos.bottlenecks.find((b) => b.kind === "UNIT" && b.id === unitId);
  const row = silos && silos.units.find((u) => u.unitId === unitId);
  const hot = hotspots && hotspots.units.find((u) => u.unit === unitId);
  const pairs = hotspots ? hotspots.pairs.filter((p) => p.unitA === unitId || p.unitB === unitId) : [];
  const executives = state.factions
    ? state.factions.report.members.filter((m) => m.division === unitId)
    : [];
  return [
    el("h3", { id: "details-title" }, unit.name),
    facts([
      ["Kind", unit.kind],
      ["Leaders", String(unit.people)],
      ["Linked units", String(links.length)],
      ["Dependencies with them", String(links.reduce((n, l) => n + l.dependencies, 0))],
      ["Unreliable dependencies", String(links.reduce((n, l) => n + l.unreliable, 0))],
      [
        "Ties to other units",
        String(links.reduce((n, l) => n + (l.ties || 0), 0)) +
          (withheld ? " (those with units under the privacy floor withheld)" : ""),
      ],
      ["Bottleneck score", bottleneck ? figure(bottleneck.score) : undefined],
      ["E-I index", row ? figure(row.eiIndex) : undefined],
      ["Conflict hotspot rank", hot ? `#${hot.rank} of ${hotspots.unitsTotal}` : undefined],
      ["Unresolved conflicts", hot ? percent(hot.figures.unresolvedShare) : undefined],
    ]),
    el("h4", {}, "Why"),
    reasons([
      bottleneck && bottleneck.reason,
      row && row.note,
      hot && hot.reason,
      ...pairs.map((p) => p.reason),
      ...executives.map((m) => m.reason),
    ]),
  ];
}

export function leaderDetails(state, leaderId) {
  const silos = state.silos && state.silos.report;
  const factions = state.factions && state.factions.report;
  const bottleneck = silos && silos.bottlenecks.find((b) => b.kind === "LEADER" && b.id === leaderId);
  const broker = silos && silos.leaders.find((l) => l.leaderId === leaderId);
  const member = factions && factions.members.find((m) => m.leader === leaderId);
  const bridge = factions && factions.bridges.find((b) => b.leader === leaderId);
  const isolated = factions && factions.isolated.find((i) => i.leader === leaderId);
  const name = (bottleneck || broker || member || bridge || isolated || { name: leaderId }).name;
  return [
    el("h3", { id: "details-title" }, name),
    facts([
      ["Title", broker ? broker.title : undefined],
      ["Bottleneck score", bottleneck ? figure(bottleneck.score) : undefined],
      ["Cross-unit betweenness", broker ? figure(broker.crossUnitBetweenness, 4) : undefined],
      ["Unit pairs brokered", broker ? String(broker.crossUnitPairs) : undefined],
      ["Faction", member && member.faction !== null ? String(member.faction) : undefined],
      ["Top-team ties", member ? String(member.ties) : undefined],
      ["Ties within faction", member ? percent(member.withinFactionShare) : undefined],
    ]),
    el("h4", {}, "Why"),
    reasons([
      bottleneck && bottleneck.reason,
      member && member.reason,
      bridge && bridge.reason,
      isolated && isolated.reason,
    ]),
  ];
}
