"""Settings read once from the environment.

Every service reads `SHUANGDAO_<SERVICE>_<NAME>` first and falls back to the
shared `SHUANGDAO_<NAME>`, so one environment can hold a whole deployment.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class SettingError(ValueError):
    """A setting is present but malformed; refuse to start rather than guess."""


def _lookup(service: str, name: str) -> str | None:
    specific = os.environ.get(f"SHUANGDAO_{service.upper()}_{name}")
    return specific if specific is not None else os.environ.get(f"SHUANGDAO_{name}")


def env_str(service: str, name: str, default: str) -> str:
    value = _lookup(service, name)
    return default if value in (None, "") else value


def env_int(service: str, name: str, default: int) -> int:
    value = _lookup(service, name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise SettingError(f"SHUANGDAO_{name} must be an integer, got {value!r}") from exc


def env_bool(service: str, name: str, default: bool) -> bool:
    value = _lookup(service, name)
    if value in (None, ""):
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def project_root() -> Path:
    """The checkout root (where var/ lives for the embedded default)."""
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / "Makefile").exists() and (candidate / "services").is_dir():
            return candidate
    return here


@dataclass(frozen=True)
class CommonSettings:
    """What every service needs: where it listens and what it talks to."""

    service: str
    database_url: str
    kafka_bootstrap: str
    grpc_port: int
    http_port: int
    topic_prefix: str
    consumer_group: str

    @classmethod
    def from_env(cls, service: str, grpc_port: int, http_port: int) -> "CommonSettings":
        default_db = f"sqlite:///{project_root() / 'var' / f'{service}.sqlite3'}"
        return cls(
            service=service,
            database_url=env_str(service, "DATABASE_URL", default_db),
            kafka_bootstrap=env_str(service, "KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
            grpc_port=env_int(service, "GRPC_PORT", grpc_port),
            http_port=env_int(service, "HTTP_PORT", http_port),
            topic_prefix=env_str(service, "TOPIC_PREFIX", ""),
            consumer_group=env_str(service, "CONSUMER_GROUP", service),
        )
