"""The worked notebook (docs/notebooks/lazega.ipynb) runs, top to bottom, on a kernel of this
environment, and still prints what is committed, so the documentation cannot rot.

The kernel is this interpreter (`sys.executable`), from a kernel spec written for the test; the
Jupyter and IPython folders point into the test's temporary folder, so no user configuration
is read or written. With ``UNSILO_UPDATE_NOTEBOOK=1`` the test writes the fresh outputs into the
notebook instead of comparing them (then review the diff).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

import unsilo
from service.cli import main
from service.settings import Settings
from tests.realdata import DATA, LAZEGA_DIR, verify_checksums

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "notebooks" / "lazega.ipynb"
KERNEL = "unsilo-test"
# Seconds for one cell; the first analysis after installing compiles kernels (about 20 s).
TIMEOUT = 120
UPDATE = "UNSILO_UPDATE_NOTEBOOK"
LAYERS = ("advice", "friendship", "cowork")


def _kernel(folder: Path) -> KernelManager:
    """A kernel of this very interpreter, from a spec that lives in `folder`."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "unsilo test", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(folder / "kernels")], ensure_native_kernel=False)
    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)


def _texts(cell: Any) -> list[str]:
    """What a code cell showed as text: its printed lines and the plain form of its values."""
    shown = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            shown.append(output["text"])
        elif output["output_type"] in {"execute_result", "display_data"}:
            shown.append(output["data"].get("text/plain", ""))
        elif output["output_type"] == "error":
            shown.append(f"{output['ename']}: {output['evalue']}")
    return shown


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """The committed notebook and the same notebook run now."""
    verify_checksums(LAZEGA_DIR, DATA)  # fails, never skips, without ../shared
    folder = tmp_path_factory.mktemp("jupyter")
    update = os.environ.get(UPDATE) == "1"
    with pytest.MonkeyPatch.context() as patch:
        # Jupyter's and IPython's folders here: no user configuration is read or written.
        for variable in ("JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR"):
            patch.setenv(variable, str(folder / variable.lower()))
        patch.setenv("IPYTHONDIR", str(folder / "ipython"))
        # The kernel reads UNSILO_* as settings, where this one is unknown.
        patch.delenv(UPDATE, raising=False)
        committed = nbformat.read(NOTEBOOK, as_version=4)
        fresh = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(
            fresh,
            km=_kernel(folder),
            timeout=TIMEOUT,
            record_timing=False,
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        client.execute()
    if update:
        fresh.metadata.pop("widgets", None)
        nbformat.write(fresh, NOTEBOOK)
        committed = nbformat.read(NOTEBOOK, as_version=4)
    return committed, fresh


def _code_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_every_cell_runs_without_error(executed: tuple[Any, Any]) -> None:
    _committed, fresh = executed
    cells = _code_cells(fresh)
    assert len(cells) >= 10
    for number, cell in enumerate(cells, start=1):
        errors = [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
        assert not errors, f"code cell {number}: {_texts(cell)}"
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))


def test_the_notebook_still_shows_what_is_committed(executed: tuple[Any, Any]) -> None:
    committed, fresh = executed
    for number, (old, new) in enumerate(
        zip(_code_cells(committed), _code_cells(fresh), strict=True), start=1
    ):
        assert _texts(old) == _texts(new), f"code cell {number} shows something else now"


def _firm() -> unsilo.Organization:
    """The firm as the notebook loads it."""
    lazega = DATA / LAZEGA_DIR
    return unsilo.load_network(
        [lazega / f"{layer}_edges.csv" for layer in LAYERS],
        nodes=lazega / "attributes.csv",
        organization="lazega",
        unit=["office", "practice"],
        level="status",
        levels={"1": "EXECUTIVE", "2": "MIDDLE"},
        directed=LAYERS,
        settings=Settings.from_env({k: v for k, v in os.environ.items() if k != UPDATE}),
    )


def test_load_network_reads_the_firm_as_unsilo_import_network_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verify_checksums(LAZEGA_DIR, DATA)
    monkeypatch.delenv(UPDATE, raising=False)  # not a setting of the command
    lazega, store = DATA / LAZEGA_DIR, tmp_path / "unsilo.sqlite3"
    code = main([
        "--store", f"sqlite:{store}", "import-network",
        *(str(lazega / f"{layer}_edges.csv") for layer in LAYERS),
        "--nodes", str(lazega / "attributes.csv"), "--organization", "lazega",
        "--unit", "office", "--unit", "practice", "--level", "status",
        "--level-value", "1=EXECUTIVE", "--level-value", "2=MIDDLE",
        *(arg for layer in LAYERS for arg in ("--directed", layer)),
    ])  # fmt: skip
    assert code == 0
    stored = unsilo.load_store(f"sqlite:{store}", organization="lazega").snapshot
    loaded = _firm().snapshot
    for table in ("units", "leaders", "ties", "dependencies"):
        assert getattr(loaded, table) == getattr(stored, table), table
    assert loaded.tie_kinds == stored.tie_kinds
    assert len(loaded.leaders) == 71


def test_its_faction_figure_is_the_apis_answer(executed: tuple[Any, Any]) -> None:
    _committed, fresh = executed
    checked = [c for c in _code_cells(fresh) if "checked" in c.metadata.get("tags", [])]
    assert len(checked) == 1
    firm = _firm()
    factions = firm.executive_factions(kinds=frozenset({"cowork"}), group_by="office")
    expected = (
        f"{factions.verdict.value}: {len(factions.factions)} factions, "
        f"modularity {factions.modularity:.4f}\n"
    )
    assert _texts(checked[0]) == [expected]
    # What docs/validation.md reports of the partners: two factions, weak, split by office.
    assert expected == "WEAK: 2 factions, modularity 0.2297\n"


def test_the_notebook_embeds_no_path_of_this_machine() -> None:
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert str(Path.home()) not in text
    assert str(NOTEBOOK.parents[2]) not in text
