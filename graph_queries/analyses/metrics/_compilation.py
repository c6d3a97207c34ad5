"""Compiling the numba kernels ahead of the first analysis.

A kernel compiles on its first call (about 12 s for all of them on one core) and numba caches the
machine code on disk: beside the source when that folder is writable, else in `NUMBA_CACHE_DIR`.
A container image runs `compile_kernels` while it is built, so a new pod's first analysis takes
well under a second instead of a dozen (see the Dockerfile and `k8s/README.md`).
"""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path
from typing import Any

import networkx as nx

from graph_queries.analyses.metrics.shortest_paths import betweenness

__all__ = ["cached_kernels", "compile_kernels"]

# Imported only when asked for: loading numba and compiling is what the rest of the package
# defers to the first analysis.
KERNEL_MODULES = ("_compiled", "_compiled_separations", "_compiled_structure", "_dijkstra")
# Large enough that every analysis takes its compiled path (the small-graph shortcuts go to
# networkx), small enough to be quick once compiled.
LEADERS = 600
AS_OF = datetime.date(2026, 1, 1)


def cached_kernels() -> dict[str, Any]:
    """Every kernel whose machine code numba caches on disk, by `module.function`."""
    from numba.core.registry import CPUDispatcher

    found: dict[str, Any] = {}
    for module_name in KERNEL_MODULES:
        module = importlib.import_module(f"{__package__}.{module_name}")
        for name, value in vars(module).items():
            if isinstance(value, CPUDispatcher) and value.stats.cache_path is not None:
                found[f"{module_name}.{name}"] = value
    return found


def compile_kernels() -> list[str]:
    """Compile every kernel (or find it cached); the names of those now cached on disk.

    Runs the execution report (silo, conflict and faction analyses) over a generated
    organization, then the plain and weighted betweenness, which the report does not reach.
    """
    # Imported here: the analyses import this package, and the generator is only needed now.
    from graph_queries.analyses.execution import execution_report
    from graph_queries.generator import generate_organization
    from graph_queries.graphs import build_graphs

    graphs = build_graphs(generate_organization(leaders=LEADERS))
    execution_report(graphs, AS_OF)
    ties = nx.Graph(graphs.collaboration)
    for weight in (None, "weight"):
        if weight is not None:
            nx.set_edge_attributes(ties, 1.0, weight)
        betweenness(ties, weight)
    # A kernel called only from other kernels has no signatures of its own when its callers
    # came from the cache, so the cache index on disk is what tells.
    return sorted(name for name, kernel in cached_kernels().items() if _on_disk(name, kernel))


def _on_disk(name: str, kernel: Any) -> bool:
    # numba names a kernel's cache index `module.function-line.pyXY.nbi` in its cache path.
    return any(Path(kernel.stats.cache_path).glob(f"{name}-*.nbi"))
