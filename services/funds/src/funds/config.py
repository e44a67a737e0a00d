"""Funds settings, read once at start."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.settings import CommonSettings, env_int

SERVICE = "funds"
LEDGER_TOPIC = "funds.ledger.v1"
# DOMAIN.md: allocated funds idle for more than 90 days raise a flag (default).
DEFAULT_IDLE_DAYS = 90


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    idle_days: int = DEFAULT_IDLE_DAYS

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50053, http_port=8083),
                   idle_days=env_int(SERVICE, "IDLE_DAYS", DEFAULT_IDLE_DAYS))

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name
