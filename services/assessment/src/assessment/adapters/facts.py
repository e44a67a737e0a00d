"""Facts in and out. Every write is an idempotent upsert keyed by the event's
subject; where an event updates a subject (a pairing ends, an attendance
summary is revised), it writes only its own columns or wins by its revision,
so the stored facts do not depend on the order the events arrived in."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, exists, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from assessment.adapters import orm
from assessment.domain import events as ev
from assessment.domain.clock import DueBefore
from assessment.domain import model as m


def utc(moment: datetime | None) -> datetime | None:
    # SQLite hands timezone-aware columns back naive; they were stored as UTC.
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def upsert_statement(connection: Connection, table: Table, keys: list[str], update: list[str]) -> Any:
    """Insert, or overwrite the `update` columns: for executemany, values bound per row."""
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table)
    return statement.on_conflict_do_update(index_elements=keys, set_={c: statement.excluded[c] for c in update})


def upsert(connection: Connection, table: Table, values: dict[str, Any], keys: list[str],
           update: list[str] | None = None, where: Any = None) -> None:
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table).values(**values)
    if update:
        statement = statement.on_conflict_do_update(
            index_elements=keys, set_={c: statement.excluded[c] for c in update},
            where=where(statement.excluded) if where is not None else None)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    connection.execute(statement)


@dataclass(frozen=True)
class Upsert:
    """One fact row and how it merges with the row already stored under its
    key: kept (no `update`), overwritten in the `update` columns, or, with
    `newer`, overwritten only by a greater value of that column."""

    table: Table
    values: dict[str, Any]
    keys: list[str]
    update: list[str] | None = None
    newer: str | None = None

    def shape(self) -> tuple[Any, ...]:
        return (self.table.name, tuple(self.values), tuple(self.keys), tuple(self.update or ()), self.newer)

    def statement(self, connection: Connection) -> Any:
        """The statement for rows of this shape, values bound per row."""
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        statement = insert(self.table)
        if not self.update:
            return statement.on_conflict_do_nothing(index_elements=self.keys)
        where = self.table.c[self.newer] < statement.excluded[self.newer] if self.newer else None
        return statement.on_conflict_do_update(index_elements=self.keys,
                                               set_={c: statement.excluded[c] for c in self.update}, where=where)


def _path(divisions: ev.Divisions) -> dict[str, str]:
    return {"province_code": divisions.province_code, "city_code": divisions.city_code,
            "county_code": divisions.county_code, "township_code": divisions.township_code,
            "village_code": divisions.village_code}


class FactStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def record(self, fact: ev.VillageFact) -> None:
        self.record_many([fact])

    def record_many(self, facts: list[ev.VillageFact]) -> None:
        """Every fact of a batch in one executemany per table and shape (the
        same statement per row, so duplicates within the batch settle exactly
        as one by one); villages first, so each fact's village is known."""
        villages = {f.divisions.village_code: _path(f.divisions) for f in facts}
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        specs: dict[tuple[Any, ...], Upsert] = {}
        for spec in [Upsert(orm.villages, v, ["village_code"]) for v in villages.values()] + \
                [getattr(self, f"_{type(f).__name__}")(f) for f in facts]:
            shape = spec.shape()
            specs.setdefault(shape, spec)
            groups.setdefault(shape, []).append(spec.values)
        for shape, rows in groups.items():
            self.connection.execute(specs[shape].statement(self.connection), rows)

    def _HouseholdRegistered(self, e: ev.HouseholdRegistered) -> Upsert:
        return Upsert(orm.registered_households, {
            "household_id": e.household_id, **_path(e.divisions), "category": e.category, "people": e.people,
            "recorded_at": datetime.now(UTC), "registered_at": e.at, "able_to_work": e.able_to_work,
            "entry_income_per_capita_fen": e.entry_income_per_capita_fen}, ["household_id"])

    def _SurveyRecorded(self, e: ev.SurveyRecorded) -> Upsert:
        return Upsert(orm.surveys, {
            "survey_id": e.survey_id, "household_id": e.household_id, **_path(e.divisions), "year": e.year,
            "household_size": e.household_size, "income_components_fen": e.income_components_fen,
            "net_income_fen": e.net_income_fen, "per_capita_net_income_fen": e.per_capita_net_income_fen,
            "guarantees_met": e.guarantees_met, "supersedes_survey_id": e.supersedes_survey_id, "at": e.at},
            ["survey_id"])

    def _HouseholdStatusChanged(self, e: ev.HouseholdStatusChanged) -> Upsert:
        return Upsert(orm.household_status, {
            "household_id": e.household_id, "status": e.status, "year": e.year,
            "village_code": e.village_code, "people": e.people, "at": e.at},
            ["household_id", "status", "year"])

    def _RiskFlagged(self, e: ev.RiskFlagged) -> Upsert:
        return Upsert(orm.risk_events, {"household_id": e.household_id, "kind": "flagged", "at": e.at,
                                        "rule": e.rule, "village_code": e.village_code},
                      ["household_id", "kind", "at", "rule"])

    def _RiskCleared(self, e: ev.RiskCleared) -> Upsert:
        return Upsert(orm.risk_events, {"household_id": e.household_id, "kind": "cleared", "at": e.at,
                                        "rule": "", "village_code": e.village_code},
                      ["household_id", "kind", "at", "rule"])

    def _UnitPaired(self, e: ev.UnitPaired) -> Upsert:
        return Upsert(orm.pairings, {"pairing_id": e.pairing_id, "unit_id": e.unit_id,
                                     "village_code": e.village_code, "unit_kind": e.unit_kind,
                                     "start_date": e.start, "paired_at": e.at},
                      ["pairing_id"], ["unit_kind", "start_date", "paired_at"])

    def _PairingEnded(self, e: ev.PairingEnded) -> Upsert:
        return Upsert(orm.pairings, {"pairing_id": e.pairing_id, "unit_id": e.unit_id,
                                     "village_code": e.village_code, "end_date": e.end, "ended_at": e.at},
                      ["pairing_id"], ["end_date", "ended_at"])

    def _PlanAdopted(self, e: ev.PlanAdopted) -> Upsert:
        return Upsert(orm.plans, {"plan_id": e.plan_id, "unit_id": e.unit_id,
                                  "village_code": e.village_code, "year": e.year,
                                  "planned_funds_fen": e.planned_funds_fen,
                                  "target_collective_income_fen": e.target_collective_income_fen,
                                  "at": e.at}, ["plan_id"])

    def _CadreStationed(self, e: ev.CadreStationed) -> Upsert:
        return Upsert(orm.stationings, {"cadre_id": e.cadre_id, "village_code": e.village_code,
                                        "unit_id": e.unit_id, "start_date": e.start, "stationed_at": e.at},
                      ["cadre_id", "village_code"], ["unit_id", "start_date", "stationed_at"])

    def _CadreWithdrawn(self, e: ev.CadreWithdrawn) -> Upsert:
        return Upsert(orm.stationings, {"cadre_id": e.cadre_id, "village_code": e.village_code,
                                        "unit_id": e.unit_id, "end_date": e.end, "withdrawn_at": e.at},
                      ["cadre_id", "village_code"], ["end_date", "withdrawn_at"])

    def _AttendanceSummarised(self, e: ev.AttendanceSummarised) -> Upsert:
        values = {"cadre_id": e.cadre_id, "month": e.month, "unit_id": e.unit_id, "village_code": e.village_code,
                  "working_days": e.working_days, "days_in_village": e.days_in_village,
                  "days_on_approved_leave": e.days_on_approved_leave,
                  "days_absent_without_leave": e.days_absent_without_leave, "revision": e.revision, "at": e.at}
        # Latest revision wins, whichever arrives first.
        return Upsert(orm.attendance, values, ["cadre_id", "month"],
                      [k for k in values if k not in ("cadre_id", "month")],
                      newer="revision")

    def _InspectionRecorded(self, e: ev.InspectionRecorded) -> Upsert:
        return Upsert(orm.inspections, {
            "inspection_id": e.inspection_id, "cadre_id": e.cadre_id, "unit_id": e.unit_id,
            "village_code": e.village_code, "inspected_on": e.inspected_on, "present": e.present,
            "excused": e.excused, "at": e.at}, ["inspection_id"])

    def _ComplaintRecorded(self, e: ev.ComplaintRecorded) -> Upsert:
        return Upsert(orm.complaints, {"complaint_id": e.complaint_id, "cadre_id": e.cadre_id,
                                       "village_code": e.village_code, "received_on": e.received_on,
                                       "recorded_at": e.at},
                      ["complaint_id"], ["received_on", "recorded_at"])

    def _ComplaintResolved(self, e: ev.ComplaintResolved) -> Upsert:
        return Upsert(orm.complaints, {"complaint_id": e.complaint_id, "cadre_id": e.cadre_id,
                                       "village_code": e.village_code, "upheld": e.upheld,
                                       "resolved_at": e.at},
                      ["complaint_id"], ["upheld", "resolved_at"])

    def _FundsAllocated(self, e: ev.FundsAllocated) -> Upsert:
        return Upsert(orm.allocations, {
            "allocation_id": e.allocation_id, "village_code": e.village_code, "source_kind": e.source_kind,
            "unit_id": e.unit_id, "amount_fen": e.amount_fen, "year": e.year, "at": e.at}, ["allocation_id"])

    def _FundsDisbursed(self, e: ev.FundsDisbursed) -> Upsert:
        return Upsert(orm.disbursements, {
            "disbursement_id": e.disbursement_id, "allocation_id": e.allocation_id,
            "village_code": e.village_code, "amount_fen": e.amount_fen, "at": e.at}, ["disbursement_id"])

    def _DisbursementReversed(self, e: ev.DisbursementReversed) -> Upsert:
        return Upsert(orm.reversals, {
            "reversal_id": e.reversal_id, "disbursement_id": e.disbursement_id, "allocation_id": e.allocation_id,
            "village_code": e.village_code, "amount_fen": e.amount_fen, "at": e.at}, ["reversal_id"])

    def _ProjectCreated(self, e: ev.ProjectCreated) -> Upsert:
        return Upsert(orm.projects, {"project_id": e.project_id, "village_code": e.village_code,
                                     "poor_households": e.poor_households, "at": e.at}, ["project_id"])

    def _CollectiveIncomeRecorded(self, e: ev.CollectiveIncomeRecorded) -> Upsert:
        return Upsert(orm.collective_incomes, {"record_id": e.record_id, "village_code": e.village_code,
                                               "year": e.year, "amount_fen": e.amount_fen, "at": e.at},
                      ["record_id"])


PROVINCE = "province"


class ClockStore:
    """The province's clock. A tick takes its lock exclusively and every fact
    batch shares it, both before any county or city lock: a tick then never
    overlooks a village whose facts are being written (it waits for them and
    finds the village due), nor does a batch score a village against a clock
    a tick is moving (it waits and reads the new one)."""

    LOCK = "assessment:clock"

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def lock_shared(self) -> None:
        self._lock("pg_advisory_xact_lock_shared")

    def lock_exclusive(self) -> None:
        self._lock("pg_advisory_xact_lock")

    def _lock(self, function: str) -> None:
        # Held until the transaction ends (PostgreSQL; SQLite runs one writer anyway).
        if self.connection.dialect.name == "postgresql":
            self.connection.execute(text(f"SELECT {function}(hashtext(:name))"), {"name": self.LOCK})

    def latest(self) -> datetime | None:
        return utc(self.connection.execute(
            select(orm.clock.c.as_of).where(orm.clock.c.name == PROVINCE)).scalar_one_or_none())

    def set(self, as_of: datetime) -> None:
        upsert(self.connection, orm.clock, {"name": PROVINCE, "as_of": as_of}, ["name"], ["as_of"])


# Every table a village's assessment reads, by its village_code.
VILLAGE_FACT_TABLES = (orm.registered_households, orm.surveys, orm.household_status, orm.risk_events,
                       orm.disbursements, orm.reversals, orm.allocations, orm.attendance, orm.inspections,
                       orm.complaints, orm.stationings, orm.pairings, orm.plans, orm.projects,
                       orm.collective_incomes)


class _Position:
    def __init__(self) -> None:
        self.facts = 0
        self.last: datetime | None = None

    def see(self, *moments: datetime | None, count: int = 1) -> None:
        self.facts += count
        for moment in moments:
            moment = utc(moment)
            if moment is not None and (self.last is None or moment > self.last):
                self.last = moment


class FactLoader:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        # Table name -> village -> rows, while assembling a bulk load.
        self._preloaded: dict[str, dict[str, list[Any]]] | None = None

    def _rows(self, table: Table, village: str) -> list[Any]:
        return self._preloaded[table.name].get(village, []) if self._preloaded is not None else \
            list(self.connection.execute(select(table).where(table.c.village_code == village)))

    def divisions(self, village: str) -> ev.Divisions | None:
        return self.divisions_many([village]).get(village)

    def divisions_many(self, villages: list[str]) -> dict[str, ev.Divisions]:
        found = {}
        for chunk in _chunks(villages):
            for row in self.connection.execute(select(orm.villages).where(orm.villages.c.village_code.in_(chunk))):
                found[row.village_code] = ev.Divisions(row.province_code, row.city_code, row.county_code,
                                                       row.township_code, row.village_code)
        return found

    def villages_due(self, due: DueBefore) -> list[str]:
        """Villages with a deadline passed (see DueBefore): an allocation with
        no disbursement at all, or a registered household's risk that no
        clearing at or after it closed. The same facts `_time_flags` reads."""
        a, d = orm.allocations, orm.disbursements
        idle = select(a.c.village_code).where(
            a.c.at < due.allocated, ~exists().where(d.c.allocation_id == a.c.allocation_id))
        flagged, cleared, h = orm.risk_events, orm.risk_events.alias("cleared"), orm.registered_households
        unattended = select(flagged.c.village_code).join(h, and_(
            h.c.household_id == flagged.c.household_id, h.c.village_code == flagged.c.village_code)).where(
            flagged.c.kind == "flagged", flagged.c.at < due.risk_open,
            ~exists().where(cleared.c.household_id == flagged.c.household_id, cleared.c.kind == "cleared",
                            cleared.c.at >= flagged.c.at))
        return sorted(set(self.connection.execute(idle.union(unattended)).scalars()))

    def villages(self, villages: list[str]) -> dict[str, m.VillageFacts]:
        """The facts of many villages in one query per table (a batch's
        villages, not the province: memory stays bounded by the batch)."""
        divisions = self.divisions_many(villages)
        known = sorted(divisions)
        preloaded: dict[str, dict[str, list[Any]]] = {}
        for table in VILLAGE_FACT_TABLES:
            by_village: dict[str, list[Any]] = defaultdict(list)
            for chunk in _chunks(known):
                for row in self.connection.execute(select(table).where(table.c.village_code.in_(chunk))).all():
                    by_village[row.village_code].append(row)
            preloaded[table.name] = by_village
        self._preloaded = preloaded
        clock = ClockStore(self.connection).latest()
        try:
            return {code: self._assemble(divisions[code], clock) for code in known}
        finally:
            self._preloaded = None

    def village(self, village: str) -> m.VillageFacts | None:
        divisions = self.divisions(village)
        if divisions is None:
            return None
        return self._assemble(divisions, ClockStore(self.connection).latest())

    def _assemble(self, divisions: ev.Divisions, clock: datetime | None) -> m.VillageFacts:
        village = divisions.village_code
        position = _Position()
        households = self._households(village, position)
        allocations = self._allocations(village, position)
        attendance = []
        for r in self._rows(orm.attendance, village):
            position.see(r.at)
            attendance.append(m.AttendanceMonth(r.cadre_id, r.unit_id, r.month, r.working_days,
                                                r.days_absent_without_leave, r.revision, utc(r.at)))  # type: ignore[arg-type]
        inspections = []
        for r in self._rows(orm.inspections, village):
            position.see(r.at)
            inspections.append(m.Inspection(r.inspection_id, r.cadre_id, r.unit_id, r.inspected_on, r.present,
                                            r.excused, utc(r.at)))  # type: ignore[arg-type]
        complaints = []
        for r in self._rows(orm.complaints, village):
            position.see(r.recorded_at, r.resolved_at)
            complaints.append(m.Complaint(r.complaint_id, r.cadre_id, r.upheld))
        stationings = []
        for r in self._rows(orm.stationings, village):
            position.see(r.stationed_at, r.withdrawn_at)
            stationings.append(m.Stationing(r.cadre_id, r.unit_id, r.start_date, r.end_date))
        pairings = []
        for r in self._rows(orm.pairings, village):
            position.see(r.paired_at, r.ended_at)
            pairings.append(m.Pairing(r.pairing_id, r.unit_id, r.start_date, r.end_date))
        plans = []
        for r in self._rows(orm.plans, village):
            position.see(r.at)
            plans.append(m.Plan(r.plan_id, r.unit_id, r.year, r.planned_funds_fen))
        projects = []
        for r in self._rows(orm.projects, village):
            position.see(r.at)
            projects.append(m.Project(r.project_id, r.poor_households, utc(r.at)))  # type: ignore[arg-type]
        latest: dict[int, tuple[datetime, str, int]] = {}
        for r in self._rows(orm.collective_incomes, village):
            position.see(r.at)
            candidate = (utc(r.at), r.record_id, r.amount_fen)
            if r.year not in latest or candidate[:2] > latest[r.year][:2]:  # type: ignore[operator]
                latest[r.year] = candidate  # type: ignore[assignment]
        return m.VillageFacts(
            divisions, households, allocations, tuple(sorted(attendance, key=lambda a: (a.cadre_id, a.month))),
            tuple(sorted(inspections, key=lambda i: i.inspection_id)),
            tuple(sorted(complaints, key=lambda c: c.complaint_id)),
            tuple(sorted(stationings, key=lambda s: s.cadre_id)), tuple(sorted(pairings, key=lambda p: p.pairing_id)),
            tuple(sorted(plans, key=lambda p: p.plan_id)), tuple(sorted(projects, key=lambda p: p.project_id)),
            {year: amount for year, (_, _, amount) in latest.items()},
            m.StreamPosition(position.facts, position.last), clock)

    def _households(self, village: str, position: _Position) -> tuple[m.Household, ...]:
        registered = {r.household_id: r for r in self._rows(orm.registered_households, village)}
        for r in registered.values():
            position.see(r.registered_at)
        surveys: dict[str, list[m.Survey]] = defaultdict(list)
        for r in self._rows(orm.surveys, village):
            position.see(r.at)
            surveys[r.household_id].append(m.Survey(
                r.survey_id, r.household_id, r.year, r.household_size, r.income_components_fen, r.net_income_fen,
                r.per_capita_net_income_fen, r.guarantees_met, r.supersedes_survey_id, utc(r.at)))  # type: ignore[arg-type]
        status: dict[str, tuple[datetime, str]] = {}
        for r in self._rows(orm.household_status, village):
            position.see(r.at)
            candidate = (utc(r.at), r.status)
            if r.household_id not in status or candidate > status[r.household_id]:  # type: ignore[operator]
                status[r.household_id] = candidate  # type: ignore[assignment]
        risks: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
        for r in self._rows(orm.risk_events, village):
            position.see(r.at)
            risks[r.household_id].append((utc(r.at), r.kind))  # type: ignore[arg-type]
        found = []
        for household_id in sorted(set(registered) | set(surveys)):
            row = registered.get(household_id)
            found.append(m.Household(
                household_id, row is not None, row.people if row is not None else 0,
                utc(row.registered_at) if row is not None else None,
                {"exited": "exited", "returned": "returned"}.get(status.get(household_id, (None, "poor"))[1], "poor"),
                tuple(sorted(surveys.get(household_id, []), key=lambda s: (s.year, s.at, s.survey_id))),
                _open_risk_since(risks.get(household_id, []))))
        return tuple(found)

    def _allocations(self, village: str, position: _Position) -> tuple[m.Allocation, ...]:
        disbursed: dict[str, int] = defaultdict(int)
        first: dict[str, datetime] = {}
        for r in self._rows(orm.disbursements, village):
            position.see(r.at)
            disbursed[r.allocation_id] += r.amount_fen
            at = utc(r.at)
            if r.allocation_id not in first or at < first[r.allocation_id]:  # type: ignore[operator]
                first[r.allocation_id] = at  # type: ignore[assignment]
        reversed_: dict[str, int] = defaultdict(int)
        for r in self._rows(orm.reversals, village):
            position.see(r.at)
            reversed_[r.allocation_id] += r.amount_fen
        found = []
        for r in sorted(self._rows(orm.allocations, village), key=lambda r: r.allocation_id):
            position.see(r.at)
            found.append(m.Allocation(r.allocation_id, r.source_kind, r.unit_id, r.amount_fen, r.year, utc(r.at),  # type: ignore[arg-type]
                                      disbursed[r.allocation_id], reversed_[r.allocation_id],
                                      first.get(r.allocation_id)))
        return tuple(found)

    def home_village(self, table: Table, id_column: str, target_id: str, start_column: str) -> str | None:
        """The village of a cadre's (or unit's) latest stationing (or pairing)."""
        column = table.c[id_column]
        row = self.connection.execute(
            select(table.c.village_code).where(column == target_id)
            .order_by(table.c[start_column].desc().nulls_last(), table.c.village_code.desc())).first()
        return row.village_code if row else None

    def village_summary(self, village: str) -> m.VillageSummary:
        t = orm.registered_households
        row = self.connection.execute(
            select(func.count(), func.coalesce(func.sum(t.c.people), 0)).where(t.c.village_code == village)).one()
        return m.VillageSummary(village, int(row[0]), int(row[1]))


def _chunks(codes: list[str], size: int = 1000) -> list[list[str]]:
    return [codes[start:start + size] for start in range(0, len(codes), size)]


def _open_risk_since(events: list[tuple[datetime, str]]) -> datetime | None:
    cleared = max((at for at, kind in events if kind == "cleared"), default=None)
    open_ = [at for at, kind in events if kind == "flagged" and (cleared is None or at > cleared)]
    return min(open_) if open_ else None

