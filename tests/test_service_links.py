"""Kubernetes gives every pod `UNSILO_*` variables for a Service named `unsilo` (service
links): start-up must neither read them as settings nor refuse them."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from service.settings import Settings, SettingsError, is_service_link
from tests.test_cli_serve import free_port, wait_until_healthy

# What a pod sees for `kind: Service, name: unsilo` with a port named `http` on 8000.
INJECTED = {
    "UNSILO_SERVICE_HOST": "10.96.0.12",
    "UNSILO_SERVICE_PORT": "8000",
    "UNSILO_SERVICE_PORT_HTTP": "8000",
    "UNSILO_PORT": "tcp://10.96.0.12:8000",
    "UNSILO_PORT_8000_TCP": "tcp://10.96.0.12:8000",
    "UNSILO_PORT_8000_TCP_PROTO": "tcp",
    "UNSILO_PORT_8000_TCP_PORT": "8000",
    "UNSILO_PORT_8000_TCP_ADDR": "10.96.0.12",
}


def test_injected_variables_are_not_settings() -> None:
    assert all(is_service_link(key, value) for key, value in INJECTED.items())
    assert Settings.from_env(INJECTED) == Settings()


def test_settings_beside_them_are_still_read_and_checked() -> None:
    assert Settings.from_env({**INJECTED, "UNSILO_PORT": "9000"}).port == 9000
    with pytest.raises(SettingsError, match="UNSILO_PORT: 'eighty' is not a number"):
        Settings.from_env({**INJECTED, "UNSILO_PORT": "eighty"})
    with pytest.raises(SettingsError, match="UNSILO_SERVICE: unknown setting"):
        Settings.from_env({**INJECTED, "UNSILO_SERVICE": "x"})


def test_the_service_starts_and_stops_with_them_set(tmp_path: Path) -> None:
    port = free_port()
    store = f"sqlite:{tmp_path / 'unsilo.sqlite3'}"
    command = [sys.executable, "-m", "service.cli", "--store", store, "serve", "--port", str(port)]
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            env={"PATH": "/usr/bin:/bin", **INJECTED},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}", process, 60)
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=30)
    text = log.read_text()
    assert code == 0, text
    assert "Traceback" not in text
