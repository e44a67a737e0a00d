"""Runs a service's parts (gRPC server, HTTP app, consumers, relay) together and
shuts them down in the right order on SIGTERM: readiness goes false first, then
servers stop taking requests and finish in-flight ones, then consumers commit
and the relay flushes its producer."""
from __future__ import annotations

import gc
import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import grpc
from flask import Flask
from grpc_health.v1 import health
from werkzeug.serving import BaseWSGIServer, make_server

from chassis.grpc_server import set_serving
from chassis.readiness import Readiness

if TYPE_CHECKING:
    from chassis.metrics import ServiceMetrics
    from chassis.security.wiring import SecurityKit
    from chassis.settings import CommonSettings

log = logging.getLogger(__name__)

Worker = Callable[[threading.Event], None]


@dataclass
class ServiceProcess:
    name: str
    grpc_server: grpc.Server | None
    health: health.HealthServicer | None
    grpc_service_names: list[str]
    app: Flask | None
    http_host: str
    http_port: int
    readiness: Readiness
    workers: dict[str, Worker] = field(default_factory=dict)
    drain_seconds: float = 0.5
    grace_seconds: float = 10.0
    stop_event: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _http: BaseWSGIServer | None = None
    http_bound_port: int = 0
    grpc_bound_port: int = 0

    def start(self) -> None:
        if self.grpc_server is not None:
            self.grpc_server.start()
        if self.app is not None:
            self._http = make_server(self.http_host, self.http_port, self.app, threaded=True)
            self.http_bound_port = self._http.server_port
            self._spawn("http", lambda _stop: self._http.serve_forever())  # type: ignore[union-attr]
        for worker_name, worker in self.workers.items():
            self._spawn(worker_name, worker)

    def _spawn(self, worker_name: str, target: Worker) -> None:
        thread = threading.Thread(target=target, args=(self.stop_event,), name=f"{self.name}-{worker_name}",
                                  daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        log.info("shutting down", extra={"fields": {"service": self.name}})
        self.readiness.shutting_down = True
        if self.health is not None:
            set_serving(self.health, self.grpc_service_names, False)
        # Give load balancers a moment to see readiness drop before refusing work.
        self.stop_event.wait(self.drain_seconds)
        if self.grpc_server is not None:
            self.grpc_server.stop(grace=self.grace_seconds).wait()
        if self._http is not None:
            self._http.shutdown()
        self.stop_event.set()
        for thread in self._threads:
            thread.join(timeout=self.grace_seconds)
        log.info("stopped", extra={"fields": {"service": self.name}})

    def serve_until_signalled(self) -> None:
        done = threading.Event()

        def _on_signal(signum: int, _frame: Any) -> None:
            log.info("received signal %s", signal.Signals(signum).name)
            done.set()

        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)
        self.start()
        done.wait()
        self.stop()


def assemble(name: str, common: "CommonSettings", readiness: Readiness, metrics: "ServiceMetrics",
             parts: tuple[str, ...], host: str, grpc_adders: list[Callable[[grpc.Server], None]],
             grpc_service_names: list[str], app_factory: Callable[[], Flask],
             workers: dict[str, Worker], security: "SecurityKit") -> ServiceProcess:
    """A ServiceProcess with only the parts asked for (`--only grpc,http`, ...).
    Every API part authenticates its callers; health, reflection and probes stay open."""
    from chassis.grpc_server import build_server
    from chassis.security.grpc_auth import bind_port

    server = health = None
    grpc_port = 0
    if "grpc" in parts:
        server, health, grpc_port = build_server(
            grpc_adders, grpc_service_names, common.grpc_port, metrics, host=host,
            interceptors=[security.grpc_interceptor()],
            bind=lambda srv, address: bind_port(srv, address, security.tls))
    app = None
    if "http" in parts:
        app = app_factory()
        security.install_http(app)
    return ServiceProcess(
        name=name, grpc_server=server, health=health, grpc_service_names=grpc_service_names,
        app=app, http_host=host, http_port=common.http_port,
        readiness=readiness, workers={k: w for k, w in workers.items() if k in parts},
        grpc_bound_port=grpc_port)


def main_for(name: str, parts: tuple[str, ...],
             build: Callable[[tuple[str, ...], str], ServiceProcess]) -> None:
    """The body of every service's `main()`: parse `--only/--host`, log as JSON, serve."""
    import argparse

    from chassis.logging import configure_logging

    parser = argparse.ArgumentParser(description=f"Shuangdao {name} service")
    parser.add_argument("--only", default=",".join(parts), help=f"comma-separated parts of {parts}")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    chosen = tuple(p for p in args.only.split(",") if p)
    unknown = sorted(set(chosen) - set(parts))
    if unknown:
        parser.error(f"unknown part(s) {unknown}; choose from {parts}")
    configure_logging(name)
    from chassis.security.personal_data import install_log_redaction

    install_log_redaction()
    process = build(chosen, args.host)
    # What start-up built (modules, tables, compiled statements) lives as long
    # as the process: frozen out of the collector's view, a full collection,
    # which pauses every request thread, walks only what requests allocate.
    gc.freeze()
    process.serve_until_signalled()
