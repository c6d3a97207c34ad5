"""The checked-in client is what `make client` generates from schema.graphql and the operations.

The generator runs in its own environment (`.venv-codegen`, `make client` or `make test`
makes it): ariadne-codegen needs a graphql-core older than strawberry's. Generating anew into a
temporary folder and comparing file by file catches a schema change the client has not followed,
an operation edited without regenerating, and a hand edit of generated code.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / ".venv-codegen" / "bin" / "ariadne-codegen"
GENERATED = ROOT / "unsilo_client" / "generated"
STALE = "schema or operations changed: run `make client`"


def codegen_section() -> str:
    """The `[tool.ariadne-codegen]` table of pyproject.toml, as written there."""
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    start = text.index("[tool.ariadne-codegen]")
    end = text.index("\n[", start + 1)
    section = text[start:end] + "\n"
    assert tomllib.loads(section)["tool"]["ariadne-codegen"]["target_package_name"] == "generated"
    return section


def generate(into: Path) -> Path:
    """Runs the generator with the project's configuration on copies of its inputs."""
    config = tomllib.loads(codegen_section())["tool"]["ariadne-codegen"]
    shutil.copy(ROOT / config["schema_path"], into / config["schema_path"])
    shutil.copytree(ROOT / config["queries_path"], into / config["queries_path"])
    (into / "pyproject.toml").write_text(codegen_section(), "utf-8")
    assert GENERATOR.is_file(), f"{GENERATOR} is missing: run `make .venv-codegen/.installed`"
    done = subprocess.run(
        [str(GENERATOR), "client"], cwd=into, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr or done.stdout
    return into / str(config["target_package_path"]) / str(config["target_package_name"])


def differences(expected: Path, actual: Path) -> list[str]:
    names = {p.name for p in expected.glob("*.py")} | {p.name for p in actual.glob("*.py")}
    return sorted(
        name
        for name in names
        if not (expected / name).is_file()
        or not (actual / name).is_file()
        or not filecmp.cmp(expected / name, actual / name, shallow=False)
    )


def test_the_checked_in_client_is_what_the_schema_and_operations_generate(tmp_path: Path) -> None:
    fresh = generate(tmp_path)
    assert len(list(fresh.glob("*.py"))) > 30  # every operation got its module
    changed = differences(fresh, GENERATED)
    assert not changed, f"{STALE} (differs: {', '.join(changed)})"


def test_the_comparison_sees_a_change(tmp_path: Path) -> None:
    """A check that never fails proves nothing: an edited, a missing and an extra module are
    each told."""
    copy = tmp_path / "copy"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert differences(GENERATED, copy) == []
    (copy / "units.py").write_text((copy / "units.py").read_text("utf-8") + "# edited\n")
    (copy / "ties.py").unlink()
    (copy / "extra.py").write_text("")
    assert differences(GENERATED, copy) == ["extra.py", "ties.py", "units.py"]
