"""Assessment settings, read once at start."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.settings import CommonSettings

SERVICE = "assessment"
HOUSEHOLD_TOPIC = "registry.household.v1"


@dataclass(frozen=True)
class Settings:
    common: CommonSettings

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50052, http_port=8082))

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name

    @property
    def consumed_topics(self) -> list[str]:
        return [self.topic(HOUSEHOLD_TOPIC)]
