"""Assessment settings, read once at start."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.settings import CommonSettings, env_str

SERVICE = "assessment"
HOUSEHOLD_TOPIC = "registry.household.v1"
PAIRING_TOPIC = "cadres.pairing.v1"
CADRE_TOPIC = "cadres.cadre.v1"
LEDGER_TOPIC = "funds.ledger.v1"
SCORE_TOPIC = "assessment.score.v1"
FLAG_TOPIC = "assessment.flag.v1"
CONSUMED_TOPICS = (HOUSEHOLD_TOPIC, PAIRING_TOPIC, CADRE_TOPIC, LEDGER_TOPIC)


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    # A rubric file path or the name of one shipped in assessment/rubrics (e.g. "v1").
    rubric: str = "v1"

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50052, http_port=8082),
                   rubric=env_str(SERVICE, "RUBRIC", "v1"))

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name

    @property
    def consumed_topics(self) -> list[str]:
        return [self.topic(name) for name in CONSUMED_TOPICS]
