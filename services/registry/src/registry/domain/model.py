"""The household aggregate: a poor household and its members in a village."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from chassis.errors import FieldViolation, collect

from registry.domain import national_id
from registry.domain.divisions import DivisionPath, is_village_code, path_of_village
from registry.domain.events import HouseholdRegistered
from registry.domain.vocabulary import Category, Relation, Sex, Status

MAX_NAME_LENGTH = 50
MAX_MEMBERS = 30


@dataclass
class Member:
    name: str
    national_id: str
    relation: Relation
    sex: Sex
    birth_date: date | None


@dataclass
class Household:
    id: str
    divisions: DivisionPath
    category: Category
    members: list[Member]
    status: Status
    registered_at: datetime
    events: list[object] = field(default_factory=list, compare=False, repr=False)

    @property
    def village_code(self) -> str:
        return self.divisions.village

    @property
    def size(self) -> int:
        return len(self.members)


def new_household_id() -> str:
    return str(uuid.uuid4())


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def parse_category(value: str, violations: list[FieldViolation]) -> Category | None:
    try:
        return Category(value)
    except ValueError:
        allowed = ", ".join(c.value for c in Category)
        violations.append(FieldViolation("category", f"must be one of {allowed}"))
        return None


def parse_member(index: int, name: str, id_number: str, relation: str, sex: str, birth_date: str,
                 today: date, violations: list[FieldViolation]) -> Member | None:
    at = f"members[{index}]"
    before = len(violations)
    name = name.strip()
    if not name:
        violations.append(FieldViolation(f"{at}.name", "is required"))
    elif len(name) > MAX_NAME_LENGTH:
        violations.append(FieldViolation(f"{at}.name", f"must be at most {MAX_NAME_LENGTH} characters"))
    id_number = national_id.normalise(id_number)
    if id_number and (problem := national_id.problem_with(id_number)):
        violations.append(FieldViolation(f"{at}.national_id", problem))
    relation_value = _enum(Relation, relation, f"{at}.relation", violations)
    sex_value = _enum(Sex, sex or "unspecified", f"{at}.sex", violations)
    born = _birth_date(birth_date, today, f"{at}.birth_date", violations)
    if len(violations) > before:
        return None
    return Member(name=name, national_id=id_number, relation=relation_value,  # type: ignore[arg-type]
                  sex=sex_value, birth_date=born)  # type: ignore[arg-type]


def _enum(kind: type[Enum], value: str, at: str, violations: list[FieldViolation]) -> Enum | None:
    try:
        return kind(value)
    except ValueError:
        violations.append(FieldViolation(at, f"must be one of {', '.join(str(k.value) for k in kind)}"))
        return None


def _birth_date(value: str, today: date, at: str, violations: list[FieldViolation]) -> date | None:
    if not value:
        return None
    try:
        born = date.fromisoformat(value)
    except ValueError:
        violations.append(FieldViolation(at, "must be a date YYYY-MM-DD"))
        return None
    if born > today:
        violations.append(FieldViolation(at, "must not be in the future"))
    return born


def check_household_shape(village_code: str, members: list[Member], member_count: int,
                          violations: list[FieldViolation]) -> None:
    if not village_code:
        violations.append(FieldViolation("village_code", "is required"))
    elif not is_village_code(village_code):
        violations.append(FieldViolation("village_code", "must be a 12-digit administrative village code"))
    if member_count == 0:
        violations.append(FieldViolation("members", "a household needs at least one member"))
    elif member_count > MAX_MEMBERS:
        violations.append(FieldViolation("members", f"at most {MAX_MEMBERS} members"))
    elif len(members) == member_count:
        heads = sum(1 for m in members if m.relation is Relation.HEAD)
        if heads != 1:
            violations.append(FieldViolation("members", f"exactly one member must be the head (found {heads})"))
    ids = [m.national_id for m in members if m.national_id]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        position = next(n for n, m in enumerate(members) if m.national_id == duplicate)
        violations.append(FieldViolation(f"members[{position}].national_id", "appears twice in this household"))


def register(household_id: str, village_code: str, category: str,
             members: list[tuple[str, str, str, str, str]], now: datetime) -> Household:
    """Validates everything at once and returns a registered household carrying
    its HouseholdRegistered event. Raises InvalidArgument listing every problem."""
    violations: list[FieldViolation] = []
    village_code = village_code.strip()
    if household_id and not _is_uuid(household_id):
        violations.append(FieldViolation("household_id", "must be a UUID when given"))
    parsed_category = parse_category(category, violations)
    parsed = [parse_member(i, *m, today=now.date(), violations=violations) for i, m in enumerate(members)]
    good = [m for m in parsed if m is not None]
    check_household_shape(village_code, good, len(members), violations)
    collect(violations)
    household = Household(id=household_id or new_household_id(), divisions=path_of_village(village_code),
                          category=parsed_category,  # type: ignore[arg-type]
                          members=good, status=Status.REGISTERED, registered_at=now)
    household.events.append(HouseholdRegistered(
        household_id=household.id, divisions=household.divisions, category=household.category,
        member_count=household.size, registered_at=now))
    return household
