// The explorer: pick an organization, see its unit network with one analysis highlighted at a
// time, select a unit or leader for its figures and reasons, and read the execution report.
// Everything comes from POST /graphql (src/queries.js); nothing leaves the page's origin.

import { analysisOf, ApiError, graphql, savedToken, saveToken } from "./api.js";
import { leaderDetails, unitDetails } from "./details.js";
import { el, percent, replace } from "./dom.js";
import { drawNetwork, FACTION_SHAPES, focusUnit, highlight } from "./network.js";
import { drawOutcomes } from "./outcomes.js";
import * as Q from "./queries.js";
import { loadTrends, resetTrends, wireTrends } from "./trends_panel.js";

const $ = (id) => document.getElementById(id);
const state = {
  organization: null,
  version: null,
  mode: "silos",
  asOf: "",
  network: null,
  silos: null,
  hotspots: null,
  factions: null,
  execution: null,
  trends: null, // the TrendsAnalysis, when it has two snapshots or more
  trendFigure: "EI_INDEX",
  trendUnits: [], // unit ids drawn
  selected: null, // {kind: "unit" | "leader", id}
};
const explorer = {
  state,
  cy: null,
  pending: 0,
  timings: {},
  cspViolations: [],
  // What the current mode marks on the canvas, for the tests: unit ids, in natural order.
  // The unit ids the trend chart draws, in the order of its lines, and the chart (for the tests).
  trendLines: [],
  trendChart: null,
  highlighted() {
    if (!explorer.cy) return [];
    const faction = (n) => FACTION_SHAPES.some((_, i) => n.hasClass(`faction-${i}`));
    return explorer.cy
      .nodes()
      .filter((n) => n.hasClass("marked") || faction(n))
      .map((n) => n.id())
      .sort();
  },
};
window.explorer = explorer;
document.addEventListener("securitypolicyviolation", (event) => {
  explorer.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});

function say(text) {
  replace($("status"), text);
}

function problem(error) {
  replace($("problem"), error ? String(error.message || error) : "");
}

async function track(promise) {
  explorer.pending += 1;
  try {
    return await promise;
  } catch (error) {
    if (!(error instanceof ApiError)) console.error(error);
    problem(error);
    return null;
  } finally {
    explorer.pending -= 1;
  }
}

// ---- organizations ------------------------------------------------------------------------

async function connect() {
  problem(null);
  const data = await track(graphql(Q.ORGANIZATIONS));
  if (!data) return;
  const select = $("organization");
  replace(
    select,
    el("option", { value: "" }, data.organizations.length ? "Choose an organization" : "None visible"),
    data.organizations.map((o) => el("option", { value: o.id }, o.name)),
  );
  say(`${data.organizations.length} organization(s) visible with this token.`);
}

async function chooseOrganization(id) {
  state.organization = id || null;
  Object.assign(state, { network: null, silos: null, hotspots: null, factions: null, execution: null });
  state.selected = null;
  if (explorer.cy) explorer.cy.destroy();
  explorer.cy = null;
  resetTrends(explorer, id ? "Loading the trends…" : "Choose an organization.");
  if (!id) return;
  problem(null);
  // Read beside the network, and told in its own panel whatever the network's answer.
  const trends = loadTrends(explorer, id);
  say("Loading the unit network…");
  const started = performance.now();
  const data = await track(graphql(Q.UNIT_NETWORK, { org: id }));
  if (!data || state.organization !== id) return;
  const result = await track(Promise.resolve().then(() => analysisOf(data, "unitNetwork")));
  if (!result) return;
  state.network = result.report;
  state.version = result.graphVersion;
  explorer.timings.networkFetchedMs = performance.now() - started;
  const drawn = drawNetwork($("network"), state.network, `${id}@${state.version}`, (unit) =>
    select({ kind: "unit", id: unit }),
  );
  explorer.cy = drawn.cy;
  explorer.timings.layoutMs = drawn.layoutMs;
  requestAnimationFrame(() => {
    explorer.timings.firstDrawMs = performance.now() - started;
  });
  replace(
    $("network-summary"),
    `${state.network.units.length} units, ${state.network.links.length} links. ` +
      (result.privacy.note || ""),
  );
  say(`Unit network of ${state.network.units.length} units drawn; loading the analyses…`);
  renderUnits();
  await Promise.all([loadSilos(), loadFactions(), loadDated(), trends]);
  if (state.organization === id) say("Ready.");
}

// ---- analyses ------------------------------------------------------------------------------

async function loadAnalysis(query, field, variables) {
  const org = state.organization;
  const data = await track(graphql(query, { org, ...variables }));
  if (!data || state.organization !== org) return null;
  return track(Promise.resolve().then(() => analysisOf(data, field)));
}

async function loadSilos() {
  state.silos = await loadAnalysis(Q.SILO_BOTTLENECKS, "siloBottlenecks");
  refresh();
}

async function loadFactions() {
  state.factions = await loadAnalysis(Q.EXECUTIVE_FACTIONS, "executiveFactions");
  refresh();
}

async function loadDated() {
  const asOf = state.asOf || null;
  const [hotspots, execution] = await Promise.all([
    loadAnalysis(Q.CONFLICT_HOTSPOTS, "conflictHotspots", { asOf }),
    loadAnalysis(Q.EXECUTION_REPORT, "executionReport", { asOf }),
  ]);
  state.hotspots = hotspots;
  state.execution = execution;
  refresh();
  renderReport();
}

// ---- what the current mode marks -------------------------------------------------------------

function marksOf(mode) {
  const marks = new Map(); // unit id -> label
  const factions = new Map(); // unit id -> faction index (0-based)
  let pairs = [];
  if (mode === "silos" && state.silos) {
    state.silos.report.bottlenecks
      .filter((b) => b.kind === "UNIT")
      .forEach((b, i) => marks.set(b.id, `#${i + 1} bottleneck: ${b.name}`));
  } else if (mode === "hotspots" && state.hotspots) {
    state.hotspots.report.units.forEach((u) => marks.set(u.unit, `#${u.rank} hotspot: ${u.name}`));
    pairs = state.hotspots.report.pairs.map((p) => [p.unitA, p.unitB]);
  } else if (mode === "factions" && state.factions) {
    for (const member of state.factions.report.members) {
      if (member.faction !== null && member.division) factions.set(member.division, member.faction - 1);
    }
  }
  return { marks, factions, pairs };
}

function labelOf(unitId, { marks, factions }) {
  if (marks.has(unitId)) return marks.get(unitId).split(":")[0];
  if (factions.has(unitId)) {
    const index = factions.get(unitId);
    return `Faction ${index + 1} (${FACTION_SHAPES[index % FACTION_SHAPES.length]})`;
  }
  return "";
}

function refresh() {
  const marked = marksOf(state.mode);
  if (explorer.cy) highlight(explorer.cy, marked);
  renderUnits(marked);
  renderSide();
  if (state.selected) renderDetails();
}

// ---- units table, side list, details ---------------------------------------------------------

function renderUnits(marked = marksOf(state.mode)) {
  if (!state.network) return;
  const filter = $("filter").value.trim().toLowerCase();
  const rank = (id) => (marked.marks.has(id) || marked.factions.has(id) ? 0 : 1);
  const units = state.network.units
    .filter((u) => !filter || u.name.toLowerCase().includes(filter))
    .sort((a, b) => rank(a.id) - rank(b.id));
  replace(
    $("units-body"),
    units.map((unit) => {
      const selected = state.selected && state.selected.kind === "unit" && state.selected.id === unit.id;
      return el(
        "tr",
        { "data-unit": unit.id },
        el(
          "th",
          { scope: "row" },
          el(
            "button",
            {
              type: "button",
              class: "unit",
              "aria-pressed": selected ? "true" : "false",
              onclick: () => select({ kind: "unit", id: unit.id }),
            },
            unit.name,
          ),
        ),
        el("td", {}, String(unit.people)),
        el("td", { class: "mark" }, labelOf(unit.id, marked)),
      );
    }),
  );
}

function leaderButton(id, name, extra) {
  return el(
    "li",
    {},
    el("button", { type: "button", class: "leader", "data-leader": id, onclick: () => select({ kind: "leader", id }) }, name),
    extra ? ` ${extra}` : "",
  );
}

function renderSide() {
  const side = $("side-body");
  if (state.mode === "silos" && state.silos) {
    const leaders = state.silos.report.bottlenecks.filter((b) => b.kind === "LEADER");
    replace(
      side,
      el("h3", {}, "Leaders who stand between units"),
      leaders.length
        ? el("ul", {}, leaders.map((b) => leaderButton(b.id, b.name, `score ${b.score.toFixed(2)}`)))
        : el("p", {}, state.silos.report.emptyReason || "No leader bottleneck."),
      state.silos.privacy.note ? el("p", { class: "note" }, state.silos.privacy.note) : null,
    );
  } else if (state.mode === "hotspots" && state.hotspots) {
    const report = state.hotspots.report;
    replace(
      side,
      el("h3", {}, `Conflict hotspots as of ${report.asOf}`),
      report.pairs.length
        ? el("ol", {}, report.pairs.map((p) => el("li", {}, p.reason)))
        : el("p", {}, report.emptyReason || "No conflict hotspot."),
    );
  } else if (state.mode === "factions" && state.factions) {
    const report = state.factions.report;
    replace(
      side,
      el("h3", {}, `Executive factions: ${report.verdict}`),
      el("p", {}, report.verdictReason),
      report.factions.map((f) =>
        el(
          "section",
          { class: "faction" },
          el("h4", {}, `Faction ${f.index} (${FACTION_SHAPES[(f.index - 1) % FACTION_SHAPES.length]})`),
          el("p", {}, f.reason),
          el("ul", {}, f.members.map((id, i) => leaderButton(id, f.names[i]))),
        ),
      ),
      state.factions.privacy.note ? el("p", { class: "note" }, state.factions.privacy.note) : null,
    );
  } else {
    replace(side, el("p", {}, "Loading…"));
  }
}

function select(selection) {
  state.selected = selection;
  if (selection.kind === "unit" && explorer.cy) focusUnit(explorer.cy, selection.id);
  renderDetails();
  renderUnits();
}

function renderDetails() {
  const { kind, id } = state.selected;
  const body = kind === "unit" ? unitDetails(state, id) : leaderDetails(state, id);
  replace($("details-body"), body);
}

// ---- execution report ---------------------------------------------------------------------------

function renderReport() {
  if (!state.execution) return;
  const report = state.execution.report;
  replace(
    $("headlines"),
    report.headlines.length
      ? report.headlines.map((h) => el("li", {}, h))
      : [el("li", {}, report.emptyReason || "Nothing to report.")],
  );
  replace($("report-as-of"), `As of ${report.asOf}. ${report.factionReason}`);
  const mix = report.outcomeMix;
  if (mix.n === 0) {
    replace($("outcomes-caption"), mix.emptyReason || "No conflict outcome to compare.");
  }
  drawOutcomes($("outcomes"), $("outcomes-caption"), $("outcomes-table"), mix);
  explorer.outcomes = mix.outcomes.map((o) => ({
    status: o.status,
    observed: percent(o.observedShare),
    benchmark: percent(o.benchmarkShare),
  }));
}

// ---- wiring ---------------------------------------------------------------------------------------

function start() {
  $("token").value = savedToken();
  $("connect").addEventListener("submit", (event) => {
    event.preventDefault();
    saveToken($("token").value.trim());
    connect();
  });
  $("organization").addEventListener("change", (event) => chooseOrganization(event.target.value));
  for (const radio of document.querySelectorAll("input[name=mode]")) {
    radio.addEventListener("change", (event) => {
      state.mode = event.target.value;
      refresh();
    });
  }
  $("as-of").addEventListener("change", (event) => {
    state.asOf = event.target.value;
    if (state.organization) loadDated();
  });
  $("filter").addEventListener("input", () => renderUnits());
  wireTrends(explorer);
  connect();
}

start();
