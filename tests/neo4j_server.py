"""A throwaway Neo4j 5.26 (LTS) server for tests, run in a JVM from Maven Central artifacts.

The launcher in ``tests/neo4j_launcher`` wraps ``org.neo4j.test:neo4j-harness``: an in-process
community Neo4j with Bolt on 127.0.0.1 only and HTTP off. It prints
``NEO4J_READY bolt://127.0.0.1:PORT`` once Bolt accepts connections and runs until its stdin is
closed (or SIGTERM), so it also goes away when the Python process that started it dies.

Every server has Neo4j Graph Data Science (the open edition): its jars are on the classpath and
in ``target/plugins``, which the launcher makes Neo4j's plugin directory, with ``gds.*``
unrestricted. They are the test server's only; the Python package does not depend on them.

Auth is on, with the fixed test credentials ``neo4j`` / ``unsilo-test-password``
(pass ``password=None`` to run without auth).

Usage::

    server = start_jvm_neo4j()
    try:
        ...  # server.uri, server.user, server.password
        server.stop()     # Neo4j down; port and data kept
        server.restart()  # same port, same data
    finally:
        server.close()    # stop and delete the data dir

The first call builds the launcher with Maven (``mvn -q -B -f tests/neo4j_launcher/pom.xml
compile``), which compiles it to ``target/classes``, writes the classpath of the harness jars
in ``~/.m2`` to ``target/classpath.txt`` and copies the GDS jars to ``target/plugins``; later
calls reuse that while it is newer than the sources and every jar it names exists.

Run ``python tests/neo4j_server.py`` to start one, run ``RETURN 1`` through it and stop it.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO

LAUNCHER_DIR = Path(__file__).resolve().parent / "neo4j_launcher"
POM = LAUNCHER_DIR / "pom.xml"
TARGET = LAUNCHER_DIR / "target"
CLASSES = TARGET / "classes"
CLASSPATH_FILE = TARGET / "classpath.txt"
BUILD_STAMP = TARGET / ".build-stamp"
PLUGINS = TARGET / "plugins"
MAIN_CLASS = "unsilo.Neo4jLauncher"

USER = "neo4j"
PASSWORD = "unsilo-test-password"
READY_PREFIX = "NEO4J_READY "

# Heap kept small for a 2-core, 24 GiB machine (the page cache, 256 MiB, is set by the launcher).
# The --add-opens flags are those Neo4j's own start script passes: without them the page cache
# logs "Reflection access to java.nio.DirectByteBuffer is not available" and the transaction log
# writer "Incorrect file descriptor" warnings.
JVM_FLAGS: tuple[str, ...] = (
    "-Xms256m",
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)

_TAIL_LINES = 80


class Neo4jLaunchError(RuntimeError):
    """The launcher could not be built, or the server did not come up in time."""


def _tool(name: str, env_home: str) -> str:
    home = os.environ.get(env_home)
    if home and (Path(home) / "bin" / name).is_file():
        return str(Path(home) / "bin" / name)
    found = shutil.which(name)
    if found is None:
        raise Neo4jLaunchError(f"`{name}` not found on PATH (nor under ${env_home}/bin)")
    return found


def _sources() -> list[Path]:
    return [POM, *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]


def _built_classpath() -> str | None:
    """The launcher's classpath if the build output is present and current, else None."""
    main_class = CLASSES / (MAIN_CLASS.replace(".", "/") + ".class")
    if not (main_class.is_file() and CLASSPATH_FILE.is_file() and BUILD_STAMP.is_file()):
        return None
    # Maven leaves unchanged outputs untouched, so their mtimes can't date a build: a stamp does.
    built = BUILD_STAMP.stat().st_mtime
    if any(src.stat().st_mtime > built for src in _sources()):
        return None
    jars = CLASSPATH_FILE.read_text().strip()
    if not jars or not all(Path(jar).is_file() for jar in jars.split(os.pathsep)):
        return None  # e.g. ~/.m2 was wiped
    if not any(PLUGINS.glob("*.jar")):
        return None  # built before the launcher had GDS
    return os.pathsep.join([str(CLASSES), jars])


def build_launcher(timeout_s: float = 1200) -> str:
    """Build the launcher with Maven unless already built; return the Java classpath to run it."""
    TARGET.mkdir(exist_ok=True)
    # A file lock so that concurrent test processes don't run Maven on one target/ at once.
    with (TARGET / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        classpath = _built_classpath()
        if classpath is not None:
            return classpath
        cmd = [_tool("mvn", "MAVEN_HOME"), "-q", "-B", "-Dstyle.color=never", "-f", str(POM)]
        try:
            done = subprocess.run(
                [*cmd, "compile"],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jLaunchError(
                f"Maven build of the Neo4j launcher took over {timeout_s} s"
            ) from exc
        if done.returncode == 0:
            BUILD_STAMP.touch()
        classpath = _built_classpath()
        if done.returncode != 0 or classpath is None:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-_TAIL_LINES:])
            raise Neo4jLaunchError(
                f"Maven build of the Neo4j launcher failed (exit {done.returncode}):\n{tail}"
            )
        return classpath


def _drain(
    stream: IO[str] | None, sink: collections.deque[str], ready: list[str], event: threading.Event
) -> None:
    """Read a pipe to its end, keeping its last lines; note the READY line when it comes."""
    assert stream is not None
    for line in iter(stream.readline, ""):
        text = line.rstrip("\n")
        sink.append(text)
        if text.startswith(READY_PREFIX) and not event.is_set():
            ready.append(text[len(READY_PREFIX) :].strip())
            event.set()
    event.set()  # end of stream: stop waiting either way


class RunningNeo4j:
    """A Neo4j server in a JVM subprocess, with a data dir and port that outlive `stop()`."""

    def __init__(
        self,
        classpath: str,
        data_dir: Path,
        *,
        owns_data_dir: bool,
        password: str | None,
        port: int = 0,
    ) -> None:
        self.classpath = classpath
        self.data_dir = data_dir
        self.owns_data_dir = owns_data_dir
        self.port = port
        self.user = USER
        self.password = password if password is not None else ""
        self.auth_enabled = password is not None
        self.uri = ""
        self._process: subprocess.Popen[str] | None = None
        self._stdout: collections.deque[str] = collections.deque(maxlen=_TAIL_LINES)
        self._stderr: collections.deque[str] = collections.deque(maxlen=_TAIL_LINES)
        self._threads: list[threading.Thread] = []
        self._closed = False
        atexit.register(self.close)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def auth(self) -> tuple[str, str]:
        """(user, password), for ``neo4j.GraphDatabase.driver(uri, auth=...)``."""
        return (self.user, self.password)

    def output_tail(self) -> str:
        """The last lines the JVM wrote to stdout and stderr (for error messages)."""
        return "\n".join(["--- stdout ---", *self._stdout, "--- stderr ---", *self._stderr])

    def start(self, timeout_s: float = 180) -> None:
        """Start the JVM and wait until Bolt accepts connections (or raise Neo4jLaunchError)."""
        if self._closed:
            raise Neo4jLaunchError("this server was closed; start a new one")
        if self.running:
            return
        cmd = [_tool("java", "JAVA_HOME"), *JVM_FLAGS, "-cp", self.classpath, MAIN_CLASS]
        cmd += ["--port", str(self.port), "--data-dir", str(self.data_dir)]
        cmd += ["--plugins-dir", str(PLUGINS)]
        if self.auth_enabled:
            cmd += ["--password", self.password]
        self._stdout.clear()
        self._stderr.clear()
        ready: list[str] = []
        event = threading.Event()
        started = time.monotonic()
        process = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._process = process
        self._threads = [
            threading.Thread(
                target=_drain, args=(process.stdout, self._stdout, ready, event), daemon=True
            ),
            threading.Thread(
                target=_drain,
                args=(process.stderr, self._stderr, [], threading.Event()),
                daemon=True,
            ),
        ]
        for thread in self._threads:
            thread.start()
        event.wait(timeout_s)
        if not ready:
            elapsed = time.monotonic() - started
            self._kill()
            state = (
                f"exited with code {process.returncode}"
                if process.returncode is not None and process.returncode >= 0
                else f"not ready after {elapsed:.0f} s"
            )
            raise Neo4jLaunchError(
                f"Neo4j launcher {state} (port {self.port}, data dir {self.data_dir}):\n"
                + self.output_tail()
            )
        self.uri = ready[0]
        self.port = int(self.uri.rsplit(":", 1)[1])

    def stop(self, timeout_s: float = 60) -> None:
        """Shut Neo4j down cleanly (close its stdin), kill it after `timeout_s`; keep the data."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(OSError):
                assert process.stdin is not None
                process.stdin.close()
            try:
                process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self._kill()
        self._finish()

    def kill(self) -> None:
        """Kill the JVM at once (SIGKILL), as a crash would; the data dir is kept."""
        self._kill()
        self._finish()

    def restart(self, timeout_s: float = 180) -> None:
        """Stop (if running) and start again on the same port over the same data."""
        self.stop()
        self.start(timeout_s)

    def close(self) -> None:
        """Stop the server and, if this object created it, delete the data dir."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        self.stop()
        if self.owns_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def _kill(self) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def _finish(self) -> None:
        for thread in self._threads:
            thread.join(5)
        self._threads = []
        process = self._process
        if process is not None and process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()

    def __enter__(self) -> RunningNeo4j:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"RunningNeo4j({self.uri or 'not started'}, {state}, data_dir={self.data_dir})"


def start_jvm_neo4j(
    timeout_s: float = 180,
    *,
    port: int = 0,
    data_dir: Path | None = None,
    password: str | None = PASSWORD,
) -> RunningNeo4j:
    """Build the launcher if needed, start Neo4j and wait for it.

    `port` 0 picks a free loopback port; `restart()` then reuses the one picked. Without
    `data_dir` a temp dir is made and deleted by `close()`; a given one is left in place.
    `timeout_s` bounds the start alone; a first Maven build has its own, longer bound.
    """
    classpath = build_launcher()
    owns = data_dir is None
    directory = Path(tempfile.mkdtemp(prefix="unsilo-neo4j-")) if data_dir is None else data_dir
    server = RunningNeo4j(classpath, directory, owns_data_dir=owns, password=password, port=port)
    try:
        server.start(timeout_s)
    except BaseException:
        server.close()
        raise
    return server


def _demo() -> None:
    from neo4j import GraphDatabase

    began = time.monotonic()
    build_launcher()
    built = time.monotonic()
    print(f"launcher ready in {built - began:.1f} s")
    with start_jvm_neo4j() as server:
        print(f"Neo4j up at {server.uri} in {time.monotonic() - built:.1f} s (pid {server.pid})")
        with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            print(f"RETURN 1 -> {records[0]['one']}")
            records, _, _ = driver.execute_query("RETURN gds.version() AS version")
            print(f"gds.version() -> {records[0]['version']}")
        stopping = time.monotonic()
        server.stop()
        print(f"stopped in {time.monotonic() - stopping:.1f} s")
    print("closed; data dir removed:", not server.data_dir.exists())


if __name__ == "__main__":
    _demo()
