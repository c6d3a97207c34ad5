"""The container image, checked without a Docker engine: the Dockerfile's stages and rules, the
build context it may see, and the kernel cache it ships (compiled and copied as the image does)."""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.image_rules import ROOT, Stage, environment, image_environment, instructions, stages

DIGEST = re.compile(r"^[\w.\-/]+:[\w.\-]+@sha256:[0-9a-f]{64}$")
BUILD_TOOLS = ("apt-get", "gcc", "build-essential", "make ", "cargo", "pip install")


def stage(name: str) -> Stage:
    (found,) = (stage for stage in stages() if stage.name == name)
    return found


def test_every_stage_starts_from_a_base_pinned_by_digest() -> None:
    found = stages()
    assert [stage.name for stage in found] == ["graphiql", "explorer", "build", "runtime"]
    for each in found:
        assert DIGEST.match(each.base), each.base
    # The package is built on the Python it runs on.
    assert stage("build").base == stage("runtime").base
    for node in ("graphiql", "explorer"):
        assert stage(node).base.startswith("node:20-bookworm-slim@"), stage(node).base


@pytest.mark.parametrize("bundle", ["graphiql", "explorer"])
def test_each_bundle_is_built_from_its_lock_and_only_its_build_is_copied(bundle: str) -> None:
    node = stage(bundle)
    runs = node.arguments("RUN")
    assert any("npm ci" in run for run in runs), "versions from package-lock.json"
    assert not any("npm install" in run for run in runs), runs
    assert any("npm run build" in run for run in runs)
    (copied,) = [c for c in stage("build").arguments("COPY") if c.startswith(f"--from={bundle}")]
    source, target = copied.split()[1:]
    assert source.endswith(f"/service/static/{bundle}")
    assert target == f"./service/static/{bundle}"
    # Nothing of the Node stage (node_modules, Node itself) reaches the runtime image directly.
    assert not any(bundle in c for c in stage("runtime").arguments("COPY"))


def test_the_runtime_stage_installs_nothing_and_copies_only_built_artefacts() -> None:
    runtime = stages()[-1]
    for command in runtime.arguments("RUN"):
        assert not any(tool in command for tool in BUILD_TOOLS), command
    for copy in runtime.arguments("COPY"):
        assert copy.startswith("--from="), f"runtime copies from the build context: {copy}"
    for command in stage("build").arguments("RUN"):
        assert "npm" not in command, "Node runs in its own stage only"


def test_the_service_runs_as_a_non_root_user_with_a_health_check() -> None:
    runtime = stages()[-1]
    (user,) = runtime.arguments("USER")
    uid, _, gid = user.partition(":")
    assert uid.isdigit(), "numeric, so Kubernetes can check runAsNonRoot"
    assert gid.isdigit()
    assert int(uid) != 0
    assert int(gid) != 0
    (check,) = runtime.arguments("HEALTHCHECK")
    assert "/healthz" in check
    (command,) = runtime.arguments("CMD")
    assert command == '["unsilo", "serve"]'
    assert "WORKERS" not in " ".join(runtime.arguments("ENV")), "workers come from settings"


def test_the_image_settings_are_accepted_by_the_service() -> None:
    from service.settings import Settings

    settings = Settings.from_env(
        {k: v for k, v in image_environment().items() if k.startswith("UNSILO_")}
    )
    assert settings.mode == "production"
    assert settings.port == 8000


def test_the_kernel_cache_is_built_where_the_runtime_looks() -> None:
    build, runtime = stage("build"), stages()[-1]
    cache = environment(build)["NUMBA_CACHE_DIR"]
    assert environment(runtime)["NUMBA_CACHE_DIR"] == cache
    assert environment(runtime)["NUMBA_CPU_NAME"] == environment(build)["NUMBA_CPU_NAME"]
    assert any("unsilo compile-kernels" in run for run in build.arguments("RUN"))
    assert any(f"--from={build.name}" in c and cache in c for c in runtime.arguments("COPY"))


def _in_context(path: str) -> bool:
    """Whether the build context holds `path`, by .dockerignore's last-match-wins rules."""
    included = True
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negated = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(p, pattern) for p in prefixes) or (
            pattern.startswith("**/") and fnmatch.fnmatch(parts[-1], pattern[3:])
        ):
            included = negated
    return included


def test_the_build_context_holds_the_package_and_nothing_private() -> None:
    for needed in (
        "pyproject.toml",
        "constraints.txt",
        "README.md",
        "service/cli.py",
        "frontend/graphiql/package.json",
        "frontend/graphiql/package-lock.json",
        "frontend/graphiql/build.mjs",
        "frontend/graphiql/src/index.jsx",
        "frontend/explorer/package-lock.json",
        "frontend/explorer/src/main.js",
    ):
        assert _in_context(needed), needed
    for private in (
        ".env",
        ".venv/bin/python",
        "data/unsilo.sqlite3",
        "keys/api-keys.json",
        "service/__pycache__/cli.cpython-311.pyc",
        ".git/config",
        "tests/test_image.py",
        "frontend/graphiql/node_modules/react/index.js",
        "frontend/graphiql/src/node_modules/x.js",
        # Built in the image from the lock, never a local build of unknown origin.
        "service/static/graphiql/graphiql.js",
        "service/static/explorer/explorer.js",
        "frontend/explorer/node_modules/cytoscape/package.json",
    ):
        assert not _in_context(private), private
    # Every file the Dockerfile copies from the context is in it.
    for name, args in instructions((ROOT / "Dockerfile").read_text()):
        if name == "COPY" and not args.startswith("--from"):
            for source in args.split()[:-1]:
                assert _in_context(source.rstrip("/")), source


@pytest.fixture(scope="module")
def compiled_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kernels compiled as the image's build stage does, into a fresh cache."""
    cache = tmp_path_factory.mktemp("numba-cache")
    unsilo = shutil.which("unsilo", path=os.path.dirname(sys.executable))
    assert unsilo is not None
    result = subprocess.run(
        [unsilo, "compile-kernels"],
        env={**os.environ, "NUMBA_CACHE_DIR": str(cache), "NUMBA_CPU_NAME": "generic"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"^\d+ kernels compiled and cached", result.stdout, re.MULTILINE)
    return cache


def test_compile_kernels_caches_every_kernel(compiled_cache: Path) -> None:
    from graph_queries.analyses.metrics import cached_kernels

    indexes = {p.name.split("-", 1)[0] for p in compiled_cache.rglob("*.nbi")}
    assert indexes == set(cached_kernels())


def test_a_copied_cache_is_used_not_compiled_again(compiled_cache: Path, tmp_path: Path) -> None:
    """As the init container does in k8s/: the copy, at a new path, loads without compiling."""
    copied = tmp_path / "numba"
    subprocess.run(["cp", "-R", f"{compiled_cache}/.", str(copied)], check=True)
    probe = (
        "from graph_queries.analyses.metrics import cached_kernels, compile_kernels\n"
        "compile_kernels()\n"
        "misses = {n: sum(k.stats.cache_misses.values()) for n, k in cached_kernels().items()}\n"
        "hits = sum(sum(k.stats.cache_hits.values()) for k in cached_kernels().values())\n"
        "print(sum(misses.values()), hits)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "NUMBA_CACHE_DIR": str(copied), "NUMBA_CPU_NAME": "generic"},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    misses, hits = map(int, result.stdout.split())
    assert misses == 0
    assert hits > 0
