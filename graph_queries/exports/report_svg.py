"""The HTML report's drawings as inline SVG text: the unit network, the outcome mix and the
small line charts of the trends.

Pure functions, data in and SVG text out. Every text from the data goes through
`html.escape`: unit names are user input. Meaning never rests on colour alone: bottleneck
units are squares with a thick border and a rank label, benchmark bars are hatched outlines.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import networkx as nx

from graph_queries.analyses.unit_network import UnitNetwork

WIDTH = 900
HEIGHT = 640
# Wide side margins: a label is centred under its unit and may be longer than the unit.
MARGIN_X = 130
MARGIN_Y = 50
# A fixed seed: the same organization is drawn the same way every time.
LAYOUT_SEED = 42
# Inline SVG in HTML needs no xmlns, so the file holds no URL, not even a namespace's.
SVG_TAG = "<svg"


@dataclass(frozen=True, slots=True)
class OutcomeBar:
    """One outcome of the survey: its label, the organization's share (None without
    conflicts) and the benchmark's share, both 0-1."""

    label: str
    observed: float | None
    benchmark: float


def unit_positions(network: UnitNetwork) -> dict[str, tuple[float, float]]:
    """Each unit's place in the drawing: networkx's spring layout with a fixed seed over the
    links (weighted by ties and dependencies), scaled into the canvas."""
    graph = nx.Graph()
    graph.add_nodes_from(unit.id for unit in network.units)
    for link in network.links:
        graph.add_edge(link.unit_a, link.unit_b, weight=1 + link.dependencies + (link.ties or 0))
    if not graph:
        return {}
    raw = nx.spring_layout(graph, seed=LAYOUT_SEED, weight="weight")
    xs = [float(x) for x, _ in raw.values()]
    ys = [float(y) for _, y in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        node: (
            MARGIN_X + (float(x) - min(xs)) / span_x * (WIDTH - 2 * MARGIN_X),
            MARGIN_Y + (float(y) - min(ys)) / span_y * (HEIGHT - 2 * MARGIN_Y),
        )
        for node, (x, y) in raw.items()
    }


def network_svg(network: UnitNetwork, ranks: Mapping[str, int]) -> str:
    """The units as circles sized by their people, links as lines (solid: dependencies, width
    by their number; dashed: ties only), bottleneck units (`ranks`, 1 = worst) as squares with
    a thick border and a `#rank` label."""
    places = unit_positions(network)
    names = {unit.id: unit.name for unit in network.units}
    parts = [
        f'{SVG_TAG} viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="network" '
        f'aria-labelledby="network-title"><title id="network-title">Unit network of '
        f"{len(network.units)} units and {len(network.links)} links</title>"
    ]
    for link in network.links:
        (x1, y1), (x2, y2) = places[link.unit_a], places[link.unit_b]
        width = 1 + min(link.dependencies, 5) if link.dependencies else 1
        dash = "" if link.dependencies else ' stroke-dasharray="4 3"'
        ties = "withheld" if link.ties is None else str(link.ties)
        tip = (
            f"{names[link.unit_a]} and {names[link.unit_b]}: {link.dependencies} dependencies, "
            f"{ties} ties"
        )
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'class="link" stroke-width="{width}"{dash}><title>{escape(tip)}</title></line>'
        )
    for unit in network.units:
        x, y = places[unit.id]
        radius = 6 + 3 * math.sqrt(unit.people)
        rank = ranks.get(unit.id)
        tip = f"{unit.name}: {unit.people} people"
        if rank is None:
            shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" class="unit"/>'
            label = unit.name
        else:
            tip += f", bottleneck #{rank}"
            shape = (
                f'<rect x="{x - radius:.1f}" y="{y - radius:.1f}" width="{2 * radius:.1f}" '
                f'height="{2 * radius:.1f}" class="unit bottleneck" stroke-width="4"/>'
            )
            label = f"#{rank} {unit.name}"
        parts.append(
            f"<g><title>{escape(tip)}</title>{shape}"
            f'<text x="{x:.1f}" y="{y + radius + 13:.1f}" text-anchor="middle">'
            f"{escape(label)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def outcome_bars_svg(bars: Sequence[OutcomeBar]) -> str:
    """Two horizontal bars per outcome, the organization's share (solid) above the
    benchmark's (hatched outline), each labelled with its percentage."""
    label_width, bar_width, row = 250, 420, 46
    height = 40 + row * len(bars)
    parts = [
        f'{SVG_TAG} viewBox="0 0 {label_width + bar_width + 70} {height}" role="img" '
        'class="bars" aria-labelledby="mix-title"><title id="mix-title">Conflict outcomes: '
        "this organization against the survey benchmark (the table below gives the figures)"
        "</title>"
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="hatch"/>'
        "</pattern></defs>"
        f'<rect x="{label_width}" y="4" width="12" height="10" class="observed"/>'
        f'<text x="{label_width + 18}" y="13">this organization</text>'
        f'<rect x="{label_width + 170}" y="4" width="12" height="10" class="benchmark"/>'
        f'<text x="{label_width + 188}" y="13">survey benchmark</text>'
    ]
    for index, bar in enumerate(bars):
        top = 30 + row * index
        parts.append(f'<text x="0" y="{top + 22}">{escape(bar.label)}</text>')
        for offset, share, kind in (
            (0, bar.observed, "observed"),
            (18, bar.benchmark, "benchmark"),
        ):
            y = top + offset
            if share is None:
                parts.append(f'<text x="{label_width}" y="{y + 12}">no conflicts</text>')
                continue
            length = share * bar_width
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="14" '
                f'class="{kind}"/><text x="{label_width + length + 6:.1f}" y="{y + 12}">'
                f"{share:.0%}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class LinePoint:
    """One point of a small line chart: its label (a date), its value (None: a gap) and
    whether the change into it is significant (drawn as a larger square: not colour alone)."""

    label: str
    value: float | None
    significant: bool | None


def plain_number(value: float) -> str:
    """A figure as the report writes it: a whole number without decimals (a count of
    factions), any other with two.

    >>> plain_number(3.0), plain_number(0.456)
    ('3', '0.46')
    """
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def line_chart_svg(key: str, title: str, points: Sequence[LinePoint], as_share: bool) -> str:
    """A small line chart of one figure over snapshots, oldest on the left; a gap where a
    value is None. `key` makes the title's id unique in the page; `as_share` labels values as
    percentages. The report's table beside it gives the same figures as text."""
    width, height, left, right, top, bottom = 320, 130, 44, 12, 14, 26
    shown = [p.value for p in points if p.value is not None]
    low, high = (min(shown), max(shown)) if shown else (0.0, 1.0)
    if as_share:
        low, high = min(low, 0.0), max(high, 1.0)
    span = (high - low) or 1.0
    step = (width - left - right) / max(len(points) - 1, 1)

    def place(index: int, value: float) -> tuple[float, float]:
        return left + index * step, top + (high - value) / span * (height - top - bottom)

    def text(value: float) -> str:
        return f"{value:.0%}" if as_share else plain_number(value)

    parts = [
        f'{SVG_TAG} viewBox="0 0 {width} {height}" role="img" class="trend" '
        f'aria-labelledby="trend-{escape(key)}"><title id="trend-{escape(key)}">'
        f"{escape(title)} over {len(points)} snapshots (the table gives the figures)</title>",
        f'<text x="2" y="{top + 4}">{escape(text(high))}</text>',
        f'<text x="2" y="{height - bottom}">{escape(text(low))}</text>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" '
        f'y2="{height - bottom}" class="axis"/>',
    ]
    runs: list[list[tuple[float, float]]] = [[]]
    for index, point in enumerate(points):
        if point.value is None:
            runs.append([])
        else:
            runs[-1].append(place(index, point.value))
    for run in runs:
        if len(run) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(f'<polyline points="{coords}" class="series"/>')
    for index, point in enumerate(points):
        if point.value is None:
            continue
        x, y = place(index, point.value)
        tip = f"{point.label}: {text(point.value)}"
        if point.significant:
            tip += ", a significant change"
            mark = f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" class="sig"/>'
        else:
            mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="dot"/>'
        parts.append(f"<g><title>{escape(tip)}</title>{mark}</g>")
    if points:
        parts.append(f'<text x="{left}" y="{height - 8}">{escape(points[0].label)}</text>')
        parts.append(
            f'<text x="{width - right}" y="{height - 8}" text-anchor="end">'
            f"{escape(points[-1].label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
