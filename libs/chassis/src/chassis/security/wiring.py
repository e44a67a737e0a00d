"""Everything a service wires, read once from its settings, so each service's
bootstrap needs a few lines:

    security = SecurityKit.from_env(SERVICE)                  # in bootstrap
    interceptors=[MetricsInterceptor(metrics), security.grpc_interceptor()]
    security.install_http(app)                                # after create_base_app
    security.install_log_redaction()                          # after configure_logging
    authorize_current("registry.household.read", division)    # in handlers/servicers
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chassis.security.personal_data import PersonalDataCipher, install_log_redaction
from chassis.security.policy import DEFAULT_POLICY, Policy
from chassis.security.tokens import TokenVerifier

if TYPE_CHECKING:
    from flask import Flask

    from chassis.security.grpc_auth import AuthInterceptor, TlsSettings


@dataclass(frozen=True)
class SecurityKit:
    verifier: TokenVerifier
    policy: Policy = DEFAULT_POLICY
    cipher: PersonalDataCipher | None = None
    tls: "TlsSettings | None" = None

    @classmethod
    def from_env(cls, service: str, personal_data: bool = False, policy: Policy = DEFAULT_POLICY) -> "SecurityKit":
        """`personal_data=True` for services that store ID numbers (the registry):
        they refuse to start without the PII keys; others never load them."""
        from chassis.security.grpc_auth import TlsSettings

        return cls(verifier=TokenVerifier.from_env(service), policy=policy,
                   cipher=PersonalDataCipher.from_env(service) if personal_data else None,
                   tls=TlsSettings.from_env(service))

    def grpc_interceptor(self) -> "AuthInterceptor":
        from chassis.security.grpc_auth import AuthInterceptor

        return AuthInterceptor(self.verifier)

    def install_http(self, app: "Flask") -> None:
        from chassis.security.http_auth import install_http_auth

        install_http_auth(app, self.verifier)

    @staticmethod
    def install_log_redaction() -> None:
        install_log_redaction()
