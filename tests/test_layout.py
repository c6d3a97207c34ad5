"""The code's layout rules, checked on every run so that they stay true.

- One home per name: no module imports a private (`_name`) name from another module; a helper
  that two modules need is public in one place.
- A private module (`pkg/_inner.py`) is imported only from inside its own package.
- No module of the service's packages holds more than `MAX_LINES` lines: a longer one usually
  holds two ideas. Generated code (`unsilo_client/generated`, `make client`) is exempt: one
  method per operation is its shape.
- The client (`unsilo_client`) stands alone: it imports nothing of the service's packages, so a
  script needs only its own dependencies.
- The analyses are pure: nothing under `graph_queries/analyses/` imports a store, the web layer
  or an I/O module.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph_queries", "schema", "service", "unsilo", "unsilo_client")
GENERATED = ROOT / "unsilo_client" / "generated"
CHECKED = (*PACKAGES, "tests", "bench")
MAX_LINES = 400
# What the pure analyses may not reach: stores, the service, the web layer, files.
IMPURE = (
    "graph_queries.stores",
    "graph_queries.formats",
    "graph_queries.runner",
    "schema",
    "service",
    "sqlite3",
    "neo4j",
    "asyncio",
    "starlette",
    "strawberry",
)


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str  # the absolute dotted module imported from
    names: tuple[str, ...]  # the names taken from it (empty for `import module`)


def _module_name(file: Path) -> str:
    parts = list(file.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_of(file: Path) -> str:
    name = _module_name(file)
    return name if file.name == "__init__.py" else name.rpartition(".")[0]


def _imports(file: Path) -> list[Import]:
    tree = ast.parse(file.read_text("utf-8"), str(file))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = _package_of(file).split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            found.append(Import(file, node.lineno, module, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            found += [Import(file, node.lineno, alias.name, ()) for alias in node.names]
    return found


def _python_files(*folders: str) -> list[Path]:
    files = []
    for folder in folders:
        files += [
            path
            for path in sorted((ROOT / folder).rglob("*.py"))
            if "neo4j_launcher" not in path.parts
        ]
    return files


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_name_offences(imports: list[Import]) -> list[str]:
    return [
        f"{i.file.relative_to(ROOT)}:{i.line}: {name} from {i.module}"
        for i in imports
        for name in i.names
        if _is_private(name) and i.module != "__future__"
    ]


def private_module_offences(imports: list[Import]) -> list[str]:
    offences = []
    for i in imports:
        importer = _module_name(i.file)
        targets = [i.module] + [
            f"{i.module}.{name}" for name in i.names if _is_module(f"{i.module}.{name}")
        ]
        for target in targets:
            parts = target.split(".")
            private = [k for k, part in enumerate(parts) if _is_private(part)]
            if not private:
                continue
            owner = ".".join(parts[: private[0]])
            if importer != owner and not importer.startswith(owner + "."):
                where = f"{i.file.relative_to(ROOT)}:{i.line}"
                offences.append(f"{where}: {target} (private to {owner})")
    return offences


def _all_imports() -> list[Import]:
    return [i for file in _python_files(*CHECKED) for i in _imports(file)]


def test_no_module_imports_a_private_name_from_another() -> None:
    offences = private_name_offences(_all_imports())
    assert not offences, "private names imported across modules:\n" + "\n".join(offences)


def test_private_modules_are_imported_only_inside_their_package() -> None:
    offences = private_module_offences(_all_imports())
    assert not offences, "private modules imported from outside:\n" + "\n".join(offences)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_is_longer_than_the_limit(package: str) -> None:
    long = {
        str(file.relative_to(ROOT)): lines
        for file in _python_files(package)
        if not file.is_relative_to(GENERATED)
        and (lines := len(file.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_analyses_do_no_io() -> None:
    offenders = [
        f"{i.file.relative_to(ROOT)}:{i.line}: {i.module}"
        for file in _python_files("graph_queries/analyses")
        for i in _imports(file)
        if any(i.module == bad or i.module.startswith(bad + ".") for bad in IMPURE)
    ]
    assert not offenders, "the pure analyses import I/O:\n" + "\n".join(offenders)


def test_the_client_imports_nothing_of_the_service() -> None:
    offenders = [
        f"{i.file.relative_to(ROOT)}:{i.line}: {i.module}"
        for file in _python_files("unsilo_client")
        for i in _imports(file)
        if i.module.split(".")[0] in ("graph_queries", "schema", "service", "unsilo")
    ]
    assert _python_files("unsilo_client")
    assert not offenders, "the client imports the service:\n" + "\n".join(offenders)


def test_the_checks_see_what_they_check() -> None:
    """A rule over no files proves nothing: the walk must find the packages and their imports,
    and each rule must catch a made-up offence."""
    imports = _all_imports()
    assert len({i.file for i in imports}) > 40
    assert any(i.module == "graph_queries.model" for i in imports)

    inside = ROOT / "graph_queries" / "analyses" / "silos" / "__init__.py"
    outside = ROOT / "schema" / "analyses.py"
    private_module = "graph_queries.analyses.silos._ranking"
    assert private_module_offences([Import(inside, 1, private_module, ("rank",))]) == []
    assert private_module_offences([Import(outside, 1, private_module, ("rank",))])
    assert private_name_offences([Import(outside, 1, "graph_queries.model", ("_helper",))])
    assert private_name_offences([Import(outside, 1, "graph_queries.model", ("KINDS",))]) == []
