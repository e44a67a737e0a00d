"""Households, surveys, divisions and submissions in and out of the database."""
from __future__ import annotations

import json
from collections import namedtuple
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, String, Table, any_, bindparam, delete, func, literal, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from chassis.db import bulk_insert

from registry.adapters import orm
from registry.adapters.identity import Identity
from registry.domain.divisions import Division, DivisionPath
from registry.domain.events import SubmissionDecided
from registry.domain.household_file import HouseholdFile, Member
from registry.domain.model import HistoryEntry, Household, Objection, RiskFlag, Survey
from registry.domain.rules import Guarantees, Hardship, Income
from registry.domain.vocabulary import (Category, Decision, Disability, DivisionLevel, Health, LabourAbility,
                                        PovertyCause, Relation, RiskCategory, Schooling, Sex, Status, Step)

INCOME_FIELDS = ("wages_fen", "farming_fen", "business_fen", "property_fen", "transfers_fen", "costs_fen")


def utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def one_of(connection: Connection, column: Column, values: list[str]) -> Any:  # type: ignore[type-arg]
    """`column IN values`; on PostgreSQL as `= ANY(array)`, one parameter
    however many values (a batch's thousands of keys would otherwise make a
    statement of thousands of placeholders, parsed anew on every call)."""
    if connection.dialect.name == "postgresql":
        return column == any_(literal(values, ARRAY(String)))
    return column.in_(values)


def _household_row(h: Household) -> dict[str, Any]:
    d, f = h.divisions, h.file
    return {
        "province_code": d.province, "city_code": d.city, "county_code": d.county, "township_code": d.township,
        "village_code": d.village, "natural_village_code": f.natural_village_code, "category": f.category.value,
        "status": h.status.value, "registered_at": h.registered_at, "submitted_at": h.submitted_at,
        "exited_at": h.exited_at, "current_step": h.current_step.value if h.current_step else None,
        "notice_ends_on": h.notice_ends_on, "via_county_system": h.via_county_system,
        **{name: getattr(f.income, name) for name in INCOME_FIELDS},
        "land_area_m2": f.land_area_m2, "housing_area_m2": f.housing_area_m2,
        "housing_dilapidated": f.housing_dilapidated, "causes": ",".join(c.value for c in f.causes),
        "member_count": f.size, "able_to_work_count": f.able_to_work_count,
        "entry_income_per_capita_fen": f.income_per_capita_fen,
        "risk_category": h.risk.category.value if h.risk else None, "risk_rule": h.risk.rule if h.risk else None,
        "risk_evidence": h.risk.evidence if h.risk else None, "risk_flagged_at": h.risk.flagged_at if h.risk else None,
    }


_MemberRow = namedtuple("_MemberRow", [c.name for c in orm.members.c])  # type: ignore[misc]


def _member_of(row: Any, identity: Identity) -> Member:
    return Member(name=row.name, national_id=identity.revealed(row.national_id), relation=Relation(row.relation),
                  sex=Sex(row.sex), birth_date=row.birth_date, labour_ability=LabourAbility(row.labour_ability),
                  health=Health(row.health), disability=Disability(row.disability), schooling=Schooling(row.schooling))


def _member_rows(household: Household, identity: Identity) -> list[dict[str, Any]]:
    return [{"household_id": household.id, "position": n, "name": m.name,
             "national_id": identity.stored_form(m.national_id), "relation": m.relation.value, "sex": m.sex.value,
             "birth_date": m.birth_date, "labour_ability": m.labour_ability.value, "health": m.health.value,
             "disability": m.disability.value, "schooling": m.schooling.value}
            for n, m in enumerate(household.members)]


def _person_rows(household: Household, identity: Identity) -> list[dict[str, Any]]:
    """A rejected household holds nobody."""
    if household.status is Status.REJECTED:
        return []
    return [{"id_key": identity.lookup_key(i), "household_id": household.id} for i in household.file.id_numbers]


def _history_rows(household: Household) -> list[dict[str, Any]]:
    return [{"household_id": household.id, "at": e.at, "kind": e.kind, "actor": e.actor,
             "step": e.step.value if e.step else None, "decision": e.decision.value if e.decision else None,
             "reason": e.reason, "survey_id": e.survey_id, "year": e.year} for e in household.new_history]


# Built once: a household read is the registry's hottest query, and building
# the statement anew cost more than running it.
_MEMBER_COLUMNS = [c.label(f"m_{c.name}") for c in orm.members.c]
# Few households ever get an objection: the read asks for their number with
# the household and fetches them only when there are some (a round trip saved).
_OBJECTION_COUNT = (select(func.count()).select_from(orm.objections)
                    .where(orm.objections.c.household_id == orm.households.c.id)
                    .scalar_subquery().label("objection_count"))
_GET = (select(orm.households, *_MEMBER_COLUMNS, _OBJECTION_COUNT)
        .outerjoin(orm.members, orm.members.c.household_id == orm.households.c.id)
        .where(orm.households.c.id == bindparam("household_id")).order_by(orm.members.c.position))
_GET_FOR_UPDATE = _GET.with_for_update(of=orm.households)
_MEMBER_SLICE = slice(len(orm.households.c), len(orm.households.c) + len(_MEMBER_COLUMNS))
_OBJECTIONS = (select(orm.objections).where(orm.objections.c.household_id == bindparam("household_id"))
               .order_by(orm.objections.c.id))


class HouseholdRepository:
    def __init__(self, connection: Connection, identity: Identity) -> None:
        self.connection = connection
        self.identity = identity
        self.seen: list[Household] = []

    def add(self, household: Household) -> None:
        self.connection.execute(orm.households.insert().values(id=household.id, **_household_row(household)))
        self._write_members(household)
        self._write_history(household)
        self.seen.append(household)

    def add_many(self, households: list[Household]) -> None:
        """New households in one executemany per table (the batch path): the
        same rows `add` writes, in a handful of round trips."""
        if not households:
            return
        bulk_insert(self.connection, orm.households, [{"id": h.id, **_household_row(h)} for h in households])
        bulk_insert(self.connection, orm.members,
                    [row for h in households for row in _member_rows(h, self.identity)])
        # A person already held makes COPY fail with a unique violation (IntegrityError):
        # the race-safe dedup, whatever validation saw.
        bulk_insert(self.connection, orm.persons,
                    [row for h in households for row in _person_rows(h, self.identity)])
        bulk_insert(self.connection, orm.history, [row for h in households for row in _history_rows(h)])
        for household in households:
            household.members_changed, household.new_history = False, []
        self.seen.extend(households)

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.connection.execute(table.insert(), rows)

    def existing_ids(self, household_ids: list[str]) -> set[str]:
        if not household_ids:
            return set()
        return set(self.connection.execute(select(orm.households.c.id).where(
            one_of(self.connection, orm.households.c.id, household_ids))).scalars())

    def save(self, household: Household) -> None:
        self.connection.execute(update(orm.households).where(orm.households.c.id == household.id)
                                .values(**_household_row(household)))
        if household.members_changed:
            self.connection.execute(delete(orm.members).where(orm.members.c.household_id == household.id))
            self.connection.execute(delete(orm.persons).where(orm.persons.c.household_id == household.id))
            self._write_members(household)
        elif household.status is Status.REJECTED:
            self.release_people(household.id)
        self._write_objections(household)
        self._write_history(household)
        self.seen.append(household)

    def release_people(self, household_id: str) -> None:
        """A rejected household no longer holds its members."""
        self.connection.execute(delete(orm.persons).where(orm.persons.c.household_id == household_id))

    def _write_members(self, household: Household) -> None:
        household.members_changed = False
        self._insert(orm.members, _member_rows(household, self.identity))
        self._insert(orm.persons, _person_rows(household, self.identity))

    def _write_objections(self, household: Household) -> None:
        stored = self.connection.execute(select(orm.objections.c.id).where(
            orm.objections.c.household_id == household.id)).all()
        fresh = household.objections[len(stored):]
        if not household.objections and stored:
            self.connection.execute(delete(orm.objections).where(orm.objections.c.household_id == household.id))
        elif fresh:
            self.connection.execute(orm.objections.insert(), [
                {"household_id": household.id, "text": o.text, "recorded_by": o.recorded_by,
                 "recorded_at": o.recorded_at} for o in fresh])

    def _write_history(self, household: Household) -> None:
        self._insert(orm.history, _history_rows(household))
        household.new_history = []

    def get(self, household_id: str, for_update: bool = False) -> Household | None:
        # The household and its members in one round trip (a read's latency
        # is mostly round trips); the lock, when asked, is on the household row.
        query = _GET_FOR_UPDATE if for_update else _GET
        rows = self.connection.execute(query, {"household_id": household_id}).all()
        if not rows:
            return None
        row = rows[0]
        member_rows = [_MemberRow(*r[_MEMBER_SLICE]) for r in rows if r.m_household_id is not None]
        objection_rows = (self.connection.execute(_OBJECTIONS, {"household_id": household_id}).all()
                          if row.objection_count else [])
        household_file = HouseholdFile(
            village_code=row.village_code, category=Category(row.category),
            members=[_member_of(m, self.identity) for m in member_rows], natural_village_code=row.natural_village_code,
            income=Income(**{name: getattr(row, name) for name in INCOME_FIELDS}),
            land_area_m2=row.land_area_m2, housing_area_m2=row.housing_area_m2,
            housing_dilapidated=row.housing_dilapidated,
            causes=tuple(PovertyCause(c) for c in row.causes.split(",") if c))
        risk = None
        if row.risk_category:
            risk = RiskFlag(RiskCategory(row.risk_category), row.risk_rule, row.risk_evidence,
                            utc(row.risk_flagged_at))  # type: ignore[arg-type]
        return Household(
            id=row.id,
            divisions=DivisionPath(row.province_code, row.city_code, row.county_code, row.township_code,
                                   row.village_code),
            file=household_file, status=Status(row.status), registered_at=utc(row.registered_at),
            submitted_at=utc(row.submitted_at), exited_at=utc(row.exited_at),
            current_step=Step(row.current_step) if row.current_step else None,
            notice_ends_on=row.notice_ends_on, via_county_system=row.via_county_system,
            objections=[Objection(o.text, o.recorded_by, utc(o.recorded_at)) for o in objection_rows],  # type: ignore[arg-type]
            risk=risk)

    def holders(self, id_numbers: list[str]) -> dict[str, tuple[str, str]]:
        """ID number -> (household id, village) for members of active households."""
        if not id_numbers:
            return {}
        by_key = {self.identity.lookup_key(n): n for n in id_numbers}
        rows = self.connection.execute(
            select(orm.persons.c.id_key, orm.households.c.id, orm.households.c.village_code)
            .join(orm.households, orm.households.c.id == orm.persons.c.household_id)
            .where(one_of(self.connection, orm.persons.c.id_key, list(by_key)))).all()
        return {by_key[r.id_key]: (r.id, r.village_code) for r in rows}

    def history(self, household_id: str) -> list[HistoryEntry]:
        rows = self.connection.execute(select(orm.history).where(orm.history.c.household_id == household_id)
                                       .order_by(orm.history.c.id)).all()
        return [HistoryEntry(at=utc(r.at), kind=r.kind, actor=r.actor,  # type: ignore[arg-type]
                             step=Step(r.step) if r.step else None,
                             decision=Decision(r.decision) if r.decision else None,
                             reason=r.reason, survey_id=r.survey_id, year=r.year) for r in rows]


def _survey_of(row: Any) -> Survey:
    return Survey(id=row.id, household_id=row.household_id, year=row.year, household_size=row.household_size,
                  income=Income(**{name: getattr(row, name) for name in INCOME_FIELDS}),
                  guarantees=Guarantees(row.food_and_clothing, row.compulsory_schooling, row.medical_insurance,
                                        row.safe_housing),
                  hardship=Hardship(row.new_serious_illness, row.new_disability, row.disaster),
                  recorded_by=row.recorded_by, recorded_at=utc(row.recorded_at),  # type: ignore[arg-type]
                  supersedes_survey_id=row.supersedes_survey_id)


class SurveyRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, survey: Survey) -> None:
        if survey.supersedes_survey_id:
            self.connection.execute(update(orm.surveys).where(orm.surveys.c.id == survey.supersedes_survey_id)
                                    .values(superseded=True))
        g, h = survey.guarantees, survey.hardship
        self.connection.execute(orm.surveys.insert().values(
            id=survey.id, household_id=survey.household_id, year=survey.year, household_size=survey.household_size,
            **{name: getattr(survey.income, name) for name in INCOME_FIELDS},
            net_income_fen=survey.income.net_fen, per_capita_net_income_fen=survey.per_capita_fen,
            food_and_clothing=g.food_and_clothing, compulsory_schooling=g.compulsory_schooling,
            medical_insurance=g.medical_insurance, safe_housing=g.safe_housing,
            new_serious_illness=h.new_serious_illness, new_disability=h.new_disability, disaster=h.disaster,
            supersedes_survey_id=survey.supersedes_survey_id, superseded=False, recorded_by=survey.recorded_by,
            recorded_at=survey.recorded_at))

    def _current(self, household_id: str) -> Any:
        return select(orm.surveys).where(orm.surveys.c.household_id == household_id,
                                         orm.surveys.c.superseded.is_(False))

    def current_for_year(self, household_id: str, year: int) -> Survey | None:
        row = self.connection.execute(self._current(household_id).where(orm.surveys.c.year == year)).first()
        return _survey_of(row) if row else None

    def latest(self, household_id: str, before_year: int | None = None) -> Survey | None:
        query = self._current(household_id)
        if before_year is not None:
            query = query.where(orm.surveys.c.year < before_year)
        row = self.connection.execute(query.order_by(orm.surveys.c.year.desc()).limit(1)).first()
        return _survey_of(row) if row else None

    def all_for(self, household_id: str) -> list[tuple[Survey, bool]]:
        """Every survey, corrections included, with whether it was superseded."""
        rows = self.connection.execute(select(orm.surveys).where(orm.surveys.c.household_id == household_id)
                                       .order_by(orm.surveys.c.year, orm.surveys.c.recorded_at)).all()
        return [(_survey_of(r), r.superseded) for r in rows]


class DivisionRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get_many(self, codes: list[str]) -> dict[str, Division]:
        codes = [c for c in codes if "\x00" not in c]  # never stored (PostgreSQL refuses NUL), so never found
        if not codes:
            return {}
        rows = self.connection.execute(select(orm.divisions).where(orm.divisions.c.code.in_(codes))).all()
        return {r.code: Division(r.code, r.name, DivisionLevel(r.level), r.parent_code or "") for r in rows}

    def get(self, code: str) -> Division | None:
        return self.get_many([code]).get(code)

    def add(self, division: Division) -> None:
        self.connection.execute(orm.divisions.insert().values(
            code=division.code, name=division.name, level=division.level.value,
            parent_code=division.parent_code or None))

    def rename(self, code: str, name: str) -> None:
        self.connection.execute(update(orm.divisions).where(orm.divisions.c.code == code).values(name=name))


class SubmissionRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, submission_id: str) -> SubmissionDecided | None:
        row = self.connection.execute(select(orm.submissions).where(
            orm.submissions.c.submission_id == submission_id)).first()
        if row is None:
            return None
        return SubmissionDecided(row.submission_id, row.county_system_id, row.accepted, row.household_id,
                                 tuple(tuple(r) for r in json.loads(row.reasons)),  # type: ignore[misc]
                                 utc(row.decided_at))

    def add(self, result: SubmissionDecided) -> None:
        self.connection.execute(orm.submissions.insert().values(
            submission_id=result.submission_id, county_system_id=result.county_system_id,
            accepted=result.accepted, household_id=result.household_id,
            reasons=json.dumps([list(r) for r in result.reasons]), decided_at=result.decided_at))
