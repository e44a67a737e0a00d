"""The one place the portal is wired: token verifier, one channel and gateway
per service, the thread pool pages fan out on, metrics and readiness."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from chassis.metrics import ServiceMetrics
from chassis.readiness import Readiness
from chassis.security.grpc_auth import TlsSettings, open_channel
from chassis.security.tokens import TokenIssuer, TokenVerifier, load_private_key

from portal.adapters.gateways import AssessmentGateway, CadresGateway, FundsGateway, RegistryGateway
from portal.config import SERVICE, Settings
from portal.service_layer.fan_out import THREAD_PREFIX


@dataclass
class Portal:
    settings: Settings
    verifier: TokenVerifier
    registry: RegistryGateway
    assessment: AssessmentGateway
    cadres: CadresGateway
    funds: FundsGateway
    executor: ThreadPoolExecutor
    metrics: ServiceMetrics
    readiness: Readiness
    channels: dict[str, grpc.Channel]
    dev_issuer: TokenIssuer | None = None

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        for channel in self.channels.values():
            channel.close()


def serving(channel: grpc.Channel, timeout: float = 1.0) -> bool:
    answer = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=timeout)
    return answer.status == health_pb2.HealthCheckResponse.SERVING


def bootstrap(settings: Settings | None = None, verifier: TokenVerifier | None = None) -> Portal:
    settings = settings or Settings.from_env()
    tls = TlsSettings.from_env(SERVICE)
    channels = {name: open_channel(target, tls) for name, target in settings.targets.items()}
    readiness = Readiness()
    for name, channel in channels.items():
        readiness.add(name, lambda channel=channel: serving(channel))  # type: ignore[misc]
    dev_issuer = None
    if settings.dev_signin_key is not None:
        dev_issuer = TokenIssuer(load_private_key(settings.dev_signin_key.read_bytes()))
    return Portal(settings=settings, verifier=verifier or TokenVerifier.from_env(SERVICE),
                  registry=RegistryGateway(channels["registry"]), assessment=AssessmentGateway(channels["assessment"]),
                  cadres=CadresGateway(channels["cadres"]), funds=FundsGateway(channels["funds"]),
                  executor=ThreadPoolExecutor(settings.fan_out_threads, thread_name_prefix=THREAD_PREFIX),
                  metrics=ServiceMetrics(SERVICE), readiness=readiness, channels=channels, dev_issuer=dev_issuer)
