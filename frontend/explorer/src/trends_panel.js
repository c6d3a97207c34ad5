// The Trends panel: reads `Organization.trends` for the chosen organization and draws it with
// src/trends.js, or says plainly why there is nothing to draw (the caller lacks the ANALYST
// role, or fewer than two snapshots are kept). Its state lives in `explorer.state`.

import { ApiError, graphql } from "./api.js";
import { el, replace } from "./dom.js";
import * as Q from "./queries.js";
import { byChange, drawOrganization, drawUnitTrends, MIN_SNAPSHOTS, SHOWN } from "./trends.js";

const $ = (id) => document.getElementById(id);

export function resetTrends(explorer, text) {
  const { state } = explorer;
  state.trends = null;
  explorer.trendLines = [];
  explorer.trendChart = null;
  $("trends-body").hidden = true;
  replace($("trends-status"), text);
}

// `Organization.trends` is an ANALYST's, like the analyses: a refusal or too few snapshots is
// said in the panel, never drawn as an empty chart.
export async function loadTrends(explorer, org) {
  const { state } = explorer;
  explorer.pending += 1;
  try {
    let data;
    try {
      data = await graphql(Q.TRENDS, { org });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (state.organization !== org) return;
      const text = error.message.startsWith("FORBIDDEN")
        ? "Trends need the ANALYST role on this organization; this token does not have it."
        : `Trends could not be read: ${error.message}`;
      resetTrends(explorer, text);
      return;
    }
    if (state.organization !== org) return;
    const result = data.organization && data.organization.trends;
    if (!result || !result.report) {
      resetTrends(explorer, `Trends could not be read: ${result ? result.message : "the organization is no longer visible"}`);
      return;
    }
    const count = result.report.snapshots.length;
    if (count < MIN_SNAPSHOTS) {
      resetTrends(
        explorer,
        `Trends need two or more analysis snapshots; this organization has ${count}. ` +
          "They are kept by `unsilo import --effective-date`, `unsilo snapshot` or the captureSnapshot mutation.",
      );
      return;
    }
    state.trends = result;
    state.trendUnits = byChange(result.report, state.trendFigure)
      .slice(0, SHOWN)
      .map((s) => s.unitId);
    renderTrends(explorer);
  } catch (error) {
    console.error(error);
    resetTrends(explorer, `Trends could not be read: ${error.message || error}`);
  } finally {
    explorer.pending -= 1;
  }
}

function renderTrends(explorer) {
  const { state } = explorer;
  const { report, privacy } = state.trends;
  const dates = report.snapshots.map((s) => s.effectiveDate);
  replace($("trends-status"), `${dates.length} snapshots from ${dates[0]} to ${dates[dates.length - 1]}.`);
  $("trends-body").hidden = false;
  const chosen = new Set(state.trendUnits);
  replace(
    $("trend-units"),
    byChange(report, state.trendFigure).map((s) =>
      el("option", { value: s.unitId, selected: chosen.has(s.unitId) }, s.unitName),
    ),
  );
  const drawn = drawUnitTrends(
    $("trend-chart"),
    $("trend-caption"),
    $("trend-table"),
    report,
    state.trendFigure,
    state.trendUnits,
  );
  explorer.trendLines = drawn.units;
  explorer.trendChart = drawn.chart;
  drawOrganization($("trend-organization"), $("trend-organization-table"), report);
  replace(
    $("trend-privacy"),
    privacy.note
      ? `${privacy.note}: a unit's figures are withheld at every snapshot where it had fewer than ${privacy.minGroup} leaders.`
      : "",
  );
  replace($("trend-method"), report.method);
}

export function wireTrends(explorer) {
  const { state } = explorer;
  $("trend-figure").addEventListener("change", (event) => {
    state.trendFigure = event.target.value;
    if (state.trends) renderTrends(explorer);
  });
  $("trend-units").addEventListener("change", (event) => {
    state.trendUnits = [...event.target.selectedOptions].map((o) => o.value);
    if (state.trends) renderTrends(explorer);
  });
}
