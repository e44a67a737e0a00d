"""Facts the funds service announces on funds.ledger.v1 (key = village code).
They carry ids and amounts, never a person's name."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from funds.domain.divisions import DivisionPath
from funds.domain.vocabulary import ProjectType, RecipientKind, SourceKind


class Event:
    village: DivisionPath


@dataclass(frozen=True)
class FundsAllocated(Event):
    allocation_id: str
    source_id: str
    source_kind: SourceKind
    unit_id: str
    village: DivisionPath
    amount_fen: int
    year: int
    allocated_at: datetime


@dataclass(frozen=True)
class ProjectCreated(Event):
    project_id: str
    village: DivisionPath
    type: ProjectType
    subtype: str
    budget_fen: int
    poor_households: int
    non_poor_households: int
    created_at: datetime


@dataclass(frozen=True)
class FundsCommitted(Event):
    commitment_id: str
    allocation_id: str
    project_id: str
    village: DivisionPath
    amount_fen: int
    committed_at: datetime


@dataclass(frozen=True)
class ProjectCompleted(Event):
    project_id: str
    village: DivisionPath
    spent_fen: int
    released_fen: int
    budget_fen: int
    completed_at: datetime


@dataclass(frozen=True)
class FundsDisbursed(Event):
    disbursement_id: str
    allocation_id: str
    project_id: str
    village: DivisionPath
    amount_fen: int
    recipient_kind: RecipientKind
    disbursed_at: datetime


@dataclass(frozen=True)
class DisbursementReversed(Event):
    reversal_id: str
    disbursement_id: str
    allocation_id: str
    village: DivisionPath
    amount_fen: int
    reason: str
    reversed_at: datetime


@dataclass(frozen=True)
class CollectiveIncomeRecorded(Event):
    """A village's collective income for a year; a later record of the same
    village and year corrects it (the assessment keeps the latest)."""
    record_id: str
    village: DivisionPath
    year: int
    amount_fen: int
    recorded_at: datetime
