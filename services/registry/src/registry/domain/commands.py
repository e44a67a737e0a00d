"""What callers ask the registry to do."""
from __future__ import annotations

from dataclasses import dataclass, field


class Command:
    """Marker base."""


@dataclass(frozen=True)
class MemberInput:
    name: str
    national_id: str = ""
    relation: str = "unspecified"
    sex: str = "unspecified"
    birth_date: str = ""


@dataclass(frozen=True)
class RegisterHousehold(Command):
    village_code: str
    category: str
    members: tuple[MemberInput, ...] = field(default=())
    household_id: str = ""
