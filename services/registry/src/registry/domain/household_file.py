"""The household file: members, income, land and housing, causes, category.
Parsing reports every problem at once as field violations."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from datetime import date
from enum import Enum
from typing import TypeVar

from chassis.errors import FieldViolation

from registry.domain import national_id
from registry.domain.commands import FileInput, MemberInput
from registry.domain.divisions import is_village_code
from registry.domain.rules import Income, Rules, eligible_at_entry, per_capita_fen, yuan
from registry.domain.vocabulary import (Category, Disability, Health, LabourAbility, PovertyCause, Relation,
                                        Schooling, Sex)

MAX_NAME_LENGTH = 50
MAX_MEMBERS = 30
# 100 million yuan: far above any household, far below int64 overflow.
MAX_FEN = 10_000_000_000
MAX_AREA_M2 = 100_000_000
OLDEST_BIRTH = date(1890, 1, 1)

E = TypeVar("E", bound=Enum)


@dataclass
class Member:
    name: str
    national_id: str
    relation: Relation
    sex: Sex
    birth_date: date | None
    labour_ability: LabourAbility = LabourAbility.UNSPECIFIED
    health: Health = Health.UNSPECIFIED
    disability: Disability = Disability.UNSPECIFIED
    schooling: Schooling = Schooling.UNSPECIFIED

    @property
    def able_to_work(self) -> bool:
        return self.labour_ability in (LabourAbility.FULL, LabourAbility.PARTIAL)


@dataclass
class HouseholdFile:
    village_code: str
    category: Category
    members: list[Member]
    natural_village_code: str = ""
    income: Income = field(default_factory=Income)
    land_area_m2: int = 0
    housing_area_m2: int = 0
    housing_dilapidated: bool = False
    causes: tuple[PovertyCause, ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def able_to_work_count(self) -> int:
        return sum(1 for m in self.members if m.able_to_work)

    @property
    def income_per_capita_fen(self) -> int:
        return per_capita_fen(self.income.net_fen, self.size) if self.members else 0

    @property
    def id_numbers(self) -> list[str]:
        return [m.national_id for m in self.members if m.national_id]


@cache
def _members_by_value(kind: type[E]) -> dict[str, E]:
    return {member.value: member for member in kind}


def parse_enum(kind: type[E], value: str, at: str, violations: list[FieldViolation],
               required: bool = False) -> E | None:
    # A dict lookup, not kind(value): this runs a dozen times per household of a batch.
    try:
        parsed = _members_by_value(kind).get(value)
    except TypeError:  # an unhashable value (a JSON list, say) names no member either
        parsed = None
    if parsed is None:
        allowed = [str(k.value) for k in kind if k.value != "unspecified"]
        violations.append(FieldViolation(at, f"must be one of {', '.join(allowed)}"))
        return None
    if required and parsed.value == "unspecified":
        violations.append(FieldViolation(at, "is required"))
        return None
    return parsed


def _birth_date(value: str, today: date, at: str, violations: list[FieldViolation], required: bool) -> date | None:
    if not value:
        if required:
            violations.append(FieldViolation(at, "is required"))
        return None
    try:
        born = date.fromisoformat(value)
    except ValueError:
        violations.append(FieldViolation(at, "must be a date YYYY-MM-DD"))
        return None
    if born > today:
        violations.append(FieldViolation(at, "must not be in the future"))
    elif born < OLDEST_BIRTH:
        violations.append(FieldViolation(at, f"must not be before {OLDEST_BIRTH.isoformat()}"))
    return born


def parse_member(index: int, raw: MemberInput, today: date, strict: bool,
                 violations: list[FieldViolation]) -> Member | None:
    """`strict`: the full file a new application needs (ID number, birth date,
    labour ability, health, disability, schooling); migration may lack them."""
    at = f"members[{index}]"
    before = len(violations)
    name = raw.name.strip()
    if not name:
        violations.append(FieldViolation(f"{at}.name", "is required"))
    elif len(name) > MAX_NAME_LENGTH:
        violations.append(FieldViolation(f"{at}.name", f"must be at most {MAX_NAME_LENGTH} characters"))
    id_number = national_id.normalise(raw.national_id)
    carried, problem = national_id.checked(id_number) if id_number else (None, None)
    if problem:
        violations.append(FieldViolation(f"{at}.national_id", problem))
    elif not id_number and strict:
        violations.append(FieldViolation(f"{at}.national_id", "is required"))
    relation = parse_enum(Relation, raw.relation, f"{at}.relation", violations)
    sex = parse_enum(Sex, raw.sex or "unspecified", f"{at}.sex", violations, required=strict)
    born = _birth_date(raw.birth_date, today, f"{at}.birth_date", violations, required=strict)
    if born and carried and carried != born:
        violations.append(FieldViolation(f"{at}.birth_date", "does not match the birth date in the ID number"))
    labour = parse_enum(LabourAbility, raw.labour_ability or "unspecified", f"{at}.labour_ability", violations,
                        required=strict)
    health = parse_enum(Health, raw.health or "unspecified", f"{at}.health", violations, required=strict)
    disability = parse_enum(Disability, raw.disability or "unspecified", f"{at}.disability", violations,
                            required=strict)
    schooling = parse_enum(Schooling, raw.schooling or "unspecified", f"{at}.schooling", violations,
                           required=strict)
    if len(violations) > before:
        return None
    return Member(name=name, national_id=id_number, relation=relation, sex=sex,  # type: ignore[arg-type]
                  birth_date=born, labour_ability=labour, health=health,  # type: ignore[arg-type]
                  disability=disability, schooling=schooling)  # type: ignore[arg-type]


def _check_money(income: Income, violations: list[FieldViolation]) -> None:
    for f in fields(income):
        value = getattr(income, f.name)
        if not isinstance(value, int) or isinstance(value, bool):
            violations.append(FieldViolation(f"income.{f.name}", "must be an integer number of fen"))
        elif not 0 <= value <= MAX_FEN:
            violations.append(FieldViolation(f"income.{f.name}", f"must be between 0 and {MAX_FEN} fen"))


def _check_shape(village_code: str, natural_village: str, members: list[Member], member_count: int,
                 violations: list[FieldViolation]) -> None:
    if not village_code:
        violations.append(FieldViolation("village_code", "is required"))
    elif not is_village_code(village_code):
        violations.append(FieldViolation("village_code", "must be a 12-digit administrative village code"))
    if natural_village and not (len(natural_village) == 12 and natural_village.isdigit()):
        violations.append(FieldViolation("natural_village_code", "must be a 12-digit code when given"))
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


def parse_file(raw: FileInput, today: date, rules: Rules, strict: bool,
               violations: list[FieldViolation]) -> HouseholdFile | None:
    """Appends every problem to `violations`; returns the file when there were none."""
    before = len(violations)
    category = parse_enum(Category, raw.category, "category", violations)
    parsed = [parse_member(i, m, today, strict, violations) for i, m in enumerate(raw.members)]
    members = [m for m in parsed if m is not None]
    village_code = raw.village_code.strip()
    _check_shape(village_code, raw.natural_village_code.strip(), members, len(raw.members), violations)
    _check_money(raw.income, violations)
    for name in ("land_area_m2", "housing_area_m2"):
        value = getattr(raw, name)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_AREA_M2:
            violations.append(FieldViolation(name, f"must be an integer between 0 and {MAX_AREA_M2}"))
    causes = [parse_enum(PovertyCause, c, f"causes[{n}]", violations) for n, c in enumerate(raw.causes)]
    if strict and not raw.causes:
        violations.append(FieldViolation("causes", "name at least one cause of poverty"))
    if len(violations) > before:
        return None
    household_file = HouseholdFile(
        village_code=village_code, category=category, members=members,  # type: ignore[arg-type]
        natural_village_code=raw.natural_village_code.strip(), income=raw.income,
        land_area_m2=raw.land_area_m2, housing_area_m2=raw.housing_area_m2,
        housing_dilapidated=bool(raw.housing_dilapidated),
        causes=tuple(dict.fromkeys(c for c in causes if c is not None)))
    if strict and not eligible_at_entry(household_file.income_per_capita_fen, rules):
        violations.append(FieldViolation(
            "income", f"per-capita net income {yuan(household_file.income_per_capita_fen)} is above the poverty "
                      f"line {yuan(rules.poverty_line_fen)}"))
        return None
    return household_file
