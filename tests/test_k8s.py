"""k8s/: each overlay renders, every object passes the Kubernetes schemas (offline, strict), and
the workloads keep the security rules in tests/k8s_rules.py. No cluster, no network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import kubernetes_validate
import pytest
import yaml

from service.settings import Settings, SettingsError
from tests.image_rules import image_environment
from tests.k8s_rules import (
    ALLOWED_EGRESS,
    API_PORT,
    OVERLAYS,
    ROOT,
    Obj,
    offences,
    one,
    pod_spec,
    render,
)

# The oldest Kubernetes release still supported upstream when this was written, and the newest
# the validator ships schemas for.
KUBERNETES_VERSIONS = ("1.32.0", "1.37.0")
KINDS = {
    "ServiceAccount",
    "ConfigMap",
    "Deployment",
    "Service",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "NetworkPolicy",
    "Job",
}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_passes_the_kubernetes_schemas(overlay: str, version: str) -> None:
    objects = render(overlay)
    assert {o["kind"] for o in objects} >= KINDS
    for obj in objects:
        # Strict: an unknown or misspelled field is an error, not silently dropped.
        kubernetes_validate.validate(obj, version, strict=True)


def test_the_schema_check_refuses_a_misspelled_field() -> None:
    deployment = one(render("prod"), "Deployment")
    pod_spec(deployment)["containers"][0]["livenesProbe"] = {"httpGet": {"path": "/healthz"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSIONS[0], strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_workloads_keep_the_security_rules(overlay: str) -> None:
    objects = render(overlay)
    assert {"Deployment", "Job"} <= {o["kind"] for o in objects}
    assert offences(objects) == []


def _container(deployment: Obj) -> Obj:
    container: Obj = pod_spec(deployment)["containers"][0]
    return container


def _set(path: str, value: Any) -> Callable[[Obj], None]:
    """Sets a key in the container's (`c.`) or the pod's (`p.`) spec, dotted."""

    def change(deployment: Obj) -> None:
        target = _container(deployment) if path.startswith("c.") else pod_spec(deployment)
        *parents, last = path[2:].split(".")
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value

    return change


def _drop(key: str) -> Callable[[Obj], None]:
    return lambda deployment: _container(deployment).pop(key)


OFFENCES = {
    "runs as uid 0": (_set("c.securityContext.runAsUser", 0), "runs as root"),
    "root allowed": (_set("c.securityContext.runAsNonRoot", False), "may run as root"),
    "escalation": (_set("c.securityContext.allowPrivilegeEscalation", True), "escalation"),
    "privileged": (_set("c.securityContext.privileged", True), "is privileged"),
    "writable root": (_set("c.securityContext.readOnlyRootFilesystem", False), "writable root"),
    "adds a capability": (_set("c.securityContext.capabilities.add", ["NET_ADMIN"]), "keeps cap"),
    "keeps capabilities": (_set("c.securityContext.capabilities.drop", []), "keeps cap"),
    "no seccomp": (_set("c.securityContext.seccompProfile.type", "Unconfined"), "seccomp"),
    "no liveness": (_drop("livenessProbe"), "livenessProbe"),
    "no readiness": (_drop("readinessProbe"), "readinessProbe"),
    "no startup probe": (_drop("startupProbe"), "startupProbe"),
    "no limits": (_set("c.resources.limits", {}), "lacks cpu and memory limits"),
    "service links": (_set("p.enableServiceLinks", True), "enableServiceLinks"),
    "token": (_set("p.automountServiceAccountToken", True), "service account token"),
    "host network": (_set("p.hostNetwork", True), "host namespace"),
    "writable app dir": (_set("c.volumeMounts", [{"name": "tmp", "mountPath": "/app"}]), "/app"),
}


@pytest.mark.parametrize("name", OFFENCES)
def test_the_rules_catch_a_made_up_offence(name: str) -> None:
    change, expected = OFFENCES[name]
    objects = render("prod")
    change(one(objects, "Deployment"))
    found = offences(objects)
    assert found, name
    assert any(expected in offence for offence in found), found


def test_the_rules_check_the_job_too() -> None:
    objects = render("prod")
    job = pod_spec(one(objects, "Job"))["containers"][0]
    job["securityContext"]["runAsUser"] = 0
    del job["resources"]["limits"]
    found = offences(objects)
    assert any(o.startswith("Job/unsilo-migrate/migrate: runs as root") for o in found), found
    assert any(
        o.startswith("Job/unsilo-migrate/migrate: lacks cpu and memory limits") for o in found
    )


def test_the_rules_check_the_init_container_too() -> None:
    objects = render("prod")
    init = pod_spec(one(objects, "Deployment"))["initContainers"][0]
    init["securityContext"]["readOnlyRootFilesystem"] = False
    found = offences(objects)
    assert any(
        o.startswith("Deployment/unsilo/kernel-cache: has a writable root") for o in found
    ), found


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_kernel_cache_lands_where_the_service_reads_it(overlay: str) -> None:
    objects = render(overlay)
    deployment = one(objects, "Deployment")
    init = pod_spec(deployment)["initContainers"][0]
    config = one(objects, "ConfigMap")["data"]
    assert init["image"] == _container(deployment)["image"]
    assert init["command"] == [
        "cp", "-R", f"{image_environment()['NUMBA_CACHE_DIR']}/.", config["NUMBA_CACHE_DIR"]
    ]  # fmt: skip
    assert config["NUMBA_CACHE_DIR"].startswith("/tmp/")


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_network_policy_admits_only_the_api_port(overlay: str) -> None:
    objects = render(overlay)
    policy = one(objects, "NetworkPolicy")["spec"]
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"}
    selected = policy["podSelector"]["matchLabels"].items()
    for workload in ("Deployment", "Job"):
        assert selected <= one(objects, workload)["spec"]["template"]["metadata"]["labels"].items()
    ingress = [(p["port"], p["protocol"]) for rule in policy["ingress"] for p in rule["ports"]]
    # A rule without ports would admit every port.
    assert all(rule.get("ports") for rule in policy["ingress"])
    assert ingress == [(API_PORT, "TCP")]
    ports = _container(one(objects, "Deployment"))["ports"]
    assert [(p["containerPort"], p["protocol"]) for p in ports] == ingress
    assert all(rule.get("ports") for rule in policy["egress"])
    egress = {(p["port"], p["protocol"]) for rule in policy["egress"] for p in rule["ports"]}
    assert egress == ALLOWED_EGRESS


def test_secrets_hold_only_placeholders() -> None:
    committed = [
        doc
        for path in sorted((ROOT / "k8s").rglob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text("utf-8"))
        if doc and doc.get("kind") == "Secret"
    ]
    rendered = [o for overlay in OVERLAYS for o in render(overlay) if o["kind"] == "Secret"]
    assert committed
    assert rendered
    for secret in committed + rendered:
        assert "data" not in secret, "base64 data hides what a value is; use stringData"
        for key, value in secret["stringData"].items():
            assert value.startswith("CHANGE-ME"), f"{key} is not a placeholder"
    # Production's Secret is created in the cluster, never shipped with the manifests.
    assert not [o for o in render("prod") if o["kind"] == "Secret"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_job_runs_the_migration_with_the_api_image(overlay: str) -> None:
    objects = render(overlay)
    job = _container(one(objects, "Job"))
    api = _container(one(objects, "Deployment"))
    assert job["command"] == ["unsilo", "migrate"]
    assert api["command"] == ["unsilo", "serve"]
    assert job["image"] == api["image"]
    assert job["envFrom"] == api["envFrom"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_service_and_budget_select_the_api_pods(overlay: str) -> None:
    objects = render(overlay)
    deployment = one(objects, "Deployment")
    labels = deployment["spec"]["template"]["metadata"]["labels"].items()
    assert one(objects, "Service")["spec"]["selector"].items() <= labels
    assert one(objects, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"].items() <= labels
    spread = pod_spec(deployment)["topologySpreadConstraints"]
    assert "kubernetes.io/hostname" in {c["topologyKey"] for c in spread}
    assert all(c["labelSelector"]["matchLabels"].items() <= labels for c in spread)
    # The autoscaler alone sets the replica count (k8s/base/deployment.yaml).
    assert "replicas" not in deployment["spec"]
    target = one(objects, "HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])


def _environment(objects: list[Obj], secret: dict[str, str]) -> dict[str, str]:
    config: dict[str, str] = one(objects, "ConfigMap")["data"]
    return {**config, **secret}


def test_dev_settings_are_accepted_by_the_service() -> None:
    objects = render("dev")
    settings = Settings.from_env(_environment(objects, one(objects, "Secret")["stringData"]))
    settings.check_serving()
    assert settings.development
    assert one(objects, "HorizontalPodAutoscaler")["spec"]["minReplicas"] == 1


def test_prod_settings_are_accepted_by_the_service() -> None:
    objects = render("prod")
    # What an operator puts in the Secret (k8s/README.md).
    secret = {"UNSILO_NEO4J_PASSWORD": "pw", "UNSILO_JWT_SECRET": "s" * 32}
    settings = Settings.from_env(_environment(objects, secret))
    settings.check_serving()
    assert settings.mode == "production"
    assert settings.store.startswith("neo4j+s://")
    assert settings.jwt_issuer
    assert settings.jwt_audience
    assert one(objects, "HorizontalPodAutoscaler")["spec"]["minReplicas"] >= 3
    image = _container(one(objects, "Deployment"))["image"]
    assert not image.endswith(":latest")
    assert ":" in image
    # Without a credential source production refuses to serve: the Secret must provide one.
    with pytest.raises(SettingsError, match="needs authentication"):
        Settings.from_env(_environment(objects, {})).check_serving()


def test_the_readme_documents_the_secret() -> None:
    text = (ROOT / "k8s" / "README.md").read_text("utf-8")
    assert "create secret generic unsilo-secrets" in text
    assert "neo4j+s://" in text
