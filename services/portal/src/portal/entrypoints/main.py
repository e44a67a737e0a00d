"""Runs the portal: the Flask app on SHUANGDAO_PORTAL_HTTP_PORT (default 8080).
The portal has no gRPC server, no database and no Kafka."""
from __future__ import annotations

import argparse

from chassis.runner import ServiceProcess

from portal.bootstrap import Portal, bootstrap
from portal.config import SERVICE
from portal.entrypoints.web import create_app


def build_process(portal: Portal, host: str = "127.0.0.1") -> ServiceProcess:
    return ServiceProcess(name=SERVICE, grpc_server=None, health=None, grpc_service_names=[],
                          app=create_app(portal), http_host=host, http_port=portal.settings.http_port,
                          readiness=portal.readiness)


def main() -> None:
    from chassis.logging import configure_logging
    from chassis.security.personal_data import install_log_redaction

    parser = argparse.ArgumentParser(description="Shuangdao supervision portal")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    configure_logging(SERVICE)
    install_log_redaction()
    portal = bootstrap()
    try:
        build_process(portal, args.host).serve_until_signalled()
    finally:
        portal.close()


if __name__ == "__main__":
    main()
