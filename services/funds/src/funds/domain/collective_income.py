"""The income of a village's collective economy, year by year, as the village
reports it (DOMAIN.md: "village collective income" is scored by the
assessment). It moves no money, so it stays off the ledger.

A second record for the same village and year is a correction: it supersedes
the record in force with the next revision. The assessment keeps, per village
and year, the record with the latest recorded_at (then record_id), so a
correction must be recorded strictly later than what it corrects: then the
highest revision here and the latest record there are always the same one."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from chassis.errors import FailedPrecondition, FieldViolation, collect

from funds.domain import commands
from funds.domain.divisions import DivisionPath
from funds.domain.model import (MAX_AMOUNT_FEN, MAX_NAME, MAX_TEXT, calendar_date, check_idempotency_key,
                                check_text, check_village, parse_moment, rfc3339)

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Report:
    """A RecordCollectiveIncome command that passed validation."""

    village: DivisionPath
    year: int
    amount_fen: int
    reported_by: str
    note: str
    recorded_at: datetime


@dataclass(frozen=True)
class Record:
    id: str
    village: DivisionPath
    year: int
    amount_fen: int
    revision: int
    supersedes_id: str | None
    reported_by: str
    note: str
    recorded_at: datetime


def check_report(command: commands.RecordCollectiveIncome, now: datetime) -> Report:
    """Every problem of the request at once."""
    violations: list[FieldViolation] = []
    village = check_village(command.village_code, violations)
    recorded_at = parse_moment(command.recorded_at, now, "recorded_at", violations)
    _check_year(command.year, recorded_at, violations)
    _check_income(command.amount_fen, violations)
    reported_by = check_text(command.reported_by, "reported_by", MAX_NAME, violations)
    note = check_text(command.note, "note", MAX_TEXT, violations)
    check_idempotency_key(command, violations)
    collect(violations)
    return Report(village, command.year, command.amount_fen, reported_by, note, recorded_at)  # type: ignore[arg-type]


def _check_year(year: int, recorded_at: datetime, violations: list[FieldViolation]) -> None:
    if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
        violations.append(FieldViolation("year", f"is required (a year from {MIN_YEAR} to {MAX_YEAR})" if year == 0
                                         else f"must be a year from {MIN_YEAR} to {MAX_YEAR}"))
    elif year > calendar_date(recorded_at).year:
        # A year's income cannot be reported before the year has begun.
        violations.append(FieldViolation("year", f"must not be after the year it is recorded in "
                                                 f"({calendar_date(recorded_at).year})"))


def _check_income(amount: int, violations: list[FieldViolation]) -> None:
    if type(amount) is not int:
        violations.append(FieldViolation("amount_fen", "must be an integer number of fen"))
    elif amount < 0:
        violations.append(FieldViolation("amount_fen", "must not be negative (0 = no collective income)"))
    elif amount > MAX_AMOUNT_FEN:
        violations.append(FieldViolation("amount_fen", f"must be at most {MAX_AMOUNT_FEN} fen"))


def supersede(current: Record | None, report: Report, record_id: str) -> Record:
    """The new record: revision 1, or the correction of `current` (the record in
    force for the same village and year)."""
    if current is None:
        return Record(record_id, report.village, report.year, report.amount_fen, 1, None, report.reported_by,
                      report.note, report.recorded_at)
    problems = []
    if report.recorded_at <= current.recorded_at:
        problems.append(f"a correction must be recorded after it (recorded_at {rfc3339(report.recorded_at)})")
    if not report.note:
        problems.append("a correction must say why in note")
    if problems:
        raise FailedPrecondition(
            f"village {current.village.village} already has collective income for {current.year} in force: "
            f"revision {current.revision}, {current.amount_fen} fen, recorded at {rfc3339(current.recorded_at)}; "
            + "; ".join(problems))
    return Record(record_id, report.village, report.year, report.amount_fen, current.revision + 1, current.id,
                  report.reported_by, report.note, report.recorded_at)


# --- what callers read: flat, so a stored idempotent result round-trips through JSON ---

@dataclass(frozen=True)
class RecordView:
    record_id: str
    village_code: str
    year: int
    amount_fen: int
    revision: int
    supersedes_record_id: str
    reported_by: str
    note: str
    recorded_at: str


@dataclass(frozen=True)
class VillageIncome:
    village_code: str
    years: tuple[RecordView, ...]
    superseded: tuple[RecordView, ...]
    latest_year: int
    latest_amount_fen: int


def view_of(record: Record) -> RecordView:
    return RecordView(record.id, record.village.village, record.year, record.amount_fen, record.revision,
                      record.supersedes_id or "", record.reported_by, record.note, rfc3339(record.recorded_at))


def village_income(village_code: str, records: Iterable[Record]) -> VillageIncome:
    """Per year, the highest revision is in force; the rest were superseded."""
    ordered = sorted(records, key=lambda r: (r.year, r.revision))
    in_force = {r.year: r for r in ordered}  # the last (highest) revision of each year wins
    years = tuple(view_of(in_force[year]) for year in sorted(in_force))
    superseded = tuple(view_of(r) for r in ordered if in_force[r.year] is not r)
    latest = years[-1] if years else None
    return VillageIncome(village_code, years, superseded, latest.year if latest else 0,
                         latest.amount_fen if latest else 0)
