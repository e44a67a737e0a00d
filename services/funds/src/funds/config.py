"""Funds settings, read once at start."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.settings import CommonSettings

SERVICE = "funds"


@dataclass(frozen=True)
class Settings:
    common: CommonSettings

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50053, http_port=8083))

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name
