"""Conflict hotspots: every figure checked against a hand computation, plus properties."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_queries.analyses.conflicts import (
    SURVEY_BENCHMARK,
    ConflictFigures,
    HotspotReport,
    MixTest,
    StatusCounts,
    conflict_hotspots,
)
from graph_queries.analyses.metrics import exact_multinomial_pvalue, quantile
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import (
    UNRESOLVED_STATUSES,
    Conflict,
    ConflictStatus,
    Entity,
    Organization,
    OrgSnapshot,
    Unit,
    UnitKind,
)
from tests.orgs import acme

S = ConflictStatus
DAY0 = date(2025, 1, 1)
SURVEY_ORDER = [S.ANTICIPATED_AVOIDED, S.RESOLVED_QUICKLY, S.RESOLVED_LATE]
SURVEY_ORDER += [S.TRIED_FAILED, S.UNADDRESSED]
SHARES = [share for _, share in SURVEY_BENCHMARK.shares]


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def conflict(
    id: str,
    a: str,
    b: str,
    raised: int,
    status: ConflictStatus = S.OPEN,
    severity: int = 3,
    resolved: int | None = None,
) -> Conflict:
    """A conflict raised on day `raised` (and resolved on day `resolved`) after DAY0."""
    return Conflict(
        id,
        a,
        b,
        day(raised),
        status,
        severity,
        resolved_at=None if resolved is None else day(resolved),
    )


def org(conflicts: list[Conflict], units: int = 5, prefix: str = "u") -> OrgGraphs:
    entities: list[Entity] = [
        Unit(f"{prefix}{i}", f"Unit {i}", UnitKind.DIVISION) for i in range(1, units + 1)
    ]
    return build_graphs(OrgSnapshot.of(Organization("t", "Test"), [*entities, *conflicts]))


def mix(counts: list[int]) -> list[Conflict]:
    """Conflicts between u1 and u2 with these counts of the five survey outcomes."""
    made: list[Conflict] = []
    for status, count in zip(SURVEY_ORDER, counts, strict=True):
        for _ in range(count):
            resolved = 5 if status in (S.ANTICIPATED_AVOIDED, S.RESOLVED_QUICKLY) else None
            resolved = 60 if status is S.RESOLVED_LATE else resolved
            made.append(conflict(f"c{len(made) + 1:03}", "u1", "u2", 0, status, 3, resolved))
    return made


# ---- time to resolution, age, status at as_of ----------------------------------------------------


def test_median_and_p90_of_resolution_times() -> None:
    # Durations 1, 2, 3, 4, 10 days. Median: the middle one, 3. p90 (linear, h = (5 - 1) x 0.9
    # = 3.6): d4 + 0.6 x (d5 - d4) = 4 + 0.6 x 6 = 7.6. The anticipated conflict (0 days) and the
    # open one are not resolutions.
    conflicts = [
        conflict("c1", "u1", "u2", 0, S.RESOLVED_QUICKLY, resolved=1),
        conflict("c2", "u1", "u2", 0, S.RESOLVED_QUICKLY, resolved=2),
        conflict("c3", "u1", "u2", 10, S.RESOLVED_QUICKLY, resolved=13),
        conflict("c4", "u1", "u2", 0, S.RESOLVED_QUICKLY, resolved=4),
        conflict("c5", "u1", "u2", 0, S.RESOLVED_LATE, resolved=10),
        conflict("c6", "u1", "u2", 0, S.ANTICIPATED_AVOIDED, resolved=0),
        conflict("c7", "u1", "u2", 20),
    ]
    report = conflict_hotspots(org(conflicts), day(30))
    figures = report.pairs[0].figures
    assert figures.resolutions == 5
    assert figures.resolution_days_median == 3.0
    assert figures.resolution_days_p90 == pytest.approx(7.6)
    # The open conflict is 30 - 20 = 10 days old.
    assert figures.unresolved_age_days_median == 10.0
    assert figures.unresolved_age_days_max == 10


def test_median_and_p90_of_an_even_number_of_durations() -> None:
    # Durations 2, 4, 6, 8: median (4 + 6) / 2 = 5; p90: h = 3 x 0.9 = 2.7, 6 + 0.7 x 2 = 7.4.
    conflicts = [
        conflict(f"c{d}", "u1", "u2", 0, S.RESOLVED_QUICKLY, resolved=d) for d in (2, 4, 6, 8)
    ]
    figures = conflict_hotspots(org(conflicts), day(30)).overall
    assert figures.resolution_days_median == 5.0
    assert figures.resolution_days_p90 == pytest.approx(7.4)
    assert figures.unresolved_age_days_median is None
    assert figures.unresolved_age_days_max is None


def test_unresolved_ages_median_and_max() -> None:
    # Unresolved at day 100: raised on days 0, 40, 70 (ages 100, 60, 30): median 60, max 100.
    # TRIED_FAILED and UNADDRESSED count as unresolved just like OPEN.
    conflicts = [
        conflict("c1", "u1", "u2", 0, S.TRIED_FAILED),
        conflict("c2", "u1", "u3", 40, S.UNADDRESSED),
        conflict("c3", "u2", "u3", 70),
        conflict("c4", "u2", "u3", 0, S.RESOLVED_QUICKLY, resolved=3),
    ]
    figures = conflict_hotspots(org(conflicts), day(100)).overall
    assert figures.unresolved_age_days_median == 60.0
    assert figures.unresolved_age_days_max == 100
    assert figures.counts.unresolved == 3
    assert figures.unresolved_share == 0.75


def test_a_resolution_after_as_of_counts_as_open() -> None:
    # Raised on day 0, resolved late on day 30.
    conflicts = [conflict("c1", "u1", "u2", 0, S.RESOLVED_LATE, severity=3, resolved=30)]
    graphs = org(conflicts)

    before = conflict_hotspots(graphs, day(10)).overall
    # On day 10 it was still open, 10 days old: score 3 x (1 + 10 / 90) = 3.333...
    assert (before.counts.open, before.counts.resolved_late) == (1, 0)
    assert before.unresolved_share == 1.0
    assert before.resolutions == 0
    assert before.unresolved_age_days_max == 10
    assert before.score == pytest.approx(3 * (1 + 10 / 90))

    after = conflict_hotspots(graphs, day(40)).overall
    # On day 40 it was resolved late after 30 days: score 0.25 x 3 = 0.75.
    assert (after.counts.open, after.counts.resolved_late) == (0, 1)
    assert after.unresolved_share == 0.0
    assert after.resolution_days_median == 30.0
    assert after.score == pytest.approx(0.75)

    # A year and more after the resolution, the late one no longer counts.
    assert conflict_hotspots(graphs, day(30 + 365)).overall.score == 0.0
    assert conflict_hotspots(graphs, day(30 + 364)).overall.score == pytest.approx(0.75)


def test_an_anticipated_conflict_settled_after_as_of_was_open() -> None:
    conflicts = [conflict("c1", "u1", "u2", 0, S.ANTICIPATED_AVOIDED, resolved=3)]
    assert conflict_hotspots(org(conflicts), day(1)).overall.counts.open == 1
    counts = conflict_hotspots(org(conflicts), day(3)).overall.counts
    assert (counts.open, counts.anticipated_avoided) == (0, 1)


def test_conflicts_raised_after_as_of_do_not_exist_yet() -> None:
    conflicts = [conflict("c1", "u1", "u2", 10), conflict("c2", "u1", "u3", 20)]
    report = conflict_hotspots(org(conflicts), day(15))
    assert report.overall.counts.total == 1
    assert [(p.unit_a, p.unit_b) for p in report.pairs] == [("u1", "u2")]
    empty = conflict_hotspots(org(conflicts), day(5))
    assert empty.empty_reason == "No conflict had been raised by 2025-01-06."
    assert empty.pairs == ()
    assert empty.benchmark.empty_reason is not None


# ---- the hotspot score ---------------------------------------------------------------------------


def test_score_of_two_conflicts() -> None:
    # c1: open, severity 4, 45 days old on day 145: 4 x (1 + 45 / 90) = 6.0.
    # c2: resolved late on day 45 (100 days before as_of, within the year), severity 2:
    #     0.25 x 2 = 0.5. The pair's score: 6.5.
    conflicts = [
        conflict("c1", "u1", "u2", 100, S.OPEN, severity=4),
        conflict("c2", "u2", "u1", 0, S.RESOLVED_LATE, severity=2, resolved=45),
    ]
    report = conflict_hotspots(org(conflicts), day(145))
    (pair,) = report.pairs
    assert (pair.unit_a, pair.unit_b) == ("u1", "u2")  # ordered by id whatever the direction
    assert pair.figures.score == pytest.approx(6.5)
    assert pair.score_share == 1.0
    assert report.overall.score == pytest.approx(6.5)
    assert "1 of 2 conflicts unresolved (50%)" in pair.reason
    assert "hotspot score 6.5" in pair.reason


def test_the_age_factor_is_capped_and_quick_outcomes_score_nothing() -> None:
    # Unaddressed for 900 days: 1 + 900 / 90 = 11, capped at 5 -> severity 2 x 5 = 10.
    conflicts = [
        conflict("c1", "u1", "u2", 0, S.UNADDRESSED, severity=2),
        conflict("c2", "u3", "u4", 0, S.RESOLVED_QUICKLY, severity=5, resolved=2),
        conflict("c3", "u3", "u4", 0, S.ANTICIPATED_AVOIDED, severity=5),
    ]
    report = conflict_hotspots(org(conflicts), day(900))
    scores = {(p.unit_a, p.unit_b): p.figures.score for p in report.pairs}
    assert scores == {("u1", "u2"): 10.0, ("u3", "u4"): 0.0}
    assert "hotspot score of 0" in report.pairs[1].reason


def test_units_add_up_their_conflicts() -> None:
    # u1 is in c1 (u1-u2, open, sev 3, 90 days: 3 x 2 = 6) and c2 (u1-u3, open, sev 1, 0 days:
    # 1). u1: score 7 of the total 7 (share 1.0), 2 partners; u2: 6 (6/7); u3: 1 (1/7).
    conflicts = [
        conflict("c1", "u1", "u2", 0, severity=3),
        conflict("c2", "u3", "u1", 90, severity=1),
    ]
    report = conflict_hotspots(org(conflicts), day(90))
    units = {u.unit: u for u in report.units}
    assert [u.unit for u in report.units] == ["u1", "u2", "u3"]
    assert units["u1"].figures.score == pytest.approx(7.0)
    assert units["u1"].partners == 2
    assert units["u1"].score_share == pytest.approx(1.0)
    assert units["u2"].score_share == pytest.approx(6 / 7)
    assert units["u3"].figures.counts.open == 1
    assert units["u1"].division == "u1"
    assert units["u1"].reason.startswith("Unit 1, in conflict with 2 other units: 2 of 2")


def test_equal_scores_are_ranked_by_id_and_top_keeps_the_first() -> None:
    conflicts = [conflict("c1", "u3", "u4", 0), conflict("c2", "u1", "u2", 0)]
    report = conflict_hotspots(org(conflicts), day(0), top=1)
    assert [(p.unit_a, p.unit_b, p.rank) for p in report.pairs] == [("u1", "u2", 1)]
    assert report.pairs_total == 2
    assert [u.unit for u in report.units] == ["u1"]
    assert report.units_total == 4
    with pytest.raises(ValueError, match="top"):
        conflict_hotspots(org(conflicts), day(0), top=-1)


# ---- clusters ------------------------------------------------------------------------------------


def test_hotspot_clusters_split_into_components() -> None:
    # Hot pairs: u1-u2 (open, sev 3, 0 days: 3), u2-u3 (open, sev 2: 2), u4-u5 (open, sev 5: 5).
    # u3-u4 only resolved quickly (score 0), so it does not join the two groups.
    # Clusters: {u1, u2, u3} (3 units, score 5) first, then {u4, u5} (score 5).
    conflicts = [
        conflict("c1", "u1", "u2", 10, severity=3),
        conflict("c2", "u2", "u3", 10, severity=2),
        conflict("c3", "u4", "u5", 10, severity=5),
        conflict("c4", "u3", "u4", 0, S.RESOLVED_QUICKLY, resolved=1),
    ]
    report = conflict_hotspots(org(conflicts), day(10))
    assert [c.units for c in report.clusters] == [("u1", "u2", "u3"), ("u4", "u5")]
    first, second = report.clusters
    assert first.pairs == (("u1", "u2"), ("u2", "u3"))
    assert first.score == pytest.approx(5.0)
    assert first.score_share == pytest.approx(0.5)
    assert (first.conflicts, first.unresolved) == (2, 2)
    assert second.score == pytest.approx(5.0)
    assert first.reason.startswith("3 units linked by 2 hotspot pairs, 2 unresolved conflicts")
    assert "most involved: Unit 2 (score 5.0)" in first.reason
    assert report.clusters_total == 2


# ---- the outcome mix against the survey ----------------------------------------------------------


def test_chi_square_on_the_benchmark_mix_gives_p_one() -> None:
    # 100 outcomes exactly 15/26/37/10/12: every expected count >= 5, X^2 = 0, p = 1.
    comparison = conflict_hotspots(org(mix([15, 26, 37, 10, 12])), day(100)).benchmark
    assert comparison.test is MixTest.CHI_SQUARE
    assert comparison.n == 100
    assert comparison.statistic == pytest.approx(0.0)
    assert comparison.p_value == pytest.approx(1.0)
    assert comparison.differs is False
    assert comparison.degrees_of_freedom == 4
    assert [o.expected for o in comparison.outcomes] == pytest.approx([15, 26, 37, 10, 12])
    assert "does not differ significantly" in comparison.verdict
    assert "Harvard Business Review" in comparison.citation


def test_chi_square_on_a_skewed_mix_rejects() -> None:
    # Observed 5/10/25/30/30 against expected 15/26/37/10/12:
    # X^2 = 100/15 + 256/26 + 144/37 + 400/10 + 324/12 = 6.667 + 9.846 + 3.892 + 40 + 27
    #     = 87.405 with 4 df: p ~ 4e-18.
    comparison = conflict_hotspots(org(mix([5, 10, 25, 30, 30])), day(100)).benchmark
    assert comparison.test is MixTest.CHI_SQUARE
    assert comparison.statistic == pytest.approx(100 / 15 + 256 / 26 + 144 / 37 + 40 + 27)
    assert comparison.p_value is not None
    assert comparison.p_value < 0.05
    assert comparison.differs is True
    assert "more TRIED_FAILED (30% against 10%)" in comparison.verdict


def brute_force_pvalue(observed: list[int], shares: list[float]) -> float:
    """Sum over every sequence of n draws: the probability of each composition, then of all
    compositions no more likely than the observed one."""
    n = len(shares)
    by_composition: defaultdict[tuple[int, ...], float] = defaultdict(float)
    for sequence in itertools.product(range(n), repeat=sum(observed)):
        counts = tuple(sequence.count(i) for i in range(n))
        by_composition[counts] += math.prod(shares[i] for i in sequence)
    p_observed = by_composition[tuple(observed)]
    return sum(p for p in by_composition.values() if p <= p_observed * (1 + 1e-9))


@pytest.mark.parametrize("observed", [[0, 1, 1, 2, 2], [1, 2, 2, 1, 0], [6, 0, 0, 0, 0]])
def test_exact_test_matches_brute_force(observed: list[int]) -> None:
    expected = brute_force_pvalue(observed, SHARES)
    assert exact_multinomial_pvalue(observed, SHARES) == pytest.approx(expected, rel=1e-9)
    comparison = conflict_hotspots(org(mix(observed)), day(100)).benchmark
    assert comparison.test is MixTest.EXACT_MULTINOMIAL  # n = 6: expected counts below 5
    assert comparison.p_value == pytest.approx(expected, rel=1e-9)


def test_exact_test_on_two_categories_is_the_binomial_test() -> None:
    # 1 success in 5 draws with p = 0.5: P(k) = C(5, k) / 32; outcomes no likelier than k = 1
    # are 0, 1, 4, 5: (1 + 5 + 5 + 1) / 32 = 0.375.
    assert exact_multinomial_pvalue([1, 4], [0.5, 0.5]) == pytest.approx(0.375)
    assert exact_multinomial_pvalue([0, 0], [0.5, 0.5]) == 1.0
    with pytest.raises(ValueError, match="probabilities"):
        exact_multinomial_pvalue([1, 1], [0.5, 0.6])


def test_open_conflicts_are_left_out_of_the_test() -> None:
    conflicts = [
        *mix([1, 1, 1, 0, 0]),
        conflict("o1", "u1", "u3", 0),
        conflict("o2", "u1", "u3", 0),
    ]
    comparison = conflict_hotspots(org(conflicts), day(100)).benchmark
    assert (comparison.n, comparison.open_excluded) == (3, 2)
    assert sum(o.observed for o in comparison.outcomes) == 3
    assert "(2 still open, left out)" in comparison.verdict


def test_the_test_on_only_open_conflicts_is_empty() -> None:
    comparison = conflict_hotspots(org([conflict("o1", "u1", "u2", 0)]), day(1)).benchmark
    assert comparison.n == 0
    assert comparison.p_value is None
    assert comparison.empty_reason is not None
    assert "1 open" in comparison.empty_reason


def test_the_benchmark_constant_adds_up() -> None:
    assert sum(SHARES) == pytest.approx(1.0)
    assert [status for status, _ in SURVEY_BENCHMARK.shares] == SURVEY_ORDER
    assert "Sull" in SURVEY_BENCHMARK.citation


# ---- empty organizations -------------------------------------------------------------------------


def assert_well_formed_empty(report: HotspotReport) -> None:
    assert report.empty_reason
    assert not report.pairs
    assert not report.units
    assert not report.clusters
    assert report.overall.counts.total == 0
    assert report.overall.unresolved_share == 0.0
    assert report.overall.score == 0.0
    assert report.benchmark.p_value is None


def test_one_unit_and_no_conflicts_are_empty() -> None:
    one = conflict_hotspots(org([], units=1), day(0))
    assert_well_formed_empty(one)
    assert "fewer than two units" in str(one.empty_reason)
    none = conflict_hotspots(org([], units=3), day(0))
    assert_well_formed_empty(none)
    assert none.empty_reason == "No conflicts between units are recorded."
    assert_well_formed_empty(conflict_hotspots(org([], units=0), day(0)))


def test_acme() -> None:
    # On 2025-05-20: c1 (raised 03-01, resolved late 06-01) still open, 80 days old, sev 4:
    # 4 x (1 + 80/90); c2 open since 05-10, 10 days, sev 2: 2 x (1 + 10/90); c3 resolved quickly.
    report = conflict_hotspots(build_graphs(acme()), date(2025, 5, 20))
    assert [(p.unit_a, p.unit_b) for p in report.pairs] == [
        ("u3", "u4"),
        ("u3", "u5"),
        ("u4", "u5"),
    ]
    assert report.pairs[0].figures.score == pytest.approx(4 * (1 + 80 / 90))
    assert report.pairs[1].figures.score == pytest.approx(2 * (1 + 10 / 90))
    assert report.units[0].name == "Field Sales"
    assert report.units[0].division == "u1"
    assert report.overall.resolution_days_median == 4.0


# ---- the generated organization ------------------------------------------------------------------


@pytest.mark.parametrize("leaders", [200, 1000])
def test_the_generated_mix_fits_the_survey(leaders: int) -> None:
    graphs = build_graphs(generate_organization(leaders=leaders))
    report = conflict_hotspots(graphs, date(2026, 1, 1))
    comparison = report.benchmark
    assert comparison.differs is False
    assert comparison.p_value is not None
    assert comparison.p_value > 0.5
    expected = MixTest.EXACT_MULTINOMIAL if leaders == 200 else MixTest.CHI_SQUARE
    assert comparison.test is expected
    assert report.empty_reason is None
    assert report.pairs
    assert report.clusters


# ---- properties ----------------------------------------------------------------------------------


@st.composite
def conflict_sets(draw: st.DrawFn) -> tuple[list[Conflict], date]:
    made: list[Conflict] = []
    for i in range(draw(st.integers(0, 12))):
        a, b = draw(st.lists(st.integers(1, 5), min_size=2, max_size=2, unique=True))
        status = draw(st.sampled_from(list(S)))
        raised = draw(st.integers(0, 400))
        duration = draw(st.integers(0, 200))
        dated = status in (S.RESOLVED_QUICKLY, S.RESOLVED_LATE) or (
            status is S.ANTICIPATED_AVOIDED and draw(st.booleans())
        )
        made.append(
            conflict(
                f"c{i}",
                f"u{a}",
                f"u{b}",
                raised,
                status,
                draw(st.integers(1, 5)),
                raised + duration if dated else None,
            )
        )
    return made, day(draw(st.integers(0, 700)))


FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(conflict_sets())
def test_shares_and_p_values_are_in_range(case: tuple[list[Conflict], date]) -> None:
    conflicts, as_of = case
    report = conflict_hotspots(org(conflicts), as_of)
    figures = (
        [report.overall] + [p.figures for p in report.pairs] + [u.figures for u in report.units]
    )
    for f in figures:
        assert 0.0 <= f.unresolved_share <= 1.0
        assert (
            f.counts.total
            == sum(
                (f.counts.anticipated_avoided, f.counts.resolved_quickly, f.counts.resolved_late)
            )
            + f.counts.unresolved
        )
    comparison = report.benchmark
    if comparison.n:
        assert sum(o.observed_share for o in comparison.outcomes) == pytest.approx(1.0)
        assert sum(o.expected for o in comparison.outcomes) == pytest.approx(comparison.n)
        assert comparison.p_value is not None
        assert 0.0 <= comparison.p_value <= 1.0
    assert comparison.n + comparison.open_excluded == report.overall.counts.total
    # Every conflict is in one pair and two units.
    full = conflict_hotspots(org(conflicts), as_of, top=100)
    assert math.fsum(p.figures.score for p in full.pairs) == pytest.approx(report.overall.score)
    assert math.fsum(u.figures.score for u in full.units) == pytest.approx(2 * report.overall.score)
    assert sum(p.score_share for p in full.pairs) == pytest.approx(
        1.0 if full.overall.score else 0.0
    )


@FAST
@given(conflict_sets())
def test_relabelling_ids_changes_nothing_but_ids(case: tuple[list[Conflict], date]) -> None:
    conflicts, as_of = case
    # New ids sort in the opposite order (u1 -> z5, ..., u5 -> z1), so tie-breaks differ too.
    rename = {f"u{i}": f"z{6 - i}" for i in range(1, 6)}
    renamed = [
        Conflict(
            "k" + c.id,
            rename[c.unit_a_id],
            rename[c.unit_b_id],
            c.raised_at,
            c.status,
            c.severity,
            resolved_at=c.resolved_at,
        )
        for c in conflicts
    ]
    before = conflict_hotspots(org(conflicts), as_of, top=100)
    after = conflict_hotspots(org(renamed, prefix="z"), as_of, top=100)
    assert before.overall == after.overall
    assert before.benchmark == after.benchmark
    assert before.empty_reason == after.empty_reason

    # Names follow the ids (Unit i), so figures per named pair and unit must match.
    back = {f"z{6 - i}": f"Unit {i}" for i in range(1, 6)}
    assert {frozenset((p.unit_a_name, p.unit_b_name)): p.figures for p in before.pairs} == {
        frozenset((back[p.unit_a], back[p.unit_b])): p.figures for p in after.pairs
    }
    assert {u.name: u.figures for u in before.units} == {
        back[u.unit]: u.figures for u in after.units
    }
    assert sorted(c.score for c in before.clusters) == pytest.approx(
        sorted(c.score for c in after.clusters)
    )
    assert sorted(len(c.units) for c in before.clusters) == sorted(
        len(c.units) for c in after.clusters
    )


def _scalar_figures(conflicts: list[Conflict], as_of: date) -> ConflictFigures:
    """The figures of `conflict_hotspots`, conflict by conflict, straight from its docstring."""
    counts: dict[ConflictStatus, int] = dict.fromkeys(S, 0)
    durations: list[int] = []
    ages: list[int] = []
    scores: list[float] = []
    for c in conflicts:
        if c.raised_at > as_of:
            continue
        resolved = c.resolved_at
        status = S.OPEN if resolved is not None and resolved > as_of else c.status
        counts[status] += 1
        age = (as_of - c.raised_at).days
        if resolved is not None and status in (S.RESOLVED_QUICKLY, S.RESOLVED_LATE):
            durations.append((resolved - c.raised_at).days)
        if status in UNRESOLVED_STATUSES:
            ages.append(age)
            scores.append(c.severity * min(1.0 + age / 90, 5.0))
        elif status is S.RESOLVED_LATE and resolved is not None and (as_of - resolved).days < 365:
            scores.append(0.25 * c.severity)
    total = sum(counts.values())
    unresolved = sum(counts[s] for s in UNRESOLVED_STATUSES)
    return ConflictFigures(
        counts=StatusCounts(
            anticipated_avoided=counts[S.ANTICIPATED_AVOIDED],
            resolved_quickly=counts[S.RESOLVED_QUICKLY],
            resolved_late=counts[S.RESOLVED_LATE],
            tried_failed=counts[S.TRIED_FAILED],
            unaddressed=counts[S.UNADDRESSED],
            open=counts[S.OPEN],
            total=total,
            unresolved=unresolved,
        ),
        unresolved_share=unresolved / total if total else 0.0,
        resolutions=len(durations),
        resolution_days_median=quantile(durations, 0.5),
        resolution_days_p90=quantile(durations, 0.9),
        unresolved_age_days_median=quantile(ages, 0.5),
        unresolved_age_days_max=max(ages) if ages else None,
        score=math.fsum(scores),
    )


@FAST
@given(conflict_sets())
def test_figures_equal_a_conflict_by_conflict_computation(
    case: tuple[list[Conflict], date],
) -> None:
    # The analysis works on columns of all conflicts at once; the same figures, to the last
    # bit, must come out of the definitions applied to one conflict at a time.
    conflicts, as_of = case
    report = conflict_hotspots(org(conflicts), as_of, top=100)
    assert report.overall == _scalar_figures(conflicts, as_of)
    for pair in report.pairs:
        between = [c for c in conflicts if {c.unit_a_id, c.unit_b_id} == {pair.unit_a, pair.unit_b}]
        assert pair.figures == _scalar_figures(between, as_of)
    for unit in report.units:
        party = [c for c in conflicts if unit.unit in (c.unit_a_id, c.unit_b_id)]
        assert unit.figures == _scalar_figures(party, as_of)
        raised = [c for c in party if c.raised_at <= as_of]
        partners = {c.unit_a_id if c.unit_b_id == unit.unit else c.unit_b_id for c in raised}
        assert unit.partners == len(partners)
