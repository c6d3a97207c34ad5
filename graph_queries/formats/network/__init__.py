"""Networks in the forms the field exchanges (GraphML, GEXF, edge lists with a node table) read
into an organization by a `NetworkMapping` (see `mapping` for the rules)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from graph_queries.formats.network.files import read_edge_lists, read_xml_network
from graph_queries.formats.network.mapping import NetworkMapping, network_to_snapshot
from graph_queries.model import OrgSnapshot

__all__ = ["NetworkMapping", "read_network"]

XML_SUFFIXES = (".graphml", ".gexf")


def read_network(
    paths: Sequence[Path], mapping: NetworkMapping, nodes: Path | None = None
) -> tuple[OrgSnapshot, Counter[str]]:
    """One GraphML or GEXF file, or edge-list CSV files (with an optional node table), as an
    organization, and counts of what was merged or left out."""
    if len(paths) == 1 and paths[0].suffix.lower() in XML_SUFFIXES:
        graph = read_xml_network(paths[0])
    else:
        graph = read_edge_lists(paths, nodes)
    return network_to_snapshot(graph, mapping)
