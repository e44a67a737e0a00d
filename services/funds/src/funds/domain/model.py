"""Sources, allocations, projects and disbursements: the records around the
ledger, and the validation of every command (all problems reported at once)."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import TypeVar
from zoneinfo import ZoneInfo

from chassis.errors import FieldViolation, collect

from funds.domain import commands
from funds.domain.divisions import DivisionPath, is_village_code, path_of_village
from funds.domain.vocabulary import ProjectStatus, ProjectType, RecipientKind, SourceKind

CALENDAR = ZoneInfo("Asia/Shanghai")
# 1e14 fen = 1 trillion yuan: far above any real amount, far below int64.
MAX_AMOUNT_FEN = 10**14
MAX_NAME = 200
MAX_SUBTYPE = 50
MAX_KEY = 128
MAX_TEXT = 500
MAX_HOUSEHOLDS = 100_000
KEY = re.compile(r"^[\x21-\x7e]+$")
E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class Source:
    id: str
    kind: SourceKind
    name: str
    unit_id: str
    created_at: datetime


@dataclass(frozen=True)
class Allocation:
    id: str
    source_id: str
    source_kind: SourceKind
    unit_id: str
    village: DivisionPath
    amount_fen: int
    year: int
    allocated_at: datetime
    purpose: str


@dataclass(frozen=True)
class Project:
    id: str
    village: DivisionPath
    type: ProjectType
    subtype: str
    name: str
    budget_fen: int
    poor_households: int
    non_poor_households: int
    created_at: datetime
    completed_at: datetime | None = None

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class Disbursement:
    id: str
    allocation_id: str
    project_id: str
    village: DivisionPath
    amount_fen: int
    recipient_kind: RecipientKind
    recipient_ref: str
    disbursed_at: datetime
    note: str
    reversal_id: str | None = None


def new_id() -> str:
    return str(uuid.uuid4())


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def calendar_date(moment: datetime) -> date:
    """The day a moment falls on in the programme's calendar (Asia/Shanghai)."""
    return moment.astimezone(CALENDAR).date()


# --- field checks: each appends to `violations` and returns a usable value ---

def parse_enum(kind: type[E], value: str, at: str, violations: list[FieldViolation]) -> E | None:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(k.value) for k in kind)
        violations.append(FieldViolation(at, f"must be one of {allowed}" if value else f"is required ({allowed})"))
        return None


def parse_moment(value: str, now: datetime, at: str, violations: list[FieldViolation]) -> datetime:
    """RFC 3339 with an offset; empty means now; never in the future."""
    if not value:
        return now
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        violations.append(FieldViolation(at, "must be an RFC 3339 time such as 2010-05-01T08:00:00Z"))
        return now
    if moment.tzinfo is None:
        violations.append(FieldViolation(at, "must carry a UTC offset (Z or +08:00)"))
        return now
    if moment > now:
        violations.append(FieldViolation(at, "must not be in the future"))
    return moment.astimezone(UTC)


def check_amount(value: int, at: str, violations: list[FieldViolation]) -> None:
    if type(value) is not int:
        violations.append(FieldViolation(at, "must be an integer number of fen"))
    elif value <= 0:
        violations.append(FieldViolation(at, "must be a positive number of fen"))
    elif value > MAX_AMOUNT_FEN:
        violations.append(FieldViolation(at, f"must be at most {MAX_AMOUNT_FEN} fen"))


def check_id(value: str, at: str, violations: list[FieldViolation]) -> None:
    if not value:
        violations.append(FieldViolation(at, "is required"))
    elif not is_uuid(value):
        violations.append(FieldViolation(at, "must be a UUID"))


def check_text(value: str, at: str, limit: int, violations: list[FieldViolation], required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        violations.append(FieldViolation(at, "is required"))
    elif any(ord(ch) < 32 and ch not in "\t\n" for ch in value):
        violations.append(FieldViolation(at, "must not contain control characters"))
    elif len(value) > limit:
        violations.append(FieldViolation(at, f"must be at most {limit} characters"))
    return value


def check_village(value: str, violations: list[FieldViolation]) -> DivisionPath | None:
    value = value.strip()
    if not value:
        violations.append(FieldViolation("village_code", "is required"))
        return None
    if not is_village_code(value):
        violations.append(FieldViolation("village_code", "must be a 12-digit administrative village code"))
        return None
    return path_of_village(value)


def check_idempotency_key(command: commands.Command, violations: list[FieldViolation]) -> None:
    key: str = getattr(command, "idempotency_key", "")
    if not key:
        if isinstance(command, commands.MONEY_MOVING):
            violations.append(FieldViolation("idempotency_key", "is required on every call that moves money"))
        elif isinstance(command, commands.SUPERSEDING):
            violations.append(FieldViolation("idempotency_key", "is required: a retried report must not record "
                                                                "a second revision"))
    elif len(key) > MAX_KEY or not KEY.match(key):
        violations.append(FieldViolation("idempotency_key", f"must be 1-{MAX_KEY} printable ASCII characters"))


def check_households(value: int, at: str, violations: list[FieldViolation]) -> None:
    if type(value) is not int or not 0 <= value <= MAX_HOUSEHOLDS:
        violations.append(FieldViolation(at, f"must be a whole number from 0 to {MAX_HOUSEHOLDS}"))


# --- commands -> validated records ---

def new_source(command: commands.CreateSource, now: datetime) -> Source:
    violations: list[FieldViolation] = []
    kind = parse_enum(SourceKind, command.kind, "kind", violations)
    name = check_text(command.name, "name", MAX_NAME, violations, required=True)
    unit_id = command.unit_id.strip()
    if unit_id:
        check_id(unit_id, "unit_id", violations)
        if kind is not None and kind is not SourceKind.SUPPORT_UNIT:
            violations.append(FieldViolation("unit_id", "only a support unit's own funds name a unit"))
    elif kind is SourceKind.SUPPORT_UNIT:
        violations.append(FieldViolation("unit_id", "is required for a support unit's self-raised funds"))
    check_idempotency_key(command, violations)
    collect(violations)
    return Source(id=new_id(), kind=kind, name=name, unit_id=unit_id, created_at=now)  # type: ignore[arg-type]


def check_receipt(command: commands.RecordReceipt, now: datetime) -> datetime:
    violations: list[FieldViolation] = []
    check_id(command.source_id, "source_id", violations)
    check_amount(command.amount_fen, "amount_fen", violations)
    received_at = parse_moment(command.received_at, now, "received_at", violations)
    check_text(command.note, "note", MAX_TEXT, violations)
    check_idempotency_key(command, violations)
    collect(violations)
    return received_at


def new_allocation(command: commands.AllocateFunds, source: Source | None, now: datetime) -> Allocation:
    """`source` is None while only the shape is checked (the caller looks it up after)."""
    violations: list[FieldViolation] = []
    check_id(command.source_id, "source_id", violations)
    village = check_village(command.village_code, violations)
    check_amount(command.amount_fen, "amount_fen", violations)
    allocated_at = parse_moment(command.allocated_at, now, "allocated_at", violations)
    year = command.year or calendar_date(allocated_at).year
    if type(command.year) is not int or not (command.year == 0 or 2000 <= command.year <= 2100):
        violations.append(FieldViolation("year", "must be a year from 2000 to 2100 (or 0 for the allocation's)"))
    purpose = check_text(command.purpose, "purpose", MAX_TEXT, violations)
    check_idempotency_key(command, violations)
    collect(violations)
    kind = source.kind if source else SourceKind.SOCIAL_DONATION
    return Allocation(id=new_id(), source_id=command.source_id, source_kind=kind,
                      unit_id=source.unit_id if source else "", village=village,  # type: ignore[arg-type]
                      amount_fen=command.amount_fen, year=year, allocated_at=allocated_at, purpose=purpose)


def new_project(command: commands.CreateProject, now: datetime) -> Project:
    violations: list[FieldViolation] = []
    village = check_village(command.village_code, violations)
    type_ = parse_enum(ProjectType, command.type, "type", violations)
    subtype = check_text(command.subtype, "subtype", MAX_SUBTYPE, violations).lower()
    name = check_text(command.name, "name", MAX_NAME, violations, required=True)
    check_amount(command.budget_fen, "budget_fen", violations)
    check_households(command.poor_households, "poor_households", violations)
    check_households(command.non_poor_households, "non_poor_households", violations)
    created_at = parse_moment(command.created_at, now, "created_at", violations)
    check_idempotency_key(command, violations)
    collect(violations)
    return Project(id=new_id(), village=village, type=type_, subtype=subtype, name=name,  # type: ignore[arg-type]
                   budget_fen=command.budget_fen, poor_households=command.poor_households,
                   non_poor_households=command.non_poor_households, created_at=created_at)


def check_commitment(command: commands.CommitFunds, now: datetime) -> datetime:
    violations: list[FieldViolation] = []
    check_id(command.allocation_id, "allocation_id", violations)
    check_id(command.project_id, "project_id", violations)
    check_amount(command.amount_fen, "amount_fen", violations)
    committed_at = parse_moment(command.committed_at, now, "committed_at", violations)
    check_idempotency_key(command, violations)
    collect(violations)
    return committed_at


@dataclass(frozen=True)
class PaymentOrder:
    """A disbursement request that passed validation."""

    recipient_kind: RecipientKind
    recipient_ref: str
    disbursed_at: datetime
    note: str


def check_disbursement(command: commands.Disburse, now: datetime) -> PaymentOrder:
    violations: list[FieldViolation] = []
    check_id(command.allocation_id, "allocation_id", violations)
    check_id(command.project_id, "project_id", violations)
    check_amount(command.amount_fen, "amount_fen", violations)
    recipient_kind = parse_enum(RecipientKind, command.recipient_kind, "recipient_kind", violations)
    ref = check_text(command.recipient_ref, "recipient_ref", MAX_NAME, violations, required=True)
    if ref and recipient_kind is RecipientKind.HOUSEHOLD and not is_uuid(ref):
        violations.append(FieldViolation("recipient_ref", "must be the registry's household id (a UUID)"))
    disbursed_at = parse_moment(command.disbursed_at, now, "disbursed_at", violations)
    note = check_text(command.note, "note", MAX_TEXT, violations)
    check_idempotency_key(command, violations)
    collect(violations)
    return PaymentOrder(recipient_kind, ref, disbursed_at, note)  # type: ignore[arg-type]


def check_reversal(command: commands.ReverseDisbursement, now: datetime) -> tuple[str, datetime]:
    violations: list[FieldViolation] = []
    check_id(command.disbursement_id, "disbursement_id", violations)
    reason = check_text(command.reason, "reason", MAX_TEXT, violations, required=True)
    reversed_at = parse_moment(command.reversed_at, now, "reversed_at", violations)
    check_idempotency_key(command, violations)
    collect(violations)
    return reason, reversed_at


def check_completion(command: commands.CompleteProject, now: datetime) -> datetime:
    violations: list[FieldViolation] = []
    check_id(command.project_id, "project_id", violations)
    completed_at = parse_moment(command.completed_at, now, "completed_at", violations)
    check_idempotency_key(command, violations)
    collect(violations)
    return completed_at
