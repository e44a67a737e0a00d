"""Cadres settings, read once at start."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.settings import CommonSettings

SERVICE = "cadres"


@dataclass(frozen=True)
class Settings:
    common: CommonSettings

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50054, http_port=8084))

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name
