"""Runs the cadres service: gRPC server, HTTP app, outbox relay and the
attendance clock in one process (`--only` picks parts, so deploy/ can scale
them separately; run one clock per deployment)."""
from __future__ import annotations

from chassis.runner import ServiceProcess, assemble, main_for

from cadres.bootstrap import Service, bootstrap
from cadres.config import SERVICE
from cadres.entrypoints import grpc_server, http_app
from cadres.entrypoints.attendance_clock import AttendanceClock

PARTS = ("grpc", "http", "relay", "clock")


def build_process(service: Service, parts: tuple[str, ...] = PARTS, host: str = "127.0.0.1") -> ServiceProcess:
    return assemble(SERVICE, service.settings.common, service.readiness, service.metrics, parts, host,
                    grpc_adders=[grpc_server.adder(service)], grpc_service_names=[grpc_server.SERVICE_NAME],
                    app_factory=lambda: http_app.create_app(service),
                    workers={"relay": service.relay.run, "clock": AttendanceClock(service).run},
                    security=service.security)


def main() -> None:
    main_for(SERVICE, PARTS, lambda parts, host: build_process(bootstrap(), parts, host))


if __name__ == "__main__":
    main()
