"""`make run`: the whole system on one machine. Starts a local broker, creates
the topics, runs every service as its own process on the embedded default
(SQLite files under var/), prints where each listens, and on Ctrl-C stops the
services (SIGTERM, so they drain) and then the broker."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from devstack import kafka, topics
from devstack.common import DevstackError, log
from devstack.paths import deploy_file, repo_root, var_root

BROKER_NAME = "dev"
READY_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Endpoint:
    name: str
    grpc_port: int
    http_port: int


# Port plan of the embedded default; the README quotes it.
PORTS = {"registry": (50051, 8081), "assessment": (50052, 8082), "funds": (50053, 8083), "cadres": (50054, 8084),
         "portal": (50055, 8080)}


def endpoints(services: list[str]) -> list[Endpoint]:
    unknown = [s for s in services if s not in PORTS]
    if unknown:
        raise DevstackError(f"no port plan for service(s): {', '.join(unknown)}")
    return [Endpoint(s, *PORTS[s]) for s in services]


def _service_command(name: str) -> list[str]:
    script = Path(sys.executable).with_name(f"shuangdao-{name}")
    return [str(script)] if script.exists() else [sys.executable, "-m", f"{name}.entrypoints.main"]


def development_keys() -> dict[str, str]:
    """Token-verification and personal-data keys under var/keys (made once,
    kept afterwards: new personal-data keys would make stored IDs unreadable)."""
    keys = var_root() / "keys"
    subprocess.run([sys.executable, "-m", "chassis.security.keys", "dev", "--out", str(keys)], check=True,
                   stdout=subprocess.DEVNULL)
    settings = {}
    for line in (keys / "dev.env").read_text().splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.startswith("#"):
            settings[name.strip()] = value.strip()
    return settings


def _start_service(endpoint: Endpoint, bootstrap: str, logs: Path, keys: dict[str, str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, **keys}
    env.setdefault("SHUANGDAO_KAFKA_BOOTSTRAP", bootstrap)
    env[f"SHUANGDAO_{endpoint.name.upper()}_GRPC_PORT"] = str(endpoint.grpc_port)
    env[f"SHUANGDAO_{endpoint.name.upper()}_HTTP_PORT"] = str(endpoint.http_port)
    if endpoint.name == "portal":
        env.update(_portal_settings())
    out = open(logs / f"{endpoint.name}.log", "ab")
    return subprocess.Popen(_service_command(endpoint.name), cwd=repo_root(), env=env, stdout=out,
                            stderr=subprocess.STDOUT)


def _portal_settings() -> dict[str, str]:
    """The portal of `make run` offers the development sign-in (a role and a
    division, signed with the development key), so the Sanpai demo can be
    explored without minting tokens by hand. Deployments never set it."""
    key = var_root() / "keys" / "jwt-private.pem"
    return {"SHUANGDAO_PORTAL_DEV_SIGNIN_KEY": str(key)} if key.is_file() else {}


def _ready(endpoint: Endpoint) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{endpoint.http_port}/readyz", timeout=1) as response:
            return response.status == 200
    except Exception:
        return False


def _wait_all_ready(running: dict[str, subprocess.Popen[bytes]], ends: list[Endpoint], logs: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    pending = {e.name: e for e in ends}
    while pending and time.monotonic() < deadline:
        for name, endpoint in list(pending.items()):
            if running[name].poll() is not None:
                raise DevstackError(f"{name} exited with {running[name].returncode}; see {logs / (name + '.log')}")
            if _ready(endpoint):
                del pending[name]
        time.sleep(0.2)
    if pending:
        raise DevstackError(f"not ready after {READY_TIMEOUT_S:.0f}s: {', '.join(pending)}; see {logs}")


def _stop(running: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in running.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for name, process in running.items():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            log(f"{name} did not stop in time; killing it")
            process.kill()


def load_demo(ends: list[Endpoint]) -> str:
    """The Sanpai story, once per var/ (a second run keeps what is there);
    returns what it came to, for the table."""
    from devstack import demo

    targets = {e.name: f"127.0.0.1:{e.grpc_port}" for e in ends}
    key = var_root() / "keys" / "jwt-private.pem"
    marker = var_root() / "sanpai-demo.loaded"
    if marker.exists():
        log("Sanpai demo already loaded (delete var/ to start afresh)")
    else:
        demo.load(targets, key, log)
        marker.write_text("loaded\n")
    return demo.summary(targets["assessment"], key)


def run(services: list[str], kafka_port: int, keep_broker: bool = False, with_demo: bool = True) -> int:
    ends = endpoints(services)
    bootstrap = kafka.ensure_broker(BROKER_NAME, kafka_port)
    topics.create_topics(bootstrap, deploy_file("kafka", "topics.yaml"))
    logs = var_root() / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    keys = development_keys()
    running: dict[str, subprocess.Popen[bytes]] = {}
    stop_requested = False

    def _on_signal(_signum: int, _frame: object) -> None:
        nonlocal stop_requested
        stop_requested = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        for endpoint in ends:
            running[endpoint.name] = _start_service(endpoint, bootstrap, logs, keys)
        _wait_all_ready(running, ends, logs)
        story = ""
        if with_demo and {"registry", "cadres", "funds", "assessment"} <= set(running):
            story = load_demo(ends)
        _print_table(ends, bootstrap, logs)
        if story:
            print(f"The Sanpai story (see README.md, 'See the Sanpai story', for more):\n{story}\n", flush=True)
        while not stop_requested:
            for name, process in running.items():
                if process.poll() is not None:
                    raise DevstackError(f"{name} exited with {process.returncode}; see {logs / (name + '.log')}")
            time.sleep(0.5)
        log("stopping services")
        return 0
    finally:
        _stop(running)
        if not keep_broker:
            kafka.stop_broker(BROKER_NAME)
        log("stopped")


def _print_table(ends: list[Endpoint], bootstrap: str, logs: Path) -> None:
    print("\nShuangdao is running (Ctrl-C stops everything):\n", flush=True)
    print(f"  {'service':<12}{'gRPC':<20}HTTP (JSON, /healthz, /readyz, /metrics)")
    for e in ends:
        grpc = "-" if e.name == "portal" else f"127.0.0.1:{e.grpc_port}"
        print(f"  {e.name:<12}{grpc:<20}http://127.0.0.1:{e.http_port}")
    if any(e.name == "portal" for e in ends):
        port = PORTS["portal"][1]
        print(f"\n  Supervision portal: http://127.0.0.1:{port}/ (development sign-in: "
              f"http://127.0.0.1:{port}/dev-signin)")
    print(f"\n  Kafka bootstrap {bootstrap}; data under {var_root()}; logs in {logs}\n", flush=True)
