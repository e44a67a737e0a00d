"""Runs the funds service: gRPC server, HTTP app and outbox relay in one
process (`--only` picks parts, so deploy/ can scale them separately)."""
from __future__ import annotations

from chassis.runner import ServiceProcess, assemble, main_for

from funds.bootstrap import Funds, bootstrap
from funds.config import SERVICE
from funds.entrypoints import grpc_server, http_app

PARTS = ("grpc", "http", "relay")


def build_process(funds: Funds, parts: tuple[str, ...] = PARTS, host: str = "127.0.0.1") -> ServiceProcess:
    return assemble(SERVICE, funds.settings.common, funds.readiness, funds.metrics, parts, host,
                    grpc_adders=[grpc_server.adder(funds)], grpc_service_names=[grpc_server.SERVICE_NAME],
                    app_factory=lambda: http_app.create_app(funds), workers={"relay": funds.relay.run},
                    security=funds.security)


def main() -> None:
    main_for(SERVICE, PARTS, lambda parts, host: build_process(bootstrap(), parts, host))


if __name__ == "__main__":
    main()
