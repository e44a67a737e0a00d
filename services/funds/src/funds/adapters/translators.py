"""Protobuf <-> domain. The only module that knows both shapes."""
from __future__ import annotations

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper
from shuangdao.common.v1 import divisions_pb2
from shuangdao.funds.v1 import events_pb2, funds_pb2

from chassis.kafka import Envelope
from chassis.outbox import OutgoingEvent

from funds.domain import collective_income, commands, events, figures
from funds.domain.divisions import DivisionPath, path_of_village
from funds.domain.model import rfc3339

SOURCE = "shuangdao/funds"


def enum_to_word(wrapper: EnumTypeWrapper, prefix: str, number: int) -> str:
    """SOURCE_KIND_SOCIAL_DONATION -> "social_donation"; unspecified -> "" (rejected later)."""
    try:
        name = wrapper.Name(number)
    except ValueError:
        return f"unknown({number})"
    return "" if name.endswith("_UNSPECIFIED") else name.removeprefix(prefix).lower()


def word_to_enum(wrapper: EnumTypeWrapper, prefix: str, word: str) -> int:
    return wrapper.Value(prefix + word.upper()) if word else 0


def kind_number(word: str) -> int:
    return word_to_enum(events_pb2.SourceKind, "SOURCE_KIND_", word)


def type_number(word: str) -> int:
    return word_to_enum(events_pb2.ProjectType, "PROJECT_TYPE_", word)


def divisions_message(path: DivisionPath) -> divisions_pb2.DivisionPath:
    return divisions_pb2.DivisionPath(province_code=path.province, city_code=path.city, county_code=path.county,
                                      township_code=path.township, village_code=path.village)


def village_message(code: str) -> divisions_pb2.DivisionPath:
    return divisions_message(path_of_village(code))


# --- requests -> commands ---

def create_source(r: funds_pb2.CreateSourceRequest) -> commands.CreateSource:
    return commands.CreateSource(enum_to_word(events_pb2.SourceKind, "SOURCE_KIND_", r.kind), r.name, r.unit_id,
                                 r.idempotency_key)


def record_receipt(r: funds_pb2.RecordReceiptRequest) -> commands.RecordReceipt:
    return commands.RecordReceipt(r.source_id, r.amount_fen, r.received_at, r.note, r.idempotency_key)


def allocate_funds(r: funds_pb2.AllocateFundsRequest) -> commands.AllocateFunds:
    return commands.AllocateFunds(r.source_id, r.village_code, r.amount_fen, r.year, r.allocated_at, r.purpose,
                                  r.idempotency_key)


def create_project(r: funds_pb2.CreateProjectRequest) -> commands.CreateProject:
    return commands.CreateProject(r.village_code, enum_to_word(events_pb2.ProjectType, "PROJECT_TYPE_", r.type),
                                  r.subtype, r.name, r.budget_fen, r.poor_households, r.non_poor_households,
                                  r.created_at, r.idempotency_key)


def commit_funds(r: funds_pb2.CommitFundsRequest) -> commands.CommitFunds:
    return commands.CommitFunds(r.allocation_id, r.project_id, r.amount_fen, r.committed_at, r.idempotency_key)


def disburse(r: funds_pb2.DisburseRequest) -> commands.Disburse:
    return commands.Disburse(r.allocation_id, r.project_id, r.amount_fen,
                             enum_to_word(funds_pb2.RecipientKind, "RECIPIENT_KIND_", r.recipient_kind),
                             r.recipient_ref, r.disbursed_at, r.note, r.idempotency_key)


def reverse_disbursement(r: funds_pb2.ReverseDisbursementRequest) -> commands.ReverseDisbursement:
    return commands.ReverseDisbursement(r.disbursement_id, r.reason, r.reversed_at, r.idempotency_key)


def complete_project(r: funds_pb2.CompleteProjectRequest) -> commands.CompleteProject:
    return commands.CompleteProject(r.project_id, r.completed_at, r.idempotency_key)


def record_collective_income(r: funds_pb2.RecordCollectiveIncomeRequest) -> commands.RecordCollectiveIncome:
    return commands.RecordCollectiveIncome(r.village_code, r.year, r.amount_fen, r.reported_by, r.note,
                                           r.recorded_at, r.idempotency_key)


# --- views -> messages ---

def source_message(v: figures.SourceView) -> funds_pb2.Source:
    return funds_pb2.Source(source_id=v.source_id, kind=kind_number(v.kind), name=v.name, unit_id=v.unit_id,
                            created_at=v.created_at, received_fen=v.received_fen, allocated_fen=v.allocated_fen,
                            unallocated_fen=v.unallocated_fen, disbursed_fen=v.disbursed_fen)


def receipt_message(v: figures.Receipt) -> funds_pb2.Receipt:
    return funds_pb2.Receipt(transaction_id=v.transaction_id, source_id=v.source_id, amount_fen=v.amount_fen,
                             received_at=v.received_at, source_unallocated_fen=v.source_unallocated_fen)


def allocation_message(v: figures.AllocationView) -> funds_pb2.Allocation:
    return funds_pb2.Allocation(
        allocation_id=v.allocation_id, transaction_id=v.transaction_id, source_id=v.source_id,
        source_kind=kind_number(v.source_kind), village=village_message(v.village_code), amount_fen=v.amount_fen,
        year=v.year, allocated_at=v.allocated_at, purpose=v.purpose, uncommitted_fen=v.uncommitted_fen,
        committed_fen=v.committed_fen, disbursed_fen=v.disbursed_fen, last_disbursed_at=v.last_disbursed_at)


def project_message(v: figures.ProjectView) -> funds_pb2.Project:
    return funds_pb2.Project(
        project_id=v.project_id, village=village_message(v.village_code), type=type_number(v.type),
        subtype=v.subtype, name=v.name, budget_fen=v.budget_fen, poor_households=v.poor_households,
        non_poor_households=v.non_poor_households,
        status=word_to_enum(funds_pb2.ProjectStatus, "PROJECT_STATUS_", v.status), created_at=v.created_at,
        completed_at=v.completed_at, committed_fen=v.committed_fen, disbursed_fen=v.disbursed_fen,
        released_fen=v.released_fen, utilisation_basis_points=v.utilisation_basis_points)


def commitment_message(v: figures.Commitment) -> funds_pb2.Commitment:
    return funds_pb2.Commitment(commitment_id=v.commitment_id, transaction_id=v.transaction_id,
                                allocation_id=v.allocation_id, project_id=v.project_id, amount_fen=v.amount_fen,
                                committed_at=v.committed_at, allocation_uncommitted_fen=v.allocation_uncommitted_fen)


def disbursement_message(v: figures.Payment) -> funds_pb2.Disbursement:
    return funds_pb2.Disbursement(
        disbursement_id=v.disbursement_id, transaction_id=v.transaction_id, allocation_id=v.allocation_id,
        project_id=v.project_id, village=village_message(v.village_code), amount_fen=v.amount_fen,
        recipient_kind=word_to_enum(funds_pb2.RecipientKind, "RECIPIENT_KIND_", v.recipient_kind),
        recipient_ref=v.recipient_ref, disbursed_at=v.disbursed_at,
        commitment_remaining_fen=v.commitment_remaining_fen)


def reversal_message(v: figures.Reversal) -> funds_pb2.Reversal:
    return funds_pb2.Reversal(reversal_id=v.reversal_id, transaction_id=v.transaction_id,
                              disbursement_id=v.disbursement_id, allocation_id=v.allocation_id,
                              project_id=v.project_id, amount_fen=v.amount_fen, reason=v.reason,
                              reversed_at=v.reversed_at)


def village_funds_message(v: figures.VillageFunds) -> funds_pb2.VillageFunds:
    return funds_pb2.VillageFunds(
        village=village_message(v.village_code), allocated_fen=v.allocated_fen, uncommitted_fen=v.uncommitted_fen,
        committed_fen=v.committed_fen, disbursed_fen=v.disbursed_fen,
        utilisation_basis_points=v.utilisation_basis_points,
        allocations=[allocation_message(a) for a in v.allocations],
        projects=[project_message(p) for p in v.projects])


def collective_income_record_message(v: collective_income.RecordView) -> funds_pb2.CollectiveIncomeRecord:
    return funds_pb2.CollectiveIncomeRecord(
        record_id=v.record_id, village=village_message(v.village_code), year=v.year, amount_fen=v.amount_fen,
        revision=v.revision, supersedes_record_id=v.supersedes_record_id, reported_by=v.reported_by, note=v.note,
        recorded_at=v.recorded_at)


def collective_income_message(v: collective_income.VillageIncome) -> funds_pb2.CollectiveIncome:
    return funds_pb2.CollectiveIncome(
        village=village_message(v.village_code), years=[collective_income_record_message(r) for r in v.years],
        superseded=[collective_income_record_message(r) for r in v.superseded], latest_year=v.latest_year,
        latest_amount_fen=v.latest_amount_fen)


def source_mix_message(v: figures.SourceMix) -> funds_pb2.SourceMix:
    return funds_pb2.SourceMix(
        division_code=v.division_code, total_allocated_fen=v.total_allocated_fen,
        kinds=[funds_pb2.KindShare(kind=kind_number(k.kind.value), allocated_fen=k.allocated_fen,
                                   share_basis_points=k.share_basis_points) for k in v.kinds],
        social_fen=v.social_fen, social_share_basis_points=v.social_share_basis_points)


def idle_message(v: figures.IdleAllocation) -> funds_pb2.IdleAllocation:
    return funds_pb2.IdleAllocation(allocation=allocation_message(v.allocation), unspent_fen=v.unspent_fen,
                                    idle_since=v.idle_since.isoformat(), days_idle=v.days_idle)


# --- domain events -> outbox rows ---

def event_payload(event: events.Event) -> tuple[str, object]:
    if isinstance(event, events.FundsAllocated):
        return "funds-allocated", events_pb2.FundsAllocated(
            allocation_id=event.allocation_id, source_id=event.source_id,
            source_kind=kind_number(event.source_kind.value), unit_id=event.unit_id,
            village=divisions_message(event.village), amount_fen=event.amount_fen, year=event.year,
            allocated_at=rfc3339(event.allocated_at))
    if isinstance(event, events.ProjectCreated):
        return "project-created", events_pb2.ProjectCreated(
            project_id=event.project_id, village=divisions_message(event.village), type=type_number(event.type.value),
            subtype=event.subtype, budget_fen=event.budget_fen, poor_households=event.poor_households,
            non_poor_households=event.non_poor_households, created_at=rfc3339(event.created_at))
    if isinstance(event, events.FundsCommitted):
        return "funds-committed", events_pb2.FundsCommitted(
            commitment_id=event.commitment_id, allocation_id=event.allocation_id, project_id=event.project_id,
            village=divisions_message(event.village), amount_fen=event.amount_fen,
            committed_at=rfc3339(event.committed_at))
    if isinstance(event, events.ProjectCompleted):
        return "project-completed", events_pb2.ProjectCompleted(
            project_id=event.project_id, village=divisions_message(event.village), spent_fen=event.spent_fen,
            completed_at=rfc3339(event.completed_at), released_fen=event.released_fen,
            budget_fen=event.budget_fen)
    if isinstance(event, events.FundsDisbursed):
        return "funds-disbursed", events_pb2.FundsDisbursed(
            disbursement_id=event.disbursement_id, allocation_id=event.allocation_id, project_id=event.project_id,
            village=divisions_message(event.village), amount_fen=event.amount_fen,
            recipient_kind=event.recipient_kind.value, disbursed_at=rfc3339(event.disbursed_at))
    if isinstance(event, events.DisbursementReversed):
        return "disbursement-reversed", events_pb2.DisbursementReversed(
            reversal_id=event.reversal_id, disbursement_id=event.disbursement_id,
            allocation_id=event.allocation_id, village=divisions_message(event.village),
            amount_fen=event.amount_fen, reason=event.reason, reversed_at=rfc3339(event.reversed_at))
    if isinstance(event, events.CollectiveIncomeRecorded):
        return "collective-income-recorded", events_pb2.CollectiveIncomeRecorded(
            record_id=event.record_id, village=divisions_message(event.village), year=event.year,
            amount_fen=event.amount_fen, recorded_at=rfc3339(event.recorded_at))
    raise TypeError(f"no translation for {type(event).__name__}")


def outgoing(event: events.Event, topic: str) -> OutgoingEvent:
    """A domain event as the outbox row that will carry it, keyed by village so
    every movement of one village's money stays in order."""
    type_, payload = event_payload(event)
    envelope = Envelope.new(SOURCE, type_, payload.DESCRIPTOR.full_name)  # type: ignore[attr-defined]
    return OutgoingEvent(topic=topic, key=event.village.village, envelope=envelope,
                         payload=payload.SerializeToString())  # type: ignore[attr-defined]
