"""Runs the assessment: gRPC server, HTTP app, event consumer, outbox relay and
the province's clock in one process (`--only` picks parts, so deploy/ can
scale them separately)."""
from __future__ import annotations

from chassis.runner import ServiceProcess, assemble, main_for

from assessment.bootstrap import Assessment, bootstrap
from assessment.config import SERVICE
from assessment.entrypoints import grpc_server, http_app
from assessment.entrypoints.clock import ClockPublisher
from assessment.entrypoints.consumer import build_consumer

PARTS = ("grpc", "http", "consumer", "relay", "clock")


def build_process(assessment: Assessment, parts: tuple[str, ...] = PARTS,
                  host: str = "127.0.0.1") -> ServiceProcess:
    workers = {"relay": assessment.relay.run, "clock": ClockPublisher(assessment.settings).run}
    if "consumer" in parts:
        workers["consumer"] = build_consumer(assessment).run
    return assemble(SERVICE, assessment.settings.common, assessment.readiness, assessment.metrics, parts, host,
                    grpc_adders=[grpc_server.adder(assessment)], grpc_service_names=[grpc_server.SERVICE_NAME],
                    app_factory=lambda: http_app.create_app(assessment), workers=workers,
                    security=assessment.security)


def main() -> None:
    main_for(SERVICE, PARTS, lambda parts, host: build_process(bootstrap(), parts, host))


if __name__ == "__main__":
    main()
