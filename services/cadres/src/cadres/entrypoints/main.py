"""Runs the cadres service: gRPC server (health and reflection until its API
lands), HTTP app and outbox relay."""
from __future__ import annotations

from chassis.http import create_base_app
from chassis.runner import ServiceProcess, assemble, main_for

from cadres.bootstrap import Service, bootstrap
from cadres.config import SERVICE

PARTS = ("grpc", "http", "relay")


def build_process(service: Service, parts: tuple[str, ...] = PARTS, host: str = "127.0.0.1") -> ServiceProcess:
    return assemble(SERVICE, service.settings.common, service.readiness, service.metrics, parts, host,
                    grpc_adders=[], grpc_service_names=[],
                    app_factory=lambda: create_base_app(SERVICE, service.metrics, service.readiness),
                    workers={"relay": service.relay.run})


def main() -> None:
    main_for(SERVICE, PARTS, lambda parts, host: build_process(bootstrap(), parts, host))


if __name__ == "__main__":
    main()
