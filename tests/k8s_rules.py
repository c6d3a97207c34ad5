"""Rendering k8s/ with kustomize, and the security rules every rendered workload must keep."""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
OVERLAYS = ("dev", "prod")
API_PORT = 8000
# Egress the pods need: Neo4j's Bolt port and DNS.
ALLOWED_EGRESS = {(7687, "TCP"), (53, "UDP"), (53, "TCP")}
WORKLOADS = ("Deployment", "Job")

Obj = dict[str, Any]


def kustomize() -> Path:
    """The binary `make test` builds (Makefile: KUSTOMIZE); a missing one fails, never skips."""
    given = os.environ.get("KUSTOMIZE")
    found = [Path(given)] if given else sorted(ROOT.glob(".tools/kustomize-*/kustomize"))
    if not found or not found[-1].is_file():
        pytest.fail("kustomize is not built: run `make test` (it builds .tools/kustomize-*)")
    return found[-1]


@functools.cache
def _rendered(overlay: str) -> str:
    result = subprocess.run(
        [str(kustomize()), "build", str(ROOT / "k8s" / overlay)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def render(overlay: str) -> list[Obj]:
    """A fresh copy each call: tests may change what they get."""
    return [doc for doc in yaml.safe_load_all(_rendered(overlay)) if doc]


def one(objects: list[Obj], kind: str) -> Obj:
    found = [o for o in objects if o["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def pod_spec(obj: Obj) -> Obj:
    spec: Obj = obj["spec"]["template"]["spec"]
    return spec


def _effective(pod: Obj, container: Obj, key: str) -> Any:
    """A container's security setting, falling back to the pod's as Kubernetes does."""
    own = container.get("securityContext", {})
    return own[key] if key in own else pod.get("securityContext", {}).get(key)


def offences(objects: list[Obj]) -> list[str]:
    """Every breach of the workload rules, as `kind/name/container: what`; empty when none."""
    found: list[str] = []
    for obj in objects:
        if obj["kind"] not in WORKLOADS:
            continue
        pod = pod_spec(obj)
        where = f"{obj['kind']}/{obj['metadata']['name']}"
        if pod.get("enableServiceLinks") is not False:
            found.append(f"{where}: enableServiceLinks is not false")
        if pod.get("automountServiceAccountToken") is not False:
            found.append(f"{where}: mounts a service account token")
        if pod.get("hostNetwork") or pod.get("hostPID") or pod.get("hostIPC"):
            found.append(f"{where}: shares a host namespace")
        for container in pod.get("initContainers", []):
            found += [f"{where}/{container['name']}: {o}" for o in _container(pod, container)]
        for container in pod["containers"]:
            problems = _container(pod, container)
            if obj["kind"] == "Deployment":
                problems += _probes(container)
            found += [f"{where}/{container['name']}: {o}" for o in problems]
    return found


def _container(pod: Obj, container: Obj) -> list[str]:
    found: list[str] = []
    own = container.get("securityContext", {})
    if _effective(pod, container, "runAsNonRoot") is not True:
        found.append("may run as root (runAsNonRoot is not true)")
    if _effective(pod, container, "runAsUser") in (0, None):
        found.append("runs as root or as the image's default user (runAsUser)")
    if own.get("allowPrivilegeEscalation") is not False:
        found.append("allows privilege escalation")
    if own.get("privileged"):
        found.append("is privileged")
    if own.get("readOnlyRootFilesystem") is not True:
        found.append("has a writable root filesystem")
    capabilities = own.get("capabilities", {})
    if "ALL" not in capabilities.get("drop", []) or capabilities.get("add"):
        found.append("keeps capabilities (drop ALL, add none)")
    seccomp = _effective(pod, container, "seccompProfile") or {}
    if seccomp.get("type") != "RuntimeDefault":
        found.append("has no RuntimeDefault seccomp profile")
    resources = container.get("resources", {})
    for bound in ("requests", "limits"):
        if not {"cpu", "memory"} <= set(resources.get(bound, {})):
            found.append(f"lacks cpu and memory {bound}")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for mount in container.get("volumeMounts", []):
        # Writable space only where the service writes, and bounded.
        volume = volumes[mount["name"]]
        if "emptyDir" in volume and mount["mountPath"] != "/tmp":
            found.append(f"writes to {mount['mountPath']}, not /tmp")
        if "emptyDir" in volume and "sizeLimit" not in volume["emptyDir"]:
            found.append(f"has an unbounded emptyDir {volume['name']}")
    return found


def _probes(container: Obj) -> list[str]:
    """A serving container's probes (init containers have none: Kubernetes refuses them)."""
    found: list[str] = []
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        if container.get(probe, {}).get("httpGet", {}).get("path") != path:
            found.append(f"lacks a {probe} on {path}")
    if "startupProbe" not in container:
        found.append("lacks a startupProbe")
    return found
