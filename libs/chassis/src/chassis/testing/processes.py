"""A service run as operators run it (its own process, its console script),
for shutdown tests and the benchmark, which need real signals and real
process memory."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import grpc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServiceSubprocess:
    def __init__(self, name: str, database_url: str, kafka_bootstrap: str, prefix: str,
                 extra_env: dict[str, str] | None = None, log_path: Path | None = None) -> None:
        self.name = name
        self.grpc_port, self.http_port = free_port(), free_port()
        upper = name.upper()
        self.env = {**os.environ,
                    f"SHUANGDAO_{upper}_DATABASE_URL": database_url,
                    f"SHUANGDAO_{upper}_GRPC_PORT": str(self.grpc_port),
                    f"SHUANGDAO_{upper}_HTTP_PORT": str(self.http_port),
                    "SHUANGDAO_KAFKA_BOOTSTRAP": kafka_bootstrap,
                    "SHUANGDAO_TOPIC_PREFIX": prefix,
                    "SHUANGDAO_CONSUMER_GROUP": f"{prefix}{name}",
                    **(extra_env or {})}
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    def channel(self) -> grpc.Channel:
        return grpc.insecure_channel(self.grpc_target)

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self, timeout: float = 60.0) -> "ServiceSubprocess":
        script = Path(sys.executable).with_name(f"shuangdao-{self.name}")
        output = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen([str(script)], env=self.env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not self.serving():
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} while starting")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} did not start serving in {timeout:.0f}s")
        return self

    def serving(self) -> bool:
        try:
            with grpc.insecure_channel(self.grpc_target) as channel:
                grpc.channel_ready_future(channel).result(timeout=0.5)
            return True
        except grpc.FutureTimeoutError:
            return False

    def peak_memory_bytes(self) -> int:
        """VmHWM: the process's peak resident set size."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return 0

    def terminate(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
