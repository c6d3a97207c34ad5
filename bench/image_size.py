"""Size of the service image, and of the layers Unsilo adds to its base.

Without a Docker engine, the runtime stage's own content is rebuilt as the Dockerfile's build stage
makes it (a virtual environment with the locked versions, pip removed, the libraries' test suites
dropped, the kernels compiled into a cache) and measured on disk. With `--docker`, the image is
built and `docker image inspect` gives the whole size, base included.

    .venv/bin/python -m bench.image_size            # ~1 minute: the added layers
    .venv/bin/python -m bench.image_size --docker   # the whole image, where Docker runs
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def size_of(path: Path) -> int:
    """Bytes in regular files under `path` (a symlink counts once, as in an image layer)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def added_layers() -> None:
    with tempfile.TemporaryDirectory(prefix="unsilo-image-") as scratch:
        venv, cache = Path(scratch) / "venv", Path(scratch) / "numba-cache"
        pip = venv / "bin" / "pip"
        _step("virtual environment", [sys.executable, "-m", "venv", str(venv)])
        _step("installing the locked versions", [str(pip), "install", "--quiet",
              "--constraint", "constraints.txt", "."])  # fmt: skip
        _step("removing pip", [str(pip), "uninstall", "--quiet", "--yes", "pip"])
        site = next((venv / "lib").glob("python3*/site-packages"))
        before = size_of(venv)
        for tests in sorted(site.rglob("tests"), key=lambda p: len(p.parts), reverse=True):
            if tests.is_dir():
                shutil.rmtree(tests)
        environment = {**os.environ, "NUMBA_CPU_NAME": "generic", "NUMBA_CACHE_DIR": str(cache)}
        # The installed `unsilo`, run away from the checkout so it imports the installed copy.
        _step("compiling the kernels", [str(venv / "bin" / "unsilo"), "compile-kernels"],
              env=environment, cwd=Path(scratch))  # fmt: skip
        total = size_of(venv) + size_of(cache)
        print(f"\nlayers added to the base image: {total / MB:.0f} MB")
        print(f"  virtual environment {size_of(venv) / MB:.0f} MB "
              f"({(before - size_of(venv)) / MB:.0f} MB of test suites dropped)")  # fmt: skip
        print(f"  kernel cache        {size_of(cache) / MB:.1f} MB")
        largest = sorted(
            ((size_of(p), p.name) for p in site.iterdir() if p.is_dir()), reverse=True
        )[:6]
        print("  largest packages    " + ", ".join(f"{n} {b / MB:.0f} MB" for b, n in largest))


def whole_image() -> None:
    tag = "unsilo:size-check"
    _step("docker build", ["docker", "build", "--quiet", "--tag", tag, "."])
    found = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Size}}", tag],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    print(f"\nimage {tag}: {int(found.stdout) / MB:.0f} MB")


def _step(
    what: str, command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT
) -> None:
    print(f"{what}...", flush=True)
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"image_size: {what} failed: {done.stderr.strip().splitlines()[-1:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docker", action="store_true", help="build the image and measure it")
    args = parser.parse_args()
    whole_image() if args.docker else added_layers()


if __name__ == "__main__":
    main()
