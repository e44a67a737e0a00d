"""Cadres settings, read once at start. The attendance rules the domain marks
*default* are configurable here."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from chassis.settings import CommonSettings, SettingError, env_int, env_str

from cadres.domain.calendar import WorkCalendar

SERVICE = "cadres"
PAIRING_TOPIC = "cadres.pairing.v1"
CADRE_TOPIC = "cadres.cadre.v1"
DEFAULT_PROVINCE = "440000000000"  # Guangdong, the province of the case study


@dataclass(frozen=True)
class Rules:
    # At most this many cadres stationed in one village at once (the programme: one).
    max_stationed_cadres_per_village: int = 1
    calendar: WorkCalendar = field(default_factory=WorkCalendar)


def _dates(name: str, raw: str) -> frozenset[date]:
    found: set[date] = set()
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            found.add(date.fromisoformat(item))
        except ValueError as exc:
            raise SettingError(f"SHUANGDAO_CADRES_{name} must list dates YYYY-MM-DD, got {item!r}") from exc
    return frozenset(found)


def rules_from_env() -> Rules:
    most = env_int(SERVICE, "MAX_STATIONED_CADRES_PER_VILLAGE", 1)
    if most < 1:
        raise SettingError("SHUANGDAO_CADRES_MAX_STATIONED_CADRES_PER_VILLAGE must be at least 1")
    calendar = WorkCalendar(
        public_holidays=_dates("PUBLIC_HOLIDAYS", env_str(SERVICE, "PUBLIC_HOLIDAYS", "")),
        working_weekend_days=_dates("WORKING_WEEKEND_DAYS", env_str(SERVICE, "WORKING_WEEKEND_DAYS", "")))
    return Rules(max_stationed_cadres_per_village=most, calendar=calendar)


def province_from_env() -> str:
    code = env_str(SERVICE, "PROVINCE", DEFAULT_PROVINCE)
    if not (len(code) == 12 and code.isdigit() and code[:2] != "00" and code[2:] == "0" * 10):
        raise SettingError(f"SHUANGDAO_CADRES_PROVINCE must be a 12-digit province code, got {code!r}")
    return code


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    rules: Rules = field(default_factory=Rules)
    # How often the attendance clock looks whether a month has closed.
    attendance_clock_seconds: int = 60
    # The province whose office owns support units not (yet) paired with a village.
    province: str = DEFAULT_PROVINCE

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(common=CommonSettings.from_env(SERVICE, grpc_port=50054, http_port=8084),
                   rules=rules_from_env(),
                   attendance_clock_seconds=env_int(SERVICE, "ATTENDANCE_CLOCK_SECONDS", 60),
                   province=province_from_env())

    def topic(self, name: str) -> str:
        return self.common.topic_prefix + name
