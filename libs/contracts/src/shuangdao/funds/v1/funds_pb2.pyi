from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from shuangdao.funds.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RecipientKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECIPIENT_KIND_UNSPECIFIED: _ClassVar[RecipientKind]
    RECIPIENT_KIND_CONTRACTOR: _ClassVar[RecipientKind]
    RECIPIENT_KIND_HOUSEHOLD: _ClassVar[RecipientKind]

class ProjectStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROJECT_STATUS_UNSPECIFIED: _ClassVar[ProjectStatus]
    PROJECT_STATUS_PLANNED: _ClassVar[ProjectStatus]
    PROJECT_STATUS_IN_PROGRESS: _ClassVar[ProjectStatus]
    PROJECT_STATUS_COMPLETED: _ClassVar[ProjectStatus]
RECIPIENT_KIND_UNSPECIFIED: RecipientKind
RECIPIENT_KIND_CONTRACTOR: RecipientKind
RECIPIENT_KIND_HOUSEHOLD: RecipientKind
PROJECT_STATUS_UNSPECIFIED: ProjectStatus
PROJECT_STATUS_PLANNED: ProjectStatus
PROJECT_STATUS_IN_PROGRESS: ProjectStatus
PROJECT_STATUS_COMPLETED: ProjectStatus

class Source(_message.Message):
    __slots__ = ("source_id", "kind", "name", "unit_id", "created_at", "received_fen", "allocated_fen", "unallocated_fen", "disbursed_fen")
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FEN_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_FEN_FIELD_NUMBER: _ClassVar[int]
    UNALLOCATED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    source_id: str
    kind: _events_pb2.SourceKind
    name: str
    unit_id: str
    created_at: str
    received_fen: int
    allocated_fen: int
    unallocated_fen: int
    disbursed_fen: int
    def __init__(self, source_id: _Optional[str] = ..., kind: _Optional[_Union[_events_pb2.SourceKind, str]] = ..., name: _Optional[str] = ..., unit_id: _Optional[str] = ..., created_at: _Optional[str] = ..., received_fen: _Optional[int] = ..., allocated_fen: _Optional[int] = ..., unallocated_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ...) -> None: ...

class CreateSourceRequest(_message.Message):
    __slots__ = ("kind", "name", "unit_id", "idempotency_key")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    kind: _events_pb2.SourceKind
    name: str
    unit_id: str
    idempotency_key: str
    def __init__(self, kind: _Optional[_Union[_events_pb2.SourceKind, str]] = ..., name: _Optional[str] = ..., unit_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GetSourceRequest(_message.Message):
    __slots__ = ("source_id",)
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    source_id: str
    def __init__(self, source_id: _Optional[str] = ...) -> None: ...

class ListSourcesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListSourcesResponse(_message.Message):
    __slots__ = ("sources",)
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    sources: _containers.RepeatedCompositeFieldContainer[Source]
    def __init__(self, sources: _Optional[_Iterable[_Union[Source, _Mapping]]] = ...) -> None: ...

class RecordReceiptRequest(_message.Message):
    __slots__ = ("source_id", "amount_fen", "received_at", "note", "idempotency_key")
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    source_id: str
    amount_fen: int
    received_at: str
    note: str
    idempotency_key: str
    def __init__(self, source_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., received_at: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Receipt(_message.Message):
    __slots__ = ("transaction_id", "source_id", "amount_fen", "received_at", "source_unallocated_fen")
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_UNALLOCATED_FEN_FIELD_NUMBER: _ClassVar[int]
    transaction_id: str
    source_id: str
    amount_fen: int
    received_at: str
    source_unallocated_fen: int
    def __init__(self, transaction_id: _Optional[str] = ..., source_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., received_at: _Optional[str] = ..., source_unallocated_fen: _Optional[int] = ...) -> None: ...

class AllocateFundsRequest(_message.Message):
    __slots__ = ("source_id", "village_code", "amount_fen", "year", "allocated_at", "purpose", "idempotency_key")
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_AT_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    source_id: str
    village_code: str
    amount_fen: int
    year: int
    allocated_at: str
    purpose: str
    idempotency_key: str
    def __init__(self, source_id: _Optional[str] = ..., village_code: _Optional[str] = ..., amount_fen: _Optional[int] = ..., year: _Optional[int] = ..., allocated_at: _Optional[str] = ..., purpose: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GetAllocationRequest(_message.Message):
    __slots__ = ("allocation_id",)
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    def __init__(self, allocation_id: _Optional[str] = ...) -> None: ...

class Allocation(_message.Message):
    __slots__ = ("allocation_id", "source_id", "source_kind", "village", "amount_fen", "year", "allocated_at", "purpose", "uncommitted_fen", "committed_fen", "disbursed_fen", "last_disbursed_at", "transaction_id")
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KIND_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_AT_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    UNCOMMITTED_FEN_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    LAST_DISBURSED_AT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    source_id: str
    source_kind: _events_pb2.SourceKind
    village: _divisions_pb2.DivisionPath
    amount_fen: int
    year: int
    allocated_at: str
    purpose: str
    uncommitted_fen: int
    committed_fen: int
    disbursed_fen: int
    last_disbursed_at: str
    transaction_id: str
    def __init__(self, allocation_id: _Optional[str] = ..., source_id: _Optional[str] = ..., source_kind: _Optional[_Union[_events_pb2.SourceKind, str]] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., amount_fen: _Optional[int] = ..., year: _Optional[int] = ..., allocated_at: _Optional[str] = ..., purpose: _Optional[str] = ..., uncommitted_fen: _Optional[int] = ..., committed_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., last_disbursed_at: _Optional[str] = ..., transaction_id: _Optional[str] = ...) -> None: ...

class CreateProjectRequest(_message.Message):
    __slots__ = ("village_code", "type", "subtype", "name", "budget_fen", "poor_households", "non_poor_households", "created_at", "idempotency_key")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBTYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FEN_FIELD_NUMBER: _ClassVar[int]
    POOR_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    NON_POOR_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    type: _events_pb2.ProjectType
    subtype: str
    name: str
    budget_fen: int
    poor_households: int
    non_poor_households: int
    created_at: str
    idempotency_key: str
    def __init__(self, village_code: _Optional[str] = ..., type: _Optional[_Union[_events_pb2.ProjectType, str]] = ..., subtype: _Optional[str] = ..., name: _Optional[str] = ..., budget_fen: _Optional[int] = ..., poor_households: _Optional[int] = ..., non_poor_households: _Optional[int] = ..., created_at: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GetProjectRequest(_message.Message):
    __slots__ = ("project_id",)
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    def __init__(self, project_id: _Optional[str] = ...) -> None: ...

class Project(_message.Message):
    __slots__ = ("project_id", "village", "type", "subtype", "name", "budget_fen", "poor_households", "non_poor_households", "status", "created_at", "completed_at", "committed_fen", "disbursed_fen", "released_fen", "utilisation_basis_points")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBTYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FEN_FIELD_NUMBER: _ClassVar[int]
    POOR_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    NON_POOR_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    RELEASED_FEN_FIELD_NUMBER: _ClassVar[int]
    UTILISATION_BASIS_POINTS_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    village: _divisions_pb2.DivisionPath
    type: _events_pb2.ProjectType
    subtype: str
    name: str
    budget_fen: int
    poor_households: int
    non_poor_households: int
    status: ProjectStatus
    created_at: str
    completed_at: str
    committed_fen: int
    disbursed_fen: int
    released_fen: int
    utilisation_basis_points: int
    def __init__(self, project_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., type: _Optional[_Union[_events_pb2.ProjectType, str]] = ..., subtype: _Optional[str] = ..., name: _Optional[str] = ..., budget_fen: _Optional[int] = ..., poor_households: _Optional[int] = ..., non_poor_households: _Optional[int] = ..., status: _Optional[_Union[ProjectStatus, str]] = ..., created_at: _Optional[str] = ..., completed_at: _Optional[str] = ..., committed_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., released_fen: _Optional[int] = ..., utilisation_basis_points: _Optional[int] = ...) -> None: ...

class CommitFundsRequest(_message.Message):
    __slots__ = ("allocation_id", "project_id", "amount_fen", "committed_at", "idempotency_key")
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    project_id: str
    amount_fen: int
    committed_at: str
    idempotency_key: str
    def __init__(self, allocation_id: _Optional[str] = ..., project_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., committed_at: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Commitment(_message.Message):
    __slots__ = ("commitment_id", "transaction_id", "allocation_id", "project_id", "amount_fen", "committed_at", "allocation_uncommitted_fen")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_UNCOMMITTED_FEN_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    transaction_id: str
    allocation_id: str
    project_id: str
    amount_fen: int
    committed_at: str
    allocation_uncommitted_fen: int
    def __init__(self, commitment_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., allocation_id: _Optional[str] = ..., project_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., committed_at: _Optional[str] = ..., allocation_uncommitted_fen: _Optional[int] = ...) -> None: ...

class DisburseRequest(_message.Message):
    __slots__ = ("allocation_id", "project_id", "amount_fen", "recipient_kind", "recipient_ref", "disbursed_at", "note", "idempotency_key")
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_KIND_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_REF_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_AT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    project_id: str
    amount_fen: int
    recipient_kind: RecipientKind
    recipient_ref: str
    disbursed_at: str
    note: str
    idempotency_key: str
    def __init__(self, allocation_id: _Optional[str] = ..., project_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., recipient_kind: _Optional[_Union[RecipientKind, str]] = ..., recipient_ref: _Optional[str] = ..., disbursed_at: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Disbursement(_message.Message):
    __slots__ = ("disbursement_id", "transaction_id", "allocation_id", "project_id", "village", "amount_fen", "recipient_kind", "recipient_ref", "disbursed_at", "commitment_remaining_fen")
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_KIND_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_REF_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_AT_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_REMAINING_FEN_FIELD_NUMBER: _ClassVar[int]
    disbursement_id: str
    transaction_id: str
    allocation_id: str
    project_id: str
    village: _divisions_pb2.DivisionPath
    amount_fen: int
    recipient_kind: RecipientKind
    recipient_ref: str
    disbursed_at: str
    commitment_remaining_fen: int
    def __init__(self, disbursement_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., allocation_id: _Optional[str] = ..., project_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., amount_fen: _Optional[int] = ..., recipient_kind: _Optional[_Union[RecipientKind, str]] = ..., recipient_ref: _Optional[str] = ..., disbursed_at: _Optional[str] = ..., commitment_remaining_fen: _Optional[int] = ...) -> None: ...

class ReverseDisbursementRequest(_message.Message):
    __slots__ = ("disbursement_id", "reason", "reversed_at", "idempotency_key")
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVERSED_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    disbursement_id: str
    reason: str
    reversed_at: str
    idempotency_key: str
    def __init__(self, disbursement_id: _Optional[str] = ..., reason: _Optional[str] = ..., reversed_at: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Reversal(_message.Message):
    __slots__ = ("reversal_id", "transaction_id", "disbursement_id", "allocation_id", "project_id", "amount_fen", "reason", "reversed_at")
    REVERSAL_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVERSED_AT_FIELD_NUMBER: _ClassVar[int]
    reversal_id: str
    transaction_id: str
    disbursement_id: str
    allocation_id: str
    project_id: str
    amount_fen: int
    reason: str
    reversed_at: str
    def __init__(self, reversal_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., disbursement_id: _Optional[str] = ..., allocation_id: _Optional[str] = ..., project_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., reason: _Optional[str] = ..., reversed_at: _Optional[str] = ...) -> None: ...

class CompleteProjectRequest(_message.Message):
    __slots__ = ("project_id", "completed_at", "idempotency_key")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    completed_at: str
    idempotency_key: str
    def __init__(self, project_id: _Optional[str] = ..., completed_at: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GetVillageFundsRequest(_message.Message):
    __slots__ = ("village_code",)
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    def __init__(self, village_code: _Optional[str] = ...) -> None: ...

class VillageFunds(_message.Message):
    __slots__ = ("village", "allocated_fen", "uncommitted_fen", "committed_fen", "disbursed_fen", "utilisation_basis_points", "allocations", "projects")
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_FEN_FIELD_NUMBER: _ClassVar[int]
    UNCOMMITTED_FEN_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    UTILISATION_BASIS_POINTS_FIELD_NUMBER: _ClassVar[int]
    ALLOCATIONS_FIELD_NUMBER: _ClassVar[int]
    PROJECTS_FIELD_NUMBER: _ClassVar[int]
    village: _divisions_pb2.DivisionPath
    allocated_fen: int
    uncommitted_fen: int
    committed_fen: int
    disbursed_fen: int
    utilisation_basis_points: int
    allocations: _containers.RepeatedCompositeFieldContainer[Allocation]
    projects: _containers.RepeatedCompositeFieldContainer[Project]
    def __init__(self, village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., allocated_fen: _Optional[int] = ..., uncommitted_fen: _Optional[int] = ..., committed_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., utilisation_basis_points: _Optional[int] = ..., allocations: _Optional[_Iterable[_Union[Allocation, _Mapping]]] = ..., projects: _Optional[_Iterable[_Union[Project, _Mapping]]] = ...) -> None: ...

class GetSourceMixRequest(_message.Message):
    __slots__ = ("division_code",)
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    def __init__(self, division_code: _Optional[str] = ...) -> None: ...

class KindShare(_message.Message):
    __slots__ = ("kind", "allocated_fen", "share_basis_points")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_FEN_FIELD_NUMBER: _ClassVar[int]
    SHARE_BASIS_POINTS_FIELD_NUMBER: _ClassVar[int]
    kind: _events_pb2.SourceKind
    allocated_fen: int
    share_basis_points: int
    def __init__(self, kind: _Optional[_Union[_events_pb2.SourceKind, str]] = ..., allocated_fen: _Optional[int] = ..., share_basis_points: _Optional[int] = ...) -> None: ...

class SourceMix(_message.Message):
    __slots__ = ("division_code", "total_allocated_fen", "kinds", "social_fen", "social_share_basis_points")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ALLOCATED_FEN_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    SOCIAL_FEN_FIELD_NUMBER: _ClassVar[int]
    SOCIAL_SHARE_BASIS_POINTS_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    total_allocated_fen: int
    kinds: _containers.RepeatedCompositeFieldContainer[KindShare]
    social_fen: int
    social_share_basis_points: int
    def __init__(self, division_code: _Optional[str] = ..., total_allocated_fen: _Optional[int] = ..., kinds: _Optional[_Iterable[_Union[KindShare, _Mapping]]] = ..., social_fen: _Optional[int] = ..., social_share_basis_points: _Optional[int] = ...) -> None: ...

class ListIdleAllocationsRequest(_message.Message):
    __slots__ = ("as_of", "idle_days", "division_code")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    IDLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    idle_days: int
    division_code: str
    def __init__(self, as_of: _Optional[str] = ..., idle_days: _Optional[int] = ..., division_code: _Optional[str] = ...) -> None: ...

class IdleAllocation(_message.Message):
    __slots__ = ("allocation", "unspent_fen", "idle_since", "days_idle")
    ALLOCATION_FIELD_NUMBER: _ClassVar[int]
    UNSPENT_FEN_FIELD_NUMBER: _ClassVar[int]
    IDLE_SINCE_FIELD_NUMBER: _ClassVar[int]
    DAYS_IDLE_FIELD_NUMBER: _ClassVar[int]
    allocation: Allocation
    unspent_fen: int
    idle_since: str
    days_idle: int
    def __init__(self, allocation: _Optional[_Union[Allocation, _Mapping]] = ..., unspent_fen: _Optional[int] = ..., idle_since: _Optional[str] = ..., days_idle: _Optional[int] = ...) -> None: ...

class ListIdleAllocationsResponse(_message.Message):
    __slots__ = ("as_of", "idle_days", "allocations")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    IDLE_DAYS_FIELD_NUMBER: _ClassVar[int]
    ALLOCATIONS_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    idle_days: int
    allocations: _containers.RepeatedCompositeFieldContainer[IdleAllocation]
    def __init__(self, as_of: _Optional[str] = ..., idle_days: _Optional[int] = ..., allocations: _Optional[_Iterable[_Union[IdleAllocation, _Mapping]]] = ...) -> None: ...

class RecordCollectiveIncomeRequest(_message.Message):
    __slots__ = ("village_code", "year", "amount_fen", "reported_by", "note", "recorded_at", "idempotency_key")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REPORTED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    year: int
    amount_fen: int
    reported_by: str
    note: str
    recorded_at: str
    idempotency_key: str
    def __init__(self, village_code: _Optional[str] = ..., year: _Optional[int] = ..., amount_fen: _Optional[int] = ..., reported_by: _Optional[str] = ..., note: _Optional[str] = ..., recorded_at: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CollectiveIncomeRecord(_message.Message):
    __slots__ = ("record_id", "village", "year", "amount_fen", "revision", "supersedes_record_id", "reported_by", "note", "recorded_at")
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDES_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    REPORTED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    record_id: str
    village: _divisions_pb2.DivisionPath
    year: int
    amount_fen: int
    revision: int
    supersedes_record_id: str
    reported_by: str
    note: str
    recorded_at: str
    def __init__(self, record_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., year: _Optional[int] = ..., amount_fen: _Optional[int] = ..., revision: _Optional[int] = ..., supersedes_record_id: _Optional[str] = ..., reported_by: _Optional[str] = ..., note: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class GetCollectiveIncomeRequest(_message.Message):
    __slots__ = ("village_code",)
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    def __init__(self, village_code: _Optional[str] = ...) -> None: ...

class CollectiveIncome(_message.Message):
    __slots__ = ("village", "years", "superseded", "latest_year", "latest_amount_fen")
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    YEARS_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDED_FIELD_NUMBER: _ClassVar[int]
    LATEST_YEAR_FIELD_NUMBER: _ClassVar[int]
    LATEST_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    village: _divisions_pb2.DivisionPath
    years: _containers.RepeatedCompositeFieldContainer[CollectiveIncomeRecord]
    superseded: _containers.RepeatedCompositeFieldContainer[CollectiveIncomeRecord]
    latest_year: int
    latest_amount_fen: int
    def __init__(self, village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., years: _Optional[_Iterable[_Union[CollectiveIncomeRecord, _Mapping]]] = ..., superseded: _Optional[_Iterable[_Union[CollectiveIncomeRecord, _Mapping]]] = ..., latest_year: _Optional[int] = ..., latest_amount_fen: _Optional[int] = ...) -> None: ...
