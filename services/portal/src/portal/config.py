"""Portal settings, read once at start (`SHUANGDAO_PORTAL_<NAME>`, falling
back to the shared `SHUANGDAO_<NAME>` like every service)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from chassis.settings import SettingError, env_bool, env_int, env_str

SERVICE = "portal"
DEFAULT_HTTP_PORT = 8080
# The gRPC ports `make run` gives the four services.
DEFAULT_TARGETS = {"registry": "127.0.0.1:50051", "assessment": "127.0.0.1:50052",
                   "funds": "127.0.0.1:50053", "cadres": "127.0.0.1:50054"}
DEFAULT_SESSION_HOURS = 8


@dataclass(frozen=True)
class Settings:
    http_port: int = DEFAULT_HTTP_PORT
    targets: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TARGETS))
    # Signs the session cookie. Unset: a random one per start (sessions end on restart).
    session_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # Secure cookies need HTTPS: on behind TLS in production; the embedded
    # default serves plain HTTP on 127.0.0.1, where a Secure cookie would never come back.
    cookie_secure: bool = False
    session_hours: int = DEFAULT_SESSION_HOURS
    # Development only: a private key file; when set, /dev-signin mints tokens with it.
    dev_signin_key: Path | None = None
    # Threads fanning out a page's independent gRPC calls.
    fan_out_threads: int = 16

    @classmethod
    def from_env(cls) -> "Settings":
        targets = {name: env_str(SERVICE, f"{name.upper()}_TARGET", default) for name, default in DEFAULT_TARGETS.items()}
        key = env_str(SERVICE, "DEV_SIGNIN_KEY", "")
        if key and not Path(key).is_file():
            raise SettingError(f"SHUANGDAO_PORTAL_DEV_SIGNIN_KEY names {key!r}, which is not a file")
        hours = env_int(SERVICE, "SESSION_HOURS", DEFAULT_SESSION_HOURS)
        if not 1 <= hours <= 24:
            raise SettingError(f"SHUANGDAO_PORTAL_SESSION_HOURS must lie between 1 and 24, got {hours}")
        secret = env_str(SERVICE, "SESSION_SECRET", "")
        if secret and len(secret) < 32:
            raise SettingError("SHUANGDAO_PORTAL_SESSION_SECRET must be at least 32 characters")
        return cls(http_port=env_int(SERVICE, "HTTP_PORT", DEFAULT_HTTP_PORT), targets=targets,
                   session_secret=secret or secrets.token_urlsafe(32),
                   cookie_secure=env_bool(SERVICE, "COOKIE_SECURE", False), session_hours=hours,
                   dev_signin_key=Path(key) if key else None)
