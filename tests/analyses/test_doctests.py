"""Every metric documents itself with an example that runs: the Examples of each public
function in `graph_queries.analyses.metrics` are doctests, and a module with none fails."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

from graph_queries.analyses import metrics


def _modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{metrics.__name__}.{info.name}")
        for info in pkgutil.iter_modules(metrics.__path__)
        if not info.name.startswith("_")  # private modules are implementations, not metrics
    ]


def test_the_metrics_are_found() -> None:
    assert len(_modules()) >= 8


@pytest.mark.parametrize("module", _modules(), ids=lambda module: module.__name__)
def test_examples_run(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{module.__name__} has no examples"
    assert result.failed == 0, f"{result.failed} examples of {module.__name__} failed"


@pytest.mark.parametrize("module", _modules(), ids=lambda module: module.__name__)
def test_every_public_function_has_an_example(module: ModuleType) -> None:
    finder = doctest.DocTestFinder()
    tested = {test.name.rsplit(".", 1)[-1] for test in finder.find(module) if test.examples}
    public = [
        name for name in getattr(module, "__all__", []) if inspect.isfunction(getattr(module, name))
    ]
    missing = [name for name in public if name not in tested]
    assert not missing, f"{module.__name__}: no example for {missing}"
