"""deploy/ is checked with the real tools: promtool for Prometheus config and
alert rules (including rule unit tests), kustomize + Kubernetes schemas for the
manifests, the compose-spec schema for the Compose file, and consistency
checks that every metric a dashboard or alert reads is one the services export."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from chassis.db import make_engine
from chassis.metrics import ServiceMetrics, track_pool

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SERVICES = ["registry", "assessment", "funds", "cadres"]


def tool(name: str) -> str:
    for candidate in (os.environ.get(f"SHUANGDAO_{name.upper()}"), str(ROOT / ".cache" / "bin" / name),
                      shutil.which(name)):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(f"{name} is not installed: `make tools` installs it", pytrace=False)


def run(*args: str) -> str:
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_prometheus_config_and_alert_rules_pass_promtool() -> None:
    promtool = tool("promtool")
    run(promtool, "check", "config", str(DEPLOY / "prometheus" / "prometheus.yml"))
    run(promtool, "check", "rules", str(DEPLOY / "prometheus" / "alerts.yml"))


def test_each_alert_fires_on_the_series_that_should_raise_it_and_only_those() -> None:
    run(tool("promtool"), "test", "rules", str(DEPLOY / "prometheus" / "alerts-test.yml"))


def test_the_kubernetes_scrape_config_keeps_annotated_pods_and_loads_the_same_rules() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus-kubernetes.yml").read_text())
    assert config["rule_files"] == ["alerts.yml"]
    [job] = config["scrape_configs"]
    assert job["kubernetes_sd_configs"][0]["role"] == "pod"
    assert {"action": "keep", "regex": "true",
            "source_labels": ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"]} in job["relabel_configs"]


def kustomize_build(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(run(tool("kustomize"), "build", str(path))) if d]


@pytest.mark.parametrize("variant", ["base", "overlays/production"])
def test_the_kubernetes_manifests_build_and_match_the_kubernetes_schemas(variant: str) -> None:
    documents = kustomize_build(DEPLOY / "kubernetes" / variant)
    assert documents
    for document in documents:
        kubernetes_validate.validate(document, "1.37.0", strict=True)


def test_every_service_has_api_and_relay_deployments_probes_a_service_and_an_hpa() -> None:
    documents = kustomize_build(DEPLOY / "kubernetes" / "overlays" / "production")
    by_kind: dict[str, dict[str, dict[str, Any]]] = {}
    for document in documents:
        by_kind.setdefault(document["kind"], {})[document["metadata"]["name"]] = document
    for name in SERVICES:
        api = by_kind["Deployment"][f"{name}-api"]["spec"]["template"]["spec"]["containers"][0]
        assert api["livenessProbe"]["grpc"]["port"] == api["ports"][1]["containerPort"]
        assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert f"{name}-relay" in by_kind["Deployment"]
        assert by_kind["HorizontalPodAutoscaler"][f"{name}-api"]["spec"]["minReplicas"] == 3
        assert name in by_kind["Service"]
    assert "kafka-topics" in by_kind["Job"]


def test_the_portal_reaches_every_api_pod_through_a_headless_service_and_keeps_a_shared_session_secret() -> None:
    documents = kustomize_build(DEPLOY / "kubernetes" / "overlays" / "production")
    [portal] = [d for d in documents if d["kind"] == "Deployment" and d["metadata"]["name"] == "portal-web"]
    container = portal["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e for e in container["env"]}
    services = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Service"}
    for name in SERVICES:
        # Through the headless Service, so the portal's calls spread over every API pod.
        target = env[f"SHUANGDAO_PORTAL_{name.upper()}_TARGET"]["value"]
        host, port = target.removeprefix("dns:///").split(":")
        assert target.startswith("dns:///") and host == f"{name}-grpc.shuangdao.svc.cluster.local"
        headless = services[f"{name}-grpc"]["spec"]
        assert headless["clusterIP"] == "None" and headless["selector"] == services[name]["spec"]["selector"]
        assert int(port) in [p["port"] for p in headless["ports"] if p["name"] == "grpc"]
    assert env["SHUANGDAO_PORTAL_SESSION_SECRET"]["valueFrom"]["secretKeyRef"]["name"] == "shuangdao-portal"
    assert env["SHUANGDAO_PORTAL_COOKIE_SECURE"]["value"] == "true"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert "portal" in services


def test_every_deployment_runs_only_parts_its_service_has() -> None:
    for document in kustomize_build(DEPLOY / "kubernetes" / "base"):
        if document["kind"] != "Deployment":
            continue
        command = document["spec"]["template"]["spec"]["containers"][0]["command"]
        service = command[0].removeprefix("shuangdao-")
        main = __import__(f"{service}.entrypoints.main", fromlist=["main"])
        if "--only" not in command:
            # Only a service of one part (the portal: a web app) runs whole.
            assert not hasattr(main, "PARTS"), f"{document['metadata']['name']} must name the parts it runs"
            continue
        parts = command[command.index("--only") + 1].split(",")
        known = main.PARTS
        assert set(parts) <= set(known), f"{document['metadata']['name']} asks for {parts}, {service} has {known}"


def test_the_compose_file_matches_the_compose_specification() -> None:
    run(str(ROOT / ".venv" / "bin" / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
        str(DEPLOY / "compose" / "compose.yaml"))


def test_compose_runs_every_service_against_its_own_database() -> None:
    compose = yaml.safe_load((DEPLOY / "compose" / "compose.yaml").read_text())
    for name in SERVICES:
        url = compose["services"][name]["environment"]["SHUANGDAO_DATABASE_URL"]
        assert url.endswith(f"/{name}")
    assert {"kafka", "postgres", "prometheus", "grafana", "topics"} <= set(compose["services"])


def domain_gauge_names() -> set[str]:
    """Gauges the services register on top of the chassis ones (`track_counts`)."""
    sources = "\n".join(p.read_text() for p in (ROOT / "services").glob("*/src/*/**/*.py"))
    return set(re.findall(r'track_counts\(\s*"([a-z_]+)"', sources))


def exported_metric_names() -> set[str]:
    names = {"up"} | domain_gauge_names()
    metrics = ServiceMetrics("any")
    track_pool(metrics, make_engine("sqlite://").pool)
    for family in metrics.registry.collect():
        names.add(family.name)
        names.update(sample.name for sample in family.samples)
        if family.type == "histogram":
            names.update(f"{family.name}_{suffix}" for suffix in ("bucket", "count", "sum"))
        if family.type == "counter":
            names.add(f"{family.name}_total")
    return names


METRIC = re.compile(r"\b((?:shuangdao_|grpc_server_|http_request|kafka_consumergroup_)[a-z_]*)\b")


def test_every_metric_the_dashboard_and_alerts_read_is_exported_by_the_services() -> None:
    exported = exported_metric_names()
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "shuangdao-overview.json").read_text())
    expressions = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    expressions += [r["expr"] for g in rules["groups"] for r in g["rules"]]
    used = {name for expr in expressions for name in METRIC.findall(expr)}
    assert used, "no metric found in the expressions"
    assert {"shuangdao_households", "shuangdao_scores", "shuangdao_open_flags"} <= domain_gauge_names()
    assert used <= exported, f"not exported: {sorted(used - exported)}"
