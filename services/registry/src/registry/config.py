"""Registry settings, read once at start."""
from __future__ import annotations

from dataclasses import dataclass, field

from chassis.settings import CommonSettings, SettingError, env_int

from registry.domain.batch import DEFAULT_MAX_BATCH
from registry.domain.rules import Rules

SERVICE = "registry"
HOUSEHOLD_TOPIC = "registry.household.v1"
SUBMISSION_TOPIC = "registry.submission.v1"
RESULT_TOPIC = "registry.submission-result.v1"


def rules_from_env() -> Rules:
    """SHUANGDAO_REGISTRY_POVERTY_LINE_FEN, _EXIT_LINE_FEN, _SHARP_DROP_PERCENT,
    _EDGE_MARGIN_PERCENT, _NOTICE_DAYS (DOMAIN.md marks them *default*)."""
    d = Rules()
    rules = Rules(poverty_line_fen=env_int(SERVICE, "POVERTY_LINE_FEN", d.poverty_line_fen),
                  exit_line_fen=env_int(SERVICE, "EXIT_LINE_FEN", d.exit_line_fen),
                  sharp_drop_percent=env_int(SERVICE, "SHARP_DROP_PERCENT", d.sharp_drop_percent),
                  edge_margin_percent=env_int(SERVICE, "EDGE_MARGIN_PERCENT", d.edge_margin_percent),
                  notice_days=env_int(SERVICE, "NOTICE_DAYS", d.notice_days))
    if not (0 < rules.poverty_line_fen <= rules.exit_line_fen and 0 < rules.sharp_drop_percent <= 100
            and rules.edge_margin_percent >= 0 and rules.notice_days >= 0):
        raise SettingError(f"inconsistent registry rules: {rules}")
    return rules


def max_batch_from_env() -> int:
    value = env_int(SERVICE, "MAX_BATCH", DEFAULT_MAX_BATCH)
    if not 1 <= value <= 10_000:
        raise SettingError(f"SHUANGDAO_REGISTRY_MAX_BATCH must be between 1 and 10000, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    rules: Rules = field(default_factory=rules_from_env)
    # Most households one RegisterHouseholds call may carry (SHUANGDAO_REGISTRY_MAX_BATCH):
    # bounds a request's memory and its transaction's length.
    max_batch: int = field(default_factory=max_batch_from_env)

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50051, http_port=8081))

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name
