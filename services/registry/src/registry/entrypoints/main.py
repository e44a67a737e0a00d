"""Runs the registry: gRPC server, HTTP app, county-system ingest consumer and
outbox relay in one process (`--only` picks parts, so deploy/ can scale them
separately)."""
from __future__ import annotations

from chassis.runner import ServiceProcess, assemble, main_for

from registry.bootstrap import Registry, bootstrap
from registry.config import SERVICE
from registry.entrypoints import grpc_server, http_app

PARTS = ("grpc", "http", "ingest", "relay")


def build_process(registry: Registry, parts: tuple[str, ...] = PARTS, host: str = "127.0.0.1") -> ServiceProcess:
    workers = {"relay": registry.relay.run}
    if "ingest" in parts:
        from registry.entrypoints.consumer import build_consumer

        workers["ingest"] = build_consumer(registry).run
    return assemble(SERVICE, registry.settings.common, registry.readiness, registry.metrics, parts, host,
                    grpc_adders=[grpc_server.adder(registry)], grpc_service_names=[grpc_server.SERVICE_NAME],
                    app_factory=lambda: http_app.create_app(registry), workers=workers,
                    security=registry.security)


def main() -> None:
    main_for(SERVICE, PARTS, lambda parts, host: build_process(bootstrap(), parts, host))


if __name__ == "__main__":
    main()
