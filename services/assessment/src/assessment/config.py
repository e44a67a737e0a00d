"""Assessment settings, read once at start."""
from __future__ import annotations

from dataclasses import dataclass

from chassis.settings import CommonSettings, SettingError, env_int, env_str

SERVICE = "assessment"
HOUSEHOLD_TOPIC = "registry.household.v1"
PAIRING_TOPIC = "cadres.pairing.v1"
CADRE_TOPIC = "cadres.cadre.v1"
LEDGER_TOPIC = "funds.ledger.v1"
SCORE_TOPIC = "assessment.score.v1"
FLAG_TOPIC = "assessment.flag.v1"
CLOCK_TOPIC = "assessment.clock.v1"
CONSUMED_TOPICS = (HOUSEHOLD_TOPIC, PAIRING_TOPIC, CADRE_TOPIC, LEDGER_TOPIC, CLOCK_TOPIC)


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    # A rubric file path or the name of one shipped in assessment/rubrics (e.g. "v1").
    rubric: str = "v1"
    # How often the `clock` part publishes a tick. Deadlines are counted in
    # days, so an hour late is nothing; the tick costs a query and the
    # re-evaluation of the villages whose deadlines have passed.
    clock_interval_s: float = 3600.0

    @classmethod
    def from_env(cls) -> "Settings":
        interval = env_int(SERVICE, "CLOCK_INTERVAL_S", 3600)
        if interval <= 0:
            raise SettingError(f"SHUANGDAO_ASSESSMENT_CLOCK_INTERVAL_S must be positive, got {interval}")
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50052, http_port=8082),
                   rubric=env_str(SERVICE, "RUBRIC", "v1"), clock_interval_s=float(interval))

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name

    @property
    def consumed_topics(self) -> list[str]:
        return [self.topic(name) for name in CONSUMED_TOPICS]
