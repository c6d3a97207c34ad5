"""`unsilo analyze --report`: one self-contained HTML file that opens offline."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph_queries.exports import compute_results
from graph_queries.exports.report_html import (
    MARKED_BOTTLENECKS,
    bottleneck_ranks,
    report_html,
    report_network,
)
from graph_queries.formats.files import read_organization, write_organization
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from service.cli import main

HOSTILE = "<script>alert(1)</script>"
AS_OF = date(2026, 1, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organization with its worst bottleneck unit renamed to a script tag."""
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    write_organization(generate_organization(leaders=100), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for unit in document["units"]:
        if unit["name"] == "Automotive Components":
            unit["name"] = HOSTILE
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(demo: Path) -> str:
    graphs = build_graphs(read_organization(demo))
    results = compute_results(graphs, AS_OF, 5)
    return report_html("Demo & <Co>", results, report_network(graphs, results))


class _Checker(HTMLParser):
    """Collects the tags, the text, and whether every opened element was closed in order."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "circle", "rect", "line"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.open: list[str] = []
        self.mismatched: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.open or self.open.pop() != tag:
            self.mismatched.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(text: str) -> _Checker:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    return checker


def test_the_report_parses_and_holds_every_section(report: str) -> None:
    checker = _parsed(report)
    assert checker.mismatched == []
    assert checker.open == []
    text = " ".join(checker.text)
    assert "Unsilo report: Demo & <Co>" in text
    assert "as of 2026-01-01" in text
    assert "This file holds personal data" in text
    assert "Privacy floor applied" in text
    for section in ("network", "factions", "outcomes", "findings"):
        assert f'<section id="{section}">' in report
    assert "Verdict: STRONG" in text
    assert "withheld by the privacy floor" in text  # the demo's factions are small
    assert f"The worst {MARKED_BOTTLENECKS} units among the silo bottlenecks" in text
    assert "Worst bottleneck:" in text  # the execution report's headlines
    assert "Conflict hotspots: unit pairs" in text
    assert checker.tags.count("svg") == 2


def test_the_network_marks_the_worst_bottleneck_units_by_shape_and_rank(
    demo: Path, report: str
) -> None:
    graphs = build_graphs(read_organization(demo))
    results = compute_results(graphs, AS_OF, 5, ["silo_bottlenecks"])
    ranks = bottleneck_ranks(results)
    assert 0 < len(ranks) <= MARKED_BOTTLENECKS
    network = report.split('<section id="network">')[1].split("</section>")[0]
    assert network.count('class="unit bottleneck"') == len(ranks)
    for unit, rank in ranks.items():
        name = graphs.units.nodes[unit]["name"]
        label = f"#{rank} {name}".replace("<", "&lt;").replace(">", "&gt;")
        assert f">{label}</text>" in network


def test_the_outcome_mix_has_a_chart_and_a_table_with_the_benchmark(report: str) -> None:
    section = report.split('<section id="outcomes">')[1].split("</section>")[0]
    assert "<svg" in section
    table = section.split("<table>")[1]
    for label, share in (
        ("Anticipated and avoided", "15%"),
        ("Resolved quickly", "26%"),
        ("Resolved after a significant delay", "37%"),
        ("Tried but never resolved", "10%"),
        ("Never addressed", "12%"),
    ):
        assert re.search(f"<td>{label}</td>.*?<td>{share}</td></tr>", table), label
    assert "Sull, D., Homkes, R. &amp; Sull, C. (2015)" in section


def test_names_are_escaped_and_nothing_is_fetched_or_run(report: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "<script" not in report.lower()
    assert "Demo &amp; &lt;Co&gt;" in report
    assert "http://" not in report
    assert "https://" not in report
    assert "//" not in report.replace("<!DOCTYPE", "")  # no protocol-relative link either
    assert not re.search(r"\b(src|href)=", report)
    assert "@import" not in report
    assert "@font-face" not in report
    # The only url() is the chart's own hatch pattern, inside the file.
    assert re.findall(r"url\(([^)]*)\)", report) == ["#hatch"]


def test_the_cli_writes_the_report_and_refuses_to_overwrite_it(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "report.html"
    args = ["analyze", str(demo), "--as-of", "2026-01-01", "--analysis", "executive_factions"]
    assert main([*args, "--report", str(target)]) == 0
    out, _ = capsys.readouterr()
    assert f"wrote {target}" in out
    written = target.read_text(encoding="utf-8")
    assert "<title>Unsilo report: Demo Manufacturing Group</title>" in written
    assert "The conflict analyses were not run" in written
    assert main([*args, "--report", str(target)]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1
    assert "--report" in err
    assert "exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == written
    assert main([*args, "--report", str(target), "--force", "--include-small-groups"]) == 0
    lifted = target.read_text(encoding="utf-8")
    assert "The privacy floor was lifted" in lifted
    assert "<th>Members</th>" in lifted  # the factions are named once the floor is lifted
