"""What the service reports: results of money movements (stored with their
idempotency key, so a retry gets exactly the first answer) and the figures
read from the ledger. Ratios are integer basis points, never floats."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from funds.domain.model import calendar_date
from funds.domain.vocabulary import SOCIAL_KINDS, ProjectStatus, SourceKind


def basis_points(part: int, whole: int) -> int:
    """part / whole in hundredths of a percent, rounded half up; 0 for an empty whole."""
    if whole <= 0:
        return 0
    return (part * 20000 + whole) // (2 * whole)


# --- results of money movements: flat, so they round-trip through JSON ---

@dataclass(frozen=True)
class Receipt:
    transaction_id: str
    source_id: str
    amount_fen: int
    received_at: str
    source_unallocated_fen: int


@dataclass(frozen=True)
class Commitment:
    commitment_id: str
    transaction_id: str
    allocation_id: str
    project_id: str
    amount_fen: int
    committed_at: str
    allocation_uncommitted_fen: int


@dataclass(frozen=True)
class Payment:
    disbursement_id: str
    transaction_id: str
    allocation_id: str
    project_id: str
    village_code: str
    amount_fen: int
    recipient_kind: str
    recipient_ref: str
    disbursed_at: str
    commitment_remaining_fen: int


@dataclass(frozen=True)
class Reversal:
    reversal_id: str
    transaction_id: str
    disbursement_id: str
    allocation_id: str
    project_id: str
    amount_fen: int
    reason: str
    reversed_at: str


# --- views ---

@dataclass(frozen=True)
class SourceView:
    source_id: str
    kind: str
    name: str
    unit_id: str
    created_at: str
    received_fen: int
    allocated_fen: int
    unallocated_fen: int
    disbursed_fen: int


@dataclass(frozen=True)
class AllocationView:
    allocation_id: str
    transaction_id: str
    source_id: str
    source_kind: str
    village_code: str
    amount_fen: int
    year: int
    allocated_at: str
    purpose: str
    uncommitted_fen: int
    committed_fen: int
    disbursed_fen: int
    last_disbursed_at: str

    @property
    def unspent_fen(self) -> int:
        return self.uncommitted_fen + self.committed_fen


@dataclass(frozen=True)
class ProjectView:
    project_id: str
    village_code: str
    type: str
    subtype: str
    name: str
    budget_fen: int
    poor_households: int
    non_poor_households: int
    status: str
    created_at: str
    completed_at: str
    committed_fen: int
    disbursed_fen: int
    released_fen: int
    utilisation_basis_points: int


def project_status(completed: bool, disbursed_fen: int) -> ProjectStatus:
    if completed:
        return ProjectStatus.COMPLETED
    return ProjectStatus.IN_PROGRESS if disbursed_fen > 0 else ProjectStatus.PLANNED


@dataclass(frozen=True)
class VillageFunds:
    village_code: str
    allocated_fen: int
    uncommitted_fen: int
    committed_fen: int
    disbursed_fen: int
    utilisation_basis_points: int
    allocations: tuple[AllocationView, ...]
    projects: tuple[ProjectView, ...]


def village_funds(village_code: str, allocations: Iterable[AllocationView],
                  projects: Iterable[ProjectView]) -> VillageFunds:
    allocations, projects = tuple(allocations), tuple(projects)
    allocated = sum(a.amount_fen for a in allocations)
    disbursed = sum(a.disbursed_fen for a in allocations)
    return VillageFunds(village_code=village_code, allocated_fen=allocated,
                        uncommitted_fen=sum(a.uncommitted_fen for a in allocations),
                        committed_fen=sum(a.committed_fen for a in allocations), disbursed_fen=disbursed,
                        utilisation_basis_points=basis_points(disbursed, allocated),
                        allocations=allocations, projects=projects)


@dataclass(frozen=True)
class KindShare:
    kind: SourceKind
    allocated_fen: int
    share_basis_points: int


@dataclass(frozen=True)
class SourceMix:
    division_code: str
    total_allocated_fen: int
    kinds: tuple[KindShare, ...]
    social_fen: int
    social_share_basis_points: int


def source_mix(division_code: str, allocated_by_kind: dict[SourceKind, int]) -> SourceMix:
    """Every kind is listed (zeros included) so a dashboard's columns never move."""
    total = sum(allocated_by_kind.values())
    social = sum(v for k, v in allocated_by_kind.items() if k in SOCIAL_KINDS)
    kinds = tuple(KindShare(kind, allocated_by_kind.get(kind, 0), basis_points(allocated_by_kind.get(kind, 0), total))
                  for kind in SourceKind)
    return SourceMix(division_code=division_code, total_allocated_fen=total, kinds=kinds, social_fen=social,
                     social_share_basis_points=basis_points(social, total))


@dataclass(frozen=True)
class IdleAllocation:
    allocation: AllocationView
    unspent_fen: int
    idle_since: date
    days_idle: int


def idle_allocations(allocations: Iterable[AllocationView], as_of: date, idle_days: int) -> list[IdleAllocation]:
    """Allocations with money left and no disbursement for more than `idle_days`
    calendar days (Asia/Shanghai) as of `as_of`. An allocation made after
    `as_of` is not judged (it did not exist yet)."""
    found = []
    for allocation in allocations:
        last = allocation.last_disbursed_at or allocation.allocated_at
        since = calendar_date(datetime.fromisoformat(last.replace("Z", "+00:00")))
        if allocation.unspent_fen <= 0 or since > as_of:
            continue
        days = (as_of - since).days
        if days > idle_days:
            found.append(IdleAllocation(allocation, allocation.unspent_fen, since, days))
    return sorted(found, key=lambda i: (-i.days_idle, i.allocation.allocation_id))
