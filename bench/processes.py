"""The services as deploy/ runs them: each service split into processes by
`--only` (its API, its outbox relay, its consumer), so the API's threads do
not share one interpreter lock with the background work, and each process's
memory is measured on its own. The API runs as many replicas as
deploy/kubernetes/base/<service>.yaml gives it (2), each on its own port, as
pods have addresses of their own: a client that wants them all busy
balances its calls across them (gRPC's round_robin policy), as it would
across the pods behind a headless Service. Sharing one port instead
(SO_REUSEPORT) left the kernel to hash a handful of connections onto the
replicas, and now and then all of them landed on one."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from chassis.testing.processes import ServiceSubprocess

# Service -> its processes' parts, as in deploy/kubernetes/base/<service>.yaml.
# "api-2" is the API's second replica: same parts, same gRPC port.
SHAPES = {
    "registry": {"api": "grpc,http", "api-2": "grpc,http", "relay": "relay,http", "ingest": "ingest,http"},
    "assessment": {"api": "grpc,http", "api-2": "grpc,http", "relay": "relay,http", "consumer": "consumer,http"},
}


class PartsProcess(ServiceSubprocess):
    """One process of a service, running only `parts`."""

    def __init__(self, name: str, database_url: str, kafka_bootstrap: str, prefix: str, parts: str,
                 log_path: Path) -> None:
        super().__init__(name, database_url, kafka_bootstrap, prefix, log_path=log_path)
        self.parts = parts

    def start(self, timeout: float = 60.0) -> "PartsProcess":
        script = Path(sys.executable).with_name(f"shuangdao-{self.name}")
        output = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen([str(script), "--only", self.parts], env=self.env, stdout=output,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} ({self.parts}) exited with {self.process.returncode} while starting")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} ({self.parts}) was not ready in {timeout:.0f}s")
            time.sleep(0.1)
        return self

    def ready(self) -> bool:
        if "grpc" in self.parts.split(",") and not self.serving():
            return False
        try:
            with urllib.request.urlopen(f"{self.http_base}/readyz", timeout=0.5) as response:
                return response.status == 200
        except OSError:
            return False


class Service:
    """All the processes of one service; the first one (the API) migrates the
    database before the others start."""

    def __init__(self, name: str, database_url: str, kafka_bootstrap: str, prefix: str, logs: Path) -> None:
        self.name = name
        self.processes = {role: PartsProcess(name, database_url, kafka_bootstrap, prefix, parts,
                                             logs / f"{name}-{role}.log")
                          for role, parts in SHAPES[name].items()}

    def start(self) -> "Service":
        for process in self.processes.values():
            process.start()
        return self

    @property
    def grpc_target(self) -> str:
        """The first replica: enough for reads, which measure latency, not throughput."""
        return self.processes["api"].grpc_target

    @property
    def grpc_replicas(self) -> str:
        """Every replica as one gRPC target, for a round_robin channel."""
        return "ipv4:" + ",".join(p.grpc_target for role, p in self.processes.items() if role.startswith("api"))

    def peak_memory_mb(self) -> dict[str, float]:
        return {f"{self.name} {role}": p.peak_memory_bytes() / 2**20 for role, p in self.processes.items()}

    def terminate(self) -> None:
        for process in self.processes.values():
            if process.process is not None and process.process.poll() is None:
                process.terminate()
