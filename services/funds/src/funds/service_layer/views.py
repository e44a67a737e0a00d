"""Read side: figures answered straight from the ledger's tables."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

from chassis.errors import FieldViolation, NotFound, collect
from chassis.security.tokens import Principal

from funds.domain import collective_income, figures, model
from funds.domain.divisions import is_division_code, is_village_code
from funds.service_layer.security import gate, scope
from funds.service_layer.unit_of_work import UnitOfWork

ReadUow = Callable[[], UnitOfWork]


def _check_village(code: str) -> None:
    if not is_village_code(code):
        collect([FieldViolation("village_code", "must be a 12-digit administrative village code")])


def _check_division(code: str) -> None:
    if code and not is_division_code(code):
        collect([FieldViolation("division_code", "must be a 12-digit division code (or empty for the province)")])


def get_source(source_id: str, new_uow: ReadUow, actor: Principal | None = None) -> figures.SourceView:
    gate(actor, "funds.source.read", None)
    with new_uow() as uow:
        found = uow.funds.source_views(source_id) if model.is_uuid(source_id) else []
    if not found:
        raise NotFound(f"source {source_id} not found")
    return found[0]


def list_sources(new_uow: ReadUow, actor: Principal | None = None) -> list[figures.SourceView]:
    gate(actor, "funds.source.read", None)
    with new_uow() as uow:
        return uow.funds.source_views()


def get_allocation(allocation_id: str, new_uow: ReadUow, actor: Principal | None = None) -> figures.AllocationView:
    with new_uow() as uow:
        found = uow.funds.allocation_views(allocation_id) if model.is_uuid(allocation_id) else []
    gate(actor, "funds.allocation.read", found[0].village_code if found else None)
    if not found:
        raise NotFound(f"allocation {allocation_id} not found")
    return found[0]


def get_project(project_id: str, new_uow: ReadUow, actor: Principal | None = None) -> figures.ProjectView:
    with new_uow() as uow:
        found = uow.funds.project_views(project_id) if model.is_uuid(project_id) else []
    gate(actor, "funds.project.read", found[0].village_code if found else None)
    if not found:
        raise NotFound(f"project {project_id} not found")
    return found[0]


def village_funds(village_code: str, new_uow: ReadUow, actor: Principal | None = None) -> figures.VillageFunds:
    gate(actor, "funds.village.read", village_code)
    _check_village(village_code)
    with new_uow() as uow:
        allocations = uow.funds.allocation_views(division_code=village_code)
        projects = uow.funds.project_views(village_code=village_code)
    return figures.village_funds(village_code, allocations, projects)


def get_collective_income(village_code: str, new_uow: ReadUow,
                          actor: Principal | None = None) -> collective_income.VillageIncome:
    """Read with the village's funds (funds.village.read): whoever may see a
    village's money may see what its collective earns, auditors included."""
    gate(actor, "funds.village.read", village_code)
    _check_village(village_code)
    with new_uow() as uow:
        records = uow.funds.collective_incomes(village_code)
    return collective_income.village_income(village_code, records)


def source_mix(division_code: str, new_uow: ReadUow, actor: Principal | None = None) -> figures.SourceMix:
    division_code = scope(actor, "funds.source_mix.read", division_code)
    _check_division(division_code)
    with new_uow() as uow:
        return figures.source_mix(division_code, uow.funds.allocated_by_kind(division_code or None))


def parse_as_of(value: str, today: date) -> date:
    if not value:
        return today
    try:
        return date.fromisoformat(value)
    except ValueError:
        collect([FieldViolation("as_of", "must be a date YYYY-MM-DD")])
        raise  # unreachable: collect raised


def idle_allocations(as_of: date, idle_days: int, division_code: str,
                     new_uow: ReadUow, actor: Principal | None = None) -> list[figures.IdleAllocation]:
    division_code = scope(actor, "funds.idle.read", division_code)
    violations = []
    if type(idle_days) is not int or not 1 <= idle_days <= 3650:
        violations.append(FieldViolation("idle_days", "must be a whole number of days from 1 to 3650"))
    if division_code and not is_division_code(division_code):
        violations.append(FieldViolation("division_code", "must be a 12-digit division code (or empty)"))
    collect(violations)
    with new_uow() as uow:
        allocations = uow.funds.allocation_views(division_code=division_code or None)
    return figures.idle_allocations(allocations, as_of, idle_days)


CSV_COLUMNS = ("date", "occurred_at", "transaction_id", "kind", "reference_id", "line", "account", "account_kind",
               "source_id", "source_kind", "allocation_id", "project_id", "amount_fen", "amount_yuan",
               "recipient_kind", "recipient_ref")


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def village_ledger_csv(village_code: str, new_uow: ReadUow, actor: Principal | None = None) -> str:
    """Every journal line of the village's transactions; each transaction's lines
    sum to zero, so an auditor can check the file on its own."""
    gate(actor, "funds.village.read", village_code)
    _check_village(village_code)
    with new_uow() as uow:
        rows = uow.funds.village_ledger(village_code)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        occurred = r.occurred_at if r.occurred_at.tzinfo else r.occurred_at.replace(tzinfo=model.UTC)
        writer.writerow([model.calendar_date(occurred).isoformat(), model.rfc3339(occurred), r.transaction_id,
                         r.kind, r.reference_id, r.line_no, r.account_id, r.account_kind, r.source_id,
                         r.source_kind, r.allocation_id or "", r.project_id or "", r.amount_fen, yuan(r.amount_fen),
                         r.recipient_kind or "", _safe(r.recipient_ref or "")])
    return out.getvalue()


def _safe(text: str) -> str:
    # A contractor's name opened in a spreadsheet must not run as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
