"""Read side: queries answered straight from the registry's tables."""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select

from chassis.errors import FieldViolation, InvalidArgument, NotFound, collect
from chassis.security.jurisdiction import Level, is_division_code, level_of
from chassis.security.tokens import Principal

from registry.adapters import orm
from registry.domain import model
from registry.domain.divisions import CODE, Division, DivisionPath
from registry.domain.vocabulary import Category, DivisionLevel, Status, Step
from registry.service_layer.security import gate, shown
from registry.service_layer.unit_of_work import UnitOfWork

MAX_PAGE = 500
DEFAULT_PAGE = 100

LEVEL_COLUMN = {
    DivisionLevel.PROVINCE: orm.households.c.province_code, DivisionLevel.CITY: orm.households.c.city_code,
    DivisionLevel.COUNTY: orm.households.c.county_code, DivisionLevel.TOWNSHIP: orm.households.c.township_code,
    DivisionLevel.VILLAGE: orm.households.c.village_code,
    DivisionLevel.NATURAL_VILLAGE: orm.households.c.natural_village_code,
}


@dataclass(frozen=True)
class HouseholdSummary:
    id: str
    divisions: DivisionPath
    natural_village_code: str
    category: Category
    status: Status
    current_step: Step | None
    member_count: int
    able_to_work_count: int
    entry_income_per_capita_fen: int
    risk_category: str


@dataclass(frozen=True)
class Page:
    households: list[HouseholdSummary]
    next_page_token: str
    total_size: int
    total_people: int


@dataclass(frozen=True)
class NoticeEntry:
    names: list[str]
    village_code: str
    category: Category
    notice_ends_on: str


@dataclass(frozen=True)
class History:
    household_id: str
    entries: list[model.HistoryEntry]
    surveys: list[tuple[model.Survey, bool]]


READ = "registry.household.read"
# A jurisdiction's level -> the households column holding the code of that level.
JURISDICTION_COLUMN = {
    Level.PROVINCE: orm.households.c.province_code, Level.CITY: orm.households.c.city_code,
    Level.COUNTY: orm.households.c.county_code, Level.TOWNSHIP: orm.households.c.township_code,
    Level.VILLAGE: orm.households.c.village_code,
}


def get_household(household_id: str, uow: UnitOfWork, actor: Principal | None = None) -> model.Household:
    """The household as the caller may see it (IDs masked unless it may read personal data)."""
    with uow.reading():
        household = uow.households.get(household_id) if household_id else None
    gate(actor, READ, household.divisions.village if household else None)
    if household is None:
        raise NotFound(f"household {household_id!r} not found")
    return shown(household, actor)


def _token(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode()


def _after(token: str, violations: list[FieldViolation]) -> str:
    if not token:
        return ""
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        violations.append(FieldViolation("page_token", "is not a token this service issued"))
        return ""


def list_households(uow: UnitOfWork, division_code: str = "", category: str = "", status: str = "",
                    page_size: int = 0, page_token: str = "", actor: Principal | None = None) -> Page:
    """Households of `division_code`, which must lie within the caller's
    jurisdiction; without one, of the caller's whole jurisdiction (never wider)."""
    gate(actor, READ, division_code or None)
    violations: list[FieldViolation] = []
    if not 0 <= page_size <= MAX_PAGE:
        violations.append(FieldViolation("page_size", f"must be between 1 and {MAX_PAGE} (0 means {DEFAULT_PAGE})"))
    if category and category not in {c.value for c in Category}:
        violations.append(FieldViolation("category", f"must be one of {', '.join(c.value for c in Category)}"))
    if status and status not in {s.value for s in Status}:
        violations.append(FieldViolation("status", f"must be one of {', '.join(s.value for s in Status)}"))
    if division_code and not CODE.match(division_code):
        violations.append(FieldViolation("division_code", "must be a 12-digit division code"))
    after = _after(page_token, violations)
    collect(violations)
    with uow:
        conditions = []
        if division_code:
            division = uow.divisions.get(division_code)
            if division is None:
                raise InvalidArgument([FieldViolation("division_code", f"unknown division {division_code}")])
            conditions.append(LEVEL_COLUMN[division.level] == division_code)
        elif actor is not None and is_division_code(actor.jurisdiction):
            conditions.append(JURISDICTION_COLUMN[level_of(actor.jurisdiction)] == actor.jurisdiction)
        if category:
            conditions.append(orm.households.c.category == category)
        if status:
            conditions.append(orm.households.c.status == status)
        totals = uow.connection.execute(  # type: ignore[union-attr]
            select(func.count(), func.coalesce(func.sum(orm.households.c.member_count), 0))
            .select_from(orm.households).where(*conditions)).one()
        query: Select = select(orm.households).where(*conditions)
        if after:
            query = query.where(orm.households.c.id > after)
        rows = uow.connection.execute(  # type: ignore[union-attr]
            query.order_by(orm.households.c.id).limit((page_size or DEFAULT_PAGE) + 1)).all()
    size = page_size or DEFAULT_PAGE
    more, rows = len(rows) > size, rows[:size]
    return Page(households=[_summary(r) for r in rows], next_page_token=_token(rows[-1].id) if more else "",
                total_size=int(totals[0]), total_people=int(totals[1]))


def _summary(row: object) -> HouseholdSummary:
    r = row
    return HouseholdSummary(
        id=r.id, divisions=DivisionPath(r.province_code, r.city_code, r.county_code,  # type: ignore[attr-defined]
                                        r.township_code, r.village_code),  # type: ignore[attr-defined]
        natural_village_code=r.natural_village_code, category=Category(r.category),  # type: ignore[attr-defined]
        status=Status(r.status), current_step=Step(r.current_step) if r.current_step else None,  # type: ignore[attr-defined]
        member_count=r.member_count, able_to_work_count=r.able_to_work_count,  # type: ignore[attr-defined]
        entry_income_per_capita_fen=r.entry_income_per_capita_fen,  # type: ignore[attr-defined]
        risk_category=r.risk_category or "")  # type: ignore[attr-defined]


def public_notice(village_code: str, uow: UnitOfWork, now: datetime,
                  actor: Principal | None = None) -> list[NoticeEntry]:
    """Households of a village now on public notice: names, village and
    category only (no ID numbers, phones, bank or health data)."""
    gate(actor, "registry.notice.read", village_code or None)
    if not CODE.match(village_code):
        raise InvalidArgument([FieldViolation("village_code", "must be a 12-digit village code")])
    today = model.local_date(now)
    with uow:
        village = uow.divisions.get(village_code)
        if village is None or village.level is not DivisionLevel.VILLAGE:
            raise NotFound(f"village {village_code} not found")
        rows = uow.connection.execute(select(orm.households.c.id, orm.households.c.category,  # type: ignore[union-attr]
                                             orm.households.c.notice_ends_on).where(
            orm.households.c.village_code == village_code, orm.households.c.status == Status.PENDING.value,
            orm.households.c.current_step == Step.TOWNSHIP_REVIEW.value,
            orm.households.c.notice_ends_on > today).order_by(orm.households.c.id)).all()
        names: dict[str, list[str]] = {}
        if rows:
            for m in uow.connection.execute(select(orm.members.c.household_id, orm.members.c.name).where(  # type: ignore[union-attr]
                    orm.members.c.household_id.in_([r.id for r in rows])).order_by(orm.members.c.position)):
                names.setdefault(m.household_id, []).append(m.name)
    return [NoticeEntry(names.get(r.id, []), village_code, Category(r.category), r.notice_ends_on.isoformat())
            for r in rows]


def history(household_id: str, uow: UnitOfWork, actor: Principal | None = None) -> History:
    with uow:
        household = uow.households.get(household_id) if household_id else None
        gate(actor, "registry.history.read", household.divisions.village if household else None)
        if household is None:
            raise NotFound(f"household {household_id!r} not found")
        return History(household_id, uow.households.history(household_id), uow.surveys.all_for(household_id))


@dataclass(frozen=True)
class DivisionListing:
    parent: Division | None
    ancestors: list[Division]
    divisions: list[Division]


MAX_DIVISION_DEPTH = 6  # province .. natural village: a longer chain is a loop in the table


def list_divisions(uow: UnitOfWork, parent_code: str = "", actor: Principal | None = None) -> DivisionListing:
    """The divisions directly below `parent_code` (empty: the top-level ones),
    with the parent and its ancestors to name the way there. The division
    table is reference data (`registry.division.read` is unscoped): any
    official may name any place, while what lies in it stays behind its own gate."""
    gate(actor, "registry.division.read", None)
    if parent_code and not CODE.match(parent_code):
        raise InvalidArgument([FieldViolation("parent_code", "must be a 12-digit division code (or empty)")])
    with uow:
        parent = uow.divisions.get(parent_code) if parent_code else None
        if parent_code and parent is None:
            raise NotFound(f"division {parent_code} not found")
        ancestors: list[Division] = []
        above = parent.parent_code if parent else ""
        while above and len(ancestors) < MAX_DIVISION_DEPTH:
            found = uow.divisions.get(above)
            if found is None:
                break
            ancestors.insert(0, found)
            above = found.parent_code
        table = orm.divisions
        where = table.c.parent_code == parent_code if parent_code else \
            (table.c.parent_code.is_(None)) | (table.c.parent_code == "")
        rows = uow.connection.execute(select(table).where(where).order_by(table.c.code)).all()  # type: ignore[union-attr]
    return DivisionListing(parent, ancestors, [Division(r.code, r.name, DivisionLevel(r.level), r.parent_code or "")
                                               for r in rows])


@dataclass(frozen=True)
class Tally:
    households: int = 0
    people: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.households + other.households, self.people + other.people)


@dataclass(frozen=True)
class HouseholdCounts:
    """A division's households by status word, and those flagged at risk (any status)."""
    division: Division
    by_status: dict[Status, Tally]
    at_risk: Tally

    def of(self, status: Status) -> Tally:
        return self.by_status.get(status, Tally())


@dataclass(frozen=True)
class DivisionCounts:
    division: HouseholdCounts
    children: list[HouseholdCounts]


def count_households(uow: UnitOfWork, division_code: str, actor: Principal | None = None) -> DivisionCounts:
    """Households and people of a division and of each division directly below
    it, by status: one GROUP BY over the households of the division, keyed by
    the column of the children's level. Gated like list_households: the
    division must lie within the caller's jurisdiction, and so then does
    everything below it."""
    gate(actor, READ, division_code or None)
    if not CODE.match(division_code):
        raise InvalidArgument([FieldViolation("division_code", "must be a 12-digit division code")])
    table = orm.households
    with uow:
        division = uow.divisions.get(division_code)
        if division is None:
            raise NotFound(f"division {division_code} not found")
        children = [Division(r.code, r.name, DivisionLevel(r.level), r.parent_code or "")
                    for r in uow.connection.execute(select(orm.divisions).where(  # type: ignore[union-attr]
                        orm.divisions.c.parent_code == division_code).order_by(orm.divisions.c.code))]
        # Children share one level; a village's are natural villages, a natural village has none.
        keys = [table.c.status, table.c.risk_category.is_not(None)]
        if children:
            keys.append(LEVEL_COLUMN[children[0].level])
        rows = uow.connection.execute(  # type: ignore[union-attr]
            select(*keys, func.count(), func.coalesce(func.sum(table.c.member_count), 0))
            .where(LEVEL_COLUMN[division.level] == division_code).group_by(*keys)).all()
    # (child code or "", status, at risk, tally) per group
    groups = [(r[2] if children else "", Status(r[0]), bool(r[1]), Tally(int(r[-2]), int(r[-1]))) for r in rows]
    return DivisionCounts(_counts(division, groups, None), [_counts(c, groups, c.code) for c in children])


def _counts(division: Division, groups: list[tuple[str, Status, bool, Tally]],
            child_code: str | None) -> HouseholdCounts:
    """The groups of one child (`child_code`), or of the whole division (None)."""
    by_status: dict[Status, Tally] = {}
    at_risk = Tally()
    for child, status, risky, tally in groups:
        if child_code is not None and child != child_code:
            continue
        by_status[status] = by_status.get(status, Tally()) + tally
        if risky:
            at_risk = at_risk + tally
    return HouseholdCounts(division, by_status, at_risk)
