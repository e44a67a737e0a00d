"""What callers ask the funds service to do, as they said it (validated by the
model). `actor` is the caller, set by the entrypoint from its verified token."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chassis.security.tokens import Principal


class Command:
    """Marker base."""


@dataclass(frozen=True)
class CreateSource(Command):
    kind: str
    name: str
    unit_id: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RecordReceipt(Command):
    source_id: str
    amount_fen: int
    received_at: str = ""
    note: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class AllocateFunds(Command):
    source_id: str
    village_code: str
    amount_fen: int
    year: int = 0
    allocated_at: str = ""
    purpose: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CreateProject(Command):
    village_code: str
    type: str
    subtype: str
    name: str
    budget_fen: int
    poor_households: int = 0
    non_poor_households: int = 0
    created_at: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CommitFunds(Command):
    allocation_id: str
    project_id: str
    amount_fen: int
    committed_at: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Disburse(Command):
    allocation_id: str
    project_id: str
    amount_fen: int
    recipient_kind: str
    recipient_ref: str
    disbursed_at: str = ""
    note: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ReverseDisbursement(Command):
    disbursement_id: str
    reason: str
    reversed_at: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CompleteProject(Command):
    project_id: str
    completed_at: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RecordCollectiveIncome(Command):
    village_code: str
    year: int
    amount_fen: int
    reported_by: str = ""
    note: str = ""
    recorded_at: str = ""
    idempotency_key: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


# Commands that move money must carry an idempotency key; creations may.
MONEY_MOVING = (RecordReceipt, AllocateFunds, CommitFunds, Disburse, ReverseDisbursement, CompleteProject)
# A figure that a second record supersedes needs one too: a retried report
# must not become a correction of itself.
SUPERSEDING = (RecordCollectiveIncome,)
