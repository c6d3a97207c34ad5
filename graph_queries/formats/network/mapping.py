"""A network as the field exchanges it (people as nodes with attributes, typed edges) mapped onto
an organization: which node attribute names the unit, the name, the reporting line and the
level, and which edge attribute the tie kind and the weight.

Every node becomes a leader with the node's id. Units are made from the distinct values of the
unit attribute (or of several, joined with ` / `). Node attributes other than the name, title
and reporting line become the leaders' custom attributes, typed by their values. Edges become
ties of their kind; a directed network declares its kinds directed. Self-loops are left out (a
tie joins two people); parallel edges of one kind between the same people (either way, for an
undirected kind) are merged, their weights added. A tie's strength is its weight over the
largest weight of its kind, so weights may be any positive numbers (counts, ratings).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph_queries.attributes import ATTRIBUTE_NAME, RESERVED, BadAttribute, canonical
from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.derived import derived_id, relative_strengths
from graph_queries.model import (
    AttributeDeclaration,
    AttributeType,
    EntityKind,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Tie,
    TieKind,
    Unit,
    attribute_entry,
)
from graph_queries.validation import ID_PATTERN

MAX_ERRORS = 100
_SLUG = re.compile(r"[^A-Za-z0-9_.:-]+")


@dataclass(frozen=True, slots=True)
class NetworkMapping:
    """Which attributes mean what. `unit` lists the node attributes that make the unit (joined);
    none puts everyone in one unit named after the organization. `levels` maps an attribute
    value (as text) to a level name, when the `level` attribute does not hold level names."""

    organization_id: str
    organization_name: str
    unit: tuple[str, ...] = ()
    name: str | None = "name"
    level: str | None = "level"
    levels: dict[str, str] = field(default_factory=dict)
    title: str | None = "title"
    reports_to: str | None = "reports_to"
    kind: str = "kind"
    default_kind: str = "tie"
    weight: str = "weight"
    # Kinds whose ties are arcs; None: every kind when the network is directed, none otherwise.
    directed: frozenset[str] | None = None


def network_to_snapshot(
    graph: nx.Graph, mapping: NetworkMapping
) -> tuple[OrgSnapshot, Counter[str]]:
    """The organization `graph` describes under `mapping`, and counts of what was merged or left
    out. Every problem is reported with the node or edge it is about, nothing is half-made."""
    errors: list[FieldError] = []
    nodes = {_text(node): data for node, data in graph.nodes(data=True)}
    units = _units(nodes, mapping, errors)
    # The unit and level attributes stay attributes too: a grouping by office alone needs it.
    used = {mapping.name, mapping.title, mapping.reports_to}
    used |= {a for a in (mapping.level, *mapping.unit) if a in RESERVED[EntityKind.LEADER]}
    declarations = _declarations(nodes, used, errors)
    leaders = {
        node: _leader(node, data, mapping, units, declarations, nodes, errors)
        for node, data in nodes.items()
    }
    ties, kinds, counts = _ties(graph, mapping, errors)
    if errors:
        raise ValidationFailed(errors[:MAX_ERRORS])
    snapshot = OrgSnapshot.of(
        Organization(mapping.organization_id, mapping.organization_name),
        [*units.values(), *leaders.values(), *ties],
    )
    snapshot.tie_kinds = kinds
    snapshot.attributes = tuple(declarations.values())
    return snapshot, counts


def _units(
    nodes: dict[str, dict[str, Any]], mapping: NetworkMapping, errors: list[FieldError]
) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for node, data in nodes.items():
        name = _unit_name(data, mapping)
        if name is None:
            missing = " and ".join(mapping.unit)
            errors.append(_error(f"nodes[{node}]", ErrorCode.REQUIRED, f"has no {missing}"))
            continue
        units.setdefault(name, Unit(_id("u-" + name), name))
    return units


def _unit_name(data: dict[str, Any], mapping: NetworkMapping) -> str | None:
    if not mapping.unit:
        return mapping.organization_name
    values = [data.get(attribute) for attribute in mapping.unit]
    if any(value is None or str(value) == "" for value in values):
        return None
    return " / ".join(str(value) for value in values)


def _declarations(
    nodes: dict[str, dict[str, Any]], used: set[str | None], errors: list[FieldError]
) -> dict[str, AttributeDeclaration]:
    types: dict[str, set[type]] = {}
    for data in nodes.values():
        for key, value in data.items():
            if key not in used and key not in ("label", "id"):
                types.setdefault(key, set()).add(type(value))
    declared: dict[str, AttributeDeclaration] = {}
    for key, seen in sorted(types.items()):
        if not ATTRIBUTE_NAME.fullmatch(key) or key in RESERVED[EntityKind.LEADER]:
            message = "is not usable as an attribute name (letters, digits, _; not a field)"
            errors.append(_error(f"attributes[{key}]", ErrorCode.INVALID_FORMAT, message))
            continue
        declared[key] = AttributeDeclaration(key, EntityKind.LEADER, _attribute_type(seen))
    return declared


def _attribute_type(seen: set[type]) -> AttributeType:
    if seen <= {bool}:
        return AttributeType.BOOLEAN
    if seen <= {int}:
        return AttributeType.INTEGER
    if seen <= {int, float}:
        return AttributeType.FLOAT
    return AttributeType.STRING


def _leader(
    node: str,
    data: dict[str, Any],
    mapping: NetworkMapping,
    units: dict[str, Unit],
    declarations: dict[str, AttributeDeclaration],
    nodes: dict[str, dict[str, Any]],
    errors: list[FieldError],
) -> Leader:
    at = f"nodes[{node}]"
    if not ID_PATTERN.fullmatch(node):
        errors.append(_error(at, ErrorCode.INVALID_FORMAT, "is not usable as an id"))
    name = _attribute(data, mapping.name) or _attribute(data, "label")
    if name == node:
        name = ""  # GEXF gives every node its id as label: no name was given
    unit_name = _unit_name(data, mapping)
    unit = units[unit_name].id if unit_name in units else ""
    level = LeaderLevel.MIDDLE
    if (raw := _attribute(data, mapping.level)) is not None:
        raw = mapping.levels.get(raw, raw)
        if raw.upper() not in LeaderLevel.__members__:
            message = f"level {raw!r} is none of {', '.join(LeaderLevel.__members__)}"
            errors.append(_error(at, ErrorCode.INVALID_ENUM, message))
        else:
            level = LeaderLevel[raw.upper()]
    boss = _attribute(data, mapping.reports_to) or None
    if boss is not None and boss not in nodes:
        errors.append(_error(at, ErrorCode.UNKNOWN_REFERENCE, f"reports to {boss!r}, no node"))
    values = []
    for key, declaration in declarations.items():
        if key in data:
            try:
                value = data[key]
                if declaration.type is AttributeType.FLOAT:
                    value = float(value)
                values.append(attribute_entry(key, canonical(value, declaration.type)))
            except BadAttribute as bad:
                errors.append(_error(f"{at}.{key}", ErrorCode.INVALID_TYPE, str(bad)))
    return Leader(
        id=node, name=name or "", unit_id=unit, level=level,
        title=_attribute(data, mapping.title) or "", reports_to_id=boss,
        attributes=tuple(values),
    )  # fmt: skip


def _ties(
    graph: nx.Graph, mapping: NetworkMapping, errors: list[FieldError]
) -> tuple[list[Tie], tuple[TieKind, ...], Counter[str]]:
    counts: Counter[str] = Counter()
    weights: dict[tuple[str, str, str], float] = {}
    for index, (a, b, data) in enumerate(graph.edges(data=True)):
        source, target = _text(a), _text(b)
        kind = _attribute(data, mapping.kind) or mapping.default_kind
        weight = data.get(mapping.weight, 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not weight > 0:
            message = f"weight {weight!r} is not a positive number"
            errors.append(_error(f"edges[#{index + 1}]", ErrorCode.OUT_OF_RANGE, message))
            continue
        if source == target:
            counts["self-loops left out"] += 1
            continue
        if not _directed(graph, mapping, kind) and target < source:
            source, target = target, source
        if (kind, source, target) in weights:
            counts["parallel edges merged"] += 1
        weights[(kind, source, target)] = weights.get((kind, source, target), 0.0) + weight
    ties = []
    for (kind, source, target), strength in relative_strengths(weights).items():
        ties.append(Tie(derived_id("t", kind, source, target), source, target, strength, kind))
        counts[f"{kind} ties"] += 1
    names = sorted({kind for kind, _, _ in weights})
    kinds = tuple(TieKind(kind, _directed(graph, mapping, kind)) for kind in names)
    return ties, kinds, counts


def _directed(graph: nx.Graph, mapping: NetworkMapping, kind: str) -> bool:
    if mapping.directed is None:
        return bool(graph.is_directed())
    return kind in mapping.directed


def _attribute(data: dict[str, Any], key: str | None) -> str | None:
    if key is None or key not in data or data[key] is None:
        return None
    return _text(data[key])


def _text(value: Hashable) -> str:
    # A GraphML id is text; an integral float (from a GEXF or a CSV) reads as its integer.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _id(text: str) -> str:
    slug = _SLUG.sub("-", text).strip("-") or "unit"
    if len(slug) > 64:
        slug = slug[:47] + "-" + hashlib.sha256(text.encode()).hexdigest()[:16]
    return slug


def _error(path: str, code: ErrorCode, message: str) -> FieldError:
    return FieldError(path, code, message)
