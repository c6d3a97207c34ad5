"""Trends: the summary of a graph version and the series over summaries, by hand on tiny ones."""

from __future__ import annotations

import dataclasses
import doctest
import json
import math
from datetime import date

import pytest

from graph_queries.analyses.conflicts import conflict_hotspots
from graph_queries.analyses.execution import dependency_reliability
from graph_queries.analyses.factions import FactionVerdict, executive_factions
from graph_queries.analyses.silos import BottleneckKind, silo_bottlenecks
from graph_queries.analyses.trends import (
    SUMMARY_FORMAT,
    AnalysisSummary,
    ShareCount,
    TrendFigure,
    TrendReport,
    TrendSeries,
    UnitSummary,
    analysis_summary,
    share_change_significant,
    summary_from_json,
    summary_to_json,
    trend,
)
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs


def _unit(unit_id: str, internal: int, external: int, score: float = 0.0) -> UnitSummary:
    n = internal + external
    return UnitSummary(
        unit_id=unit_id,
        name=f"Unit {unit_id}",
        leaders=8,
        internal_ties=internal,
        external_ties=external,
        ei_index=(external - internal) / n if n else None,
        insularity=internal / n if n else None,
        bottleneck_score=score,
        bottleneck_rank=1 if score else None,
    )


def _summary(
    day: int,
    unresolved: tuple[int, int],
    units: tuple[UnitSummary, ...] = (),
    verdict: FactionVerdict = FactionVerdict.NONE,
    modularity: float = 0.1,
    version: int = 1,
) -> AnalysisSummary:
    count, total = unresolved
    return AnalysisSummary(
        format=SUMMARY_FORMAT,
        organization_id="acme",
        version=version,
        as_of=date(2026, 1, day),
        units=units,
        unresolved_conflicts=ShareCount(count, total, count / total if total else None),
        reliable_dependencies=ShareCount(0, 0, None),
        faction_verdict=verdict,
        factions=2,
        modularity=modularity,
    )


def _series_of(report: TrendReport, figure: TrendFigure, unit: str | None = None) -> TrendSeries:
    return next(s for s in report.series if s.figure is figure and s.unit_id == unit)


def test_the_noise_test_by_hand() -> None:
    # pooled 0.3, SE = sqrt(0.3 * 0.7 * 0.02) = 0.0648: a move of 0.20 is 3.1 SE.
    assert share_change_significant(20, 100, 40, 100) is True
    # pooled 0.225, SE 0.0590: a move of 0.05 is 0.85 SE.
    assert share_change_significant(20, 100, 25, 100) is False
    # expected counts 10 * 0.2 = 2 < 5: no verdict, nor with nothing counted.
    assert share_change_significant(1, 10, 3, 10) is None
    assert share_change_significant(0, 0, 3, 10) is None
    # the border: 1.96 SE exactly is not beyond the noise, a count more is.
    x2 = next(x for x in range(50, 100) if share_change_significant(50, 100, x, 100))
    pooled = (50 + x2) / 200
    error = math.sqrt(pooled * (1 - pooled) * 2 / 100)
    assert (x2 - 50) / 100 > 1.96 * error
    assert share_change_significant(50, 100, x2 - 1, 100) is False


def test_the_documented_examples_run() -> None:
    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(share_change_significant):
        runner.run(test)
    assert runner.summarize(verbose=False) == (0, 3)


def test_an_organization_series_is_ordered_by_date_with_changes_and_significance() -> None:
    later, first, middle = _summary(3, (40, 100)), _summary(1, (20, 100)), _summary(2, (25, 100))
    report = trend([later, first, middle])
    assert [s.effective_date.day for s in report.snapshots] == [1, 2, 3]
    points = _series_of(report, TrendFigure.UNRESOLVED_CONFLICT_SHARE).points
    assert [p.value for p in points] == [0.2, 0.25, 0.4]
    assert points[0].change is None
    assert points[0].significant is None
    assert points[1].change == pytest.approx(0.05)
    assert points[1].significant is False
    assert points[2].change == pytest.approx(0.15)
    assert points[2].significant is True
    assert (points[2].count, points[2].total) == (40, 100)


def test_small_counts_and_figures_without_a_model_have_no_verdict() -> None:
    report = trend([_summary(1, (1, 10), modularity=0.1), _summary(2, (3, 10), modularity=0.4)])
    unresolved = _series_of(report, TrendFigure.UNRESOLVED_CONFLICT_SHARE).points[1]
    assert unresolved.change == pytest.approx(0.2)
    assert unresolved.significant is None
    modularity = _series_of(report, TrendFigure.MODULARITY).points[1]
    assert modularity.change == pytest.approx(0.3)
    assert modularity.significant is None
    empty = _series_of(report, TrendFigure.RELIABLE_DEPENDENCY_SHARE).points
    assert [p.value for p in empty] == [None, None]
    assert empty[1].change is None


def test_unit_series_test_the_share_of_external_ties() -> None:
    # E-I from 0.0 (50 of 100 ties external) to 0.4 (70 of 100): share 0.5 -> 0.7, 2.9 SE.
    first = _summary(1, (0, 0), (_unit("u1", 50, 50, 0.3), _unit("u2", 50, 50)))
    second = _summary(2, (0, 0), (_unit("u1", 30, 70, 0.5), _unit("u2", 45, 55)))
    report = trend([first, second])
    ei = _series_of(report, TrendFigure.EI_INDEX, "u1").points[1]
    assert ei.change == pytest.approx(0.4)
    assert ei.significant is True
    assert (ei.count, ei.total) == (70, 100)
    insularity = _series_of(report, TrendFigure.INSULARITY, "u1").points[1]
    assert insularity.change == pytest.approx(-0.2)
    assert insularity.significant is True
    assert _series_of(report, TrendFigure.EI_INDEX, "u2").points[1].significant is False
    score = _series_of(report, TrendFigure.BOTTLENECK_SCORE, "u1").points[1]
    assert score.change == pytest.approx(0.2)
    assert score.significant is None


def test_a_unit_that_appears_later_starts_later_and_verdict_changes_are_marked() -> None:
    first = _summary(1, (0, 0), (_unit("u1", 5, 5),), FactionVerdict.NONE)
    second = _summary(2, (0, 0), (_unit("u1", 5, 5), _unit("u9", 5, 5)), FactionVerdict.STRONG)
    third = _summary(3, (0, 0), (_unit("u9", 5, 5),), FactionVerdict.STRONG)
    report = trend([third, first, second])
    assert [
        p.effective_date.day for p in _series_of(report, TrendFigure.EI_INDEX, "u9").points
    ] == [2, 3]
    assert [
        p.effective_date.day for p in _series_of(report, TrendFigure.EI_INDEX, "u1").points
    ] == [1, 2]
    assert [v.changed for v in report.faction_verdicts] == [False, True, False]
    assert "two-proportion" in report.method


def test_snapshots_of_one_date_order_by_graph_version() -> None:
    report = trend([_summary(1, (1, 4), version=3), _summary(1, (1, 2), version=2)])
    assert [s.graph_version for s in report.snapshots] == [2, 3]


def test_the_summary_keeps_what_the_analyses_compute() -> None:
    graphs = build_graphs(generate_organization(leaders=120, seed=3))
    as_of = date(2026, 1, 1)
    summary = analysis_summary(graphs, as_of, path_sample=None)
    silos = silo_bottlenecks(graphs, top=10_000, path_sample=None)
    by_id = {unit.unit_id: unit for unit in summary.units}
    assert set(by_id) == {unit.unit_id for unit in silos.units}
    for unit in silos.units:
        kept = by_id[unit.unit_id]
        assert (kept.internal_ties, kept.external_ties) == (unit.ties.internal, unit.ties.external)
        assert (kept.ei_index, kept.insularity) == (unit.ei_index, unit.insularity)
    unit_scores = [b for b in silos.bottlenecks if b.kind is BottleneckKind.UNIT]
    assert unit_scores, "the generated organization has unit bottlenecks"
    for rank, bottleneck in enumerate(unit_scores, start=1):
        assert by_id[bottleneck.id].bottleneck_score == bottleneck.score
        assert by_id[bottleneck.id].bottleneck_rank == rank
    counts = conflict_hotspots(graphs, as_of=as_of).overall.counts
    assert summary.unresolved_conflicts == ShareCount(
        counts.unresolved, counts.total, counts.unresolved / counts.total
    )
    reliability = dependency_reliability(graphs).overall
    assert summary.reliable_dependencies.count == reliability.reliable
    assert summary.reliable_dependencies.share == reliability.share
    factions = executive_factions(graphs)
    assert (summary.faction_verdict, summary.modularity) == (factions.verdict, factions.modularity)
    assert summary.factions == len(factions.factions)


def test_the_json_form_round_trips_and_refuses_other_formats() -> None:
    summary = _summary(1, (3, 7), (_unit("u1", 2, 5, 0.25),), FactionVerdict.WEAK)
    text = summary_to_json(summary)
    assert summary_from_json(text) == summary
    assert json.loads(text)["format"] == SUMMARY_FORMAT
    future = json.dumps({**json.loads(text), "format": SUMMARY_FORMAT + 1})
    with pytest.raises(ValueError, match="format"):
        summary_from_json(future)
    broken = json.dumps({"format": SUMMARY_FORMAT, "units": []})
    with pytest.raises(ValueError, match="malformed"):
        summary_from_json(broken)
    assert dataclasses.replace(summary, modularity=0.5) != summary_from_json(text)


def test_units_keeps_only_those_units_series_in_natural_order() -> None:
    units = (_unit("u10", 5, 5), _unit("u2", 5, 5), _unit("u3", 5, 5))
    report = trend([_summary(1, (0, 0), units)], units={"u10", "u2"})
    assert [s.unit_id for s in report.series if s.figure is TrendFigure.EI_INDEX] == ["u2", "u10"]
    assert len([s for s in report.series if s.unit_id is None]) == 4
