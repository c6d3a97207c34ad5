// Trends: the headline figures across the organization's analysis snapshots, as
// `Organization.trends` gives them. A line per unit over effective date for the chosen figure
// (E-I index or insularity), the units with the biggest change first and a chooser for the
// others; the organization's figures as small series; every change marked significant or not
// as the API says (a square point and a star, not colour alone). Each chart has a table of the
// same values as its text alternative. Nothing is computed here but the ordering of units.

import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { el, figure as number, percent, replace } from "./dom.js";

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

// Lines drawn at first: more would be unreadable; the chooser adds or removes units.
export const SHOWN = 8;
export const MIN_SNAPSHOTS = 2;
export const UNIT_FIGURES = { EI_INDEX: "E-I index", INSULARITY: "Insularity" };
export const ORGANIZATION_FIGURES = [
  ["UNRESOLVED_CONFLICT_SHARE", "Unresolved conflict share", true],
  ["RELIABLE_DEPENDENCY_SHARE", "Reliable dependency share", true],
  ["MODULARITY", "Modularity of the executive factions", false],
];
const COLOURS = ["#1b5e9f", "#b35806", "#2d7d32", "#7b3294", "#a4001d", "#00796b", "#5d4037", "#455a64"];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];
const charts = new Map(); // canvas id -> Chart

export function unitSeries(report, figure) {
  return report.series.filter((s) => s.unitId !== null && s.figure === figure);
}

// The change from a series' first value to its last: how far the unit moved over the window.
export function overallChange(series) {
  const values = series.points.map((p) => p.value).filter((v) => v !== null);
  return values.length < 2 ? 0 : values[values.length - 1] - values[0];
}

// The units with the biggest change first (ties by id, the API's natural order kept).
export function byChange(report, figure) {
  return unitSeries(report, figure)
    .map((s, order) => ({ s, order, size: Math.abs(overallChange(s)) }))
    .sort((a, b) => b.size - a.size || a.order - b.order)
    .map(({ s }) => s);
}

// Snapshots are told apart by date and graph version (two captures may share a date).
const keyOf = (p) => `${p.effectiveDate}#${p.graphVersion}`;

function mark(point) {
  if (!point || point.value === null) return "–";
  return `${number(point.value)}${point.significant ? " *" : ""}`;
}

function draw(canvas, config) {
  if (charts.has(canvas.id)) charts.get(canvas.id).destroy();
  const chart = new Chart(canvas, config);
  charts.set(canvas.id, chart);
  return chart;
}

function dataset(label, points, keys, index) {
  const at = new Map(points.map((p) => [keyOf(p), p]));
  const aligned = keys.map((k) => at.get(k) || null);
  const colour = COLOURS[index % COLOURS.length];
  return {
    label,
    data: aligned.map((p) => (p ? p.value : null)),
    borderColor: colour,
    backgroundColor: colour,
    borderDash: DASHES[index % DASHES.length],
    // A significant change is a large square: told apart without colour.
    pointStyle: aligned.map((p) => (p && p.significant ? "rect" : "circle")),
    pointRadius: aligned.map((p) => (p && p.significant ? 7 : 3)),
    spanGaps: false,
  };
}

function options(yTitle) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    scales: { y: { title: { display: true, text: yTitle } } },
  };
}

// The unit chart and its table, for the units `chosen` (ids) of `figure`; the chart and the
// ids it draws, in the order of its lines.
export function drawUnitTrends(canvas, caption, table, report, figure, chosen) {
  const dates = report.snapshots.map((s) => s.effectiveDate);
  const keys = report.snapshots.map(keyOf);
  const wanted = new Set(chosen);
  const shown = byChange(report, figure).filter((s) => wanted.has(s.unitId));
  const label = UNIT_FIGURES[figure];
  const chart = draw(canvas, {
    type: "line",
    data: { labels: dates, datasets: shown.map((s, i) => dataset(s.unitName, s.points, keys, i)) },
    options: options(label),
  });
  canvas.setAttribute(
    "aria-label",
    `Line chart of the ${label} of ${shown.length} units over ${dates.length} snapshots. The table below gives the values.`,
  );
  replace(
    caption,
    `${label} of ${shown.length} units at each snapshot, the biggest change first. ` +
      "A square point and a * mark a change larger than the noise expected from the counts; a dash, no figure then.",
  );
  replace(
    table,
    el("caption", {}, `${label} per unit and snapshot`),
    el(
      "thead",
      {},
      el("tr", {}, el("th", { scope: "col" }, "Unit"), dates.map((d) => el("th", { scope: "col" }, d))),
    ),
    el(
      "tbody",
      {},
      shown.map((s) => {
        const at = new Map(s.points.map((p) => [keyOf(p), p]));
        return el(
          "tr",
          { "data-unit": s.unitId },
          el("th", { scope: "row" }, s.unitName),
          report.snapshots.map((snapshot) => {
            const p = at.get(keyOf(snapshot));
            const significant = p && p.significant !== null ? String(p.significant) : "";
            const date = snapshot.effectiveDate;
            return el("td", { "data-date": date, "data-significant": significant }, mark(p));
          }),
        );
      }),
    ),
  );
  return { chart, units: shown.map((s) => s.unitId) };
}

// The organization's figures: a small chart each, and one table with the faction verdicts.
export function drawOrganization(container, table, report) {
  const dates = report.snapshots.map((s) => s.effectiveDate);
  const keys = report.snapshots.map(keyOf);
  const series = new Map(report.series.filter((s) => s.unitId === null).map((s) => [s.figure, s]));
  replace(
    container,
    ORGANIZATION_FIGURES.map(([figure, label]) => {
      const canvas = el("canvas", {
        id: `trend-${figure.toLowerCase()}`,
        role: "img",
        "aria-label": `Line chart of the ${label} over ${dates.length} snapshots; the table below gives the values.`,
      });
      return el("figure", { class: "small-trend" }, el("figcaption", {}, label), el("div", { class: "small-chart" }, canvas));
    }),
  );
  ORGANIZATION_FIGURES.forEach(([figure, label, share], i) => {
    const canvas = container.querySelector(`#trend-${figure.toLowerCase()}`);
    const config = {
      type: "line",
      data: { labels: dates, datasets: [dataset(label, series.get(figure).points, keys, i)] },
      options: { ...options(share ? "share" : "value"), plugins: { legend: { display: false } } },
    };
    draw(canvas, config);
  });
  const cell = (figure, key, share) => {
    const p = series.get(figure).points.find((q) => keyOf(q) === key);
    if (!p || p.value === null) return "–";
    const text = share ? percent(p.value) : number(p.value);
    return `${text}${p.significant ? " *" : ""}`;
  };
  replace(
    table,
    el("caption", {}, "The organization's figures at each snapshot"),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, "Effective date"),
        ORGANIZATION_FIGURES.map(([, label]) => el("th", { scope: "col" }, label)),
        el("th", { scope: "col" }, "Executive factions"),
        el("th", { scope: "col" }, "Faction verdict"),
      ),
    ),
    el(
      "tbody",
      {},
      report.factionVerdicts.map((v) =>
        el(
          "tr",
          { "data-date": v.effectiveDate },
          el("th", { scope: "row" }, v.effectiveDate),
          ORGANIZATION_FIGURES.map(([figure, , share]) =>
            el("td", { "data-figure": figure }, cell(figure, keyOf(v), share)),
          ),
          el("td", {}, cell("FACTIONS", keyOf(v), false)),
          el("td", { "data-figure": "VERDICT" }, v.changed ? `${v.verdict} (changed)` : v.verdict),
        ),
      ),
    ),
  );
}
