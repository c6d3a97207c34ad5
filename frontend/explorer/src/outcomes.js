// The conflict-outcome mix of the organization next to the survey benchmark (Sull, Homkes &
// Sull, 2015), as the execution report's `outcomeMix` gives both: a bar chart with a caption
// and the same figures in a data table, its text alternative.

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from "chart.js";
import { el, percent, replace } from "./dom.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export const OUTCOME_LABELS = {
  ANTICIPATED_AVOIDED: "Anticipated and avoided",
  RESOLVED_QUICKLY: "Resolved quickly",
  RESOLVED_LATE: "Resolved after a significant delay",
  TRIED_FAILED: "Tried but never resolved",
  UNADDRESSED: "Never addressed",
  OPEN: "Still open",
};

let chart = null;

export function drawOutcomes(canvas, caption, table, mix) {
  const labels = mix.outcomes.map((o) => OUTCOME_LABELS[o.status] || o.status);
  const organization = mix.outcomes.map((o) => +(o.observedShare * 100).toFixed(1));
  const benchmark = mix.outcomes.map((o) => +(o.benchmarkShare * 100).toFixed(1));
  const data = {
    labels,
    datasets: [
      // Solid bars against hatched-looking outlined ones: told apart without colour too.
      { label: "This organization", data: organization, backgroundColor: "#1b5e9f" },
      {
        label: "Survey benchmark",
        data: benchmark,
        backgroundColor: "#ffffff",
        borderColor: "#b35806",
        borderWidth: 2,
      },
    ],
  };
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    type: "bar",
    data,
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { title: { display: true, text: "% of conflicts" }, beginAtZero: true } },
    },
  });
  canvas.setAttribute(
    "aria-label",
    `Bar chart of conflict outcomes: this organization against the survey benchmark, ${mix.n} conflicts. The table below gives the figures.`,
  );
  replace(
    caption,
    `Conflict outcomes of ${mix.n} resolved or abandoned conflicts` +
      (mix.openExcluded ? ` (${mix.openExcluded} still open left out)` : "") +
      `, against the benchmark of ${mix.citation.replace(/\.$/, "")}. ${mix.verdict}`,
  );
  replace(
    table,
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col" }, "Outcome"),
        el("th", { scope: "col" }, "This organization"),
        el("th", { scope: "col" }, "Conflicts"),
        el("th", { scope: "col" }, "Benchmark"),
      ),
    ),
    el(
      "tbody",
      {},
      mix.outcomes.map((o) =>
        el(
          "tr",
          { "data-status": o.status },
          el("th", { scope: "row" }, OUTCOME_LABELS[o.status] || o.status),
          el("td", { "data-col": "observed" }, percent(o.observedShare)),
          el("td", {}, String(o.observed)),
          el("td", { "data-col": "benchmark" }, percent(o.benchmarkShare)),
        ),
      ),
    ),
  );
  return chart;
}
