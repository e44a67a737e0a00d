from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SourceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SOURCE_KIND_UNSPECIFIED: _ClassVar[SourceKind]
    SOURCE_KIND_CENTRAL_FISCAL: _ClassVar[SourceKind]
    SOURCE_KIND_PROVINCIAL_FISCAL: _ClassVar[SourceKind]
    SOURCE_KIND_CITY_FISCAL: _ClassVar[SourceKind]
    SOURCE_KIND_COUNTY_FISCAL: _ClassVar[SourceKind]
    SOURCE_KIND_SUPPORT_UNIT: _ClassVar[SourceKind]
    SOURCE_KIND_SOCIAL_DONATION: _ClassVar[SourceKind]
    SOURCE_KIND_FINANCIAL_CREDIT: _ClassVar[SourceKind]

class ProjectType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROJECT_TYPE_UNSPECIFIED: _ClassVar[ProjectType]
    PROJECT_TYPE_INDUSTRIAL: _ClassVar[ProjectType]
    PROJECT_TYPE_INFRASTRUCTURE: _ClassVar[ProjectType]
    PROJECT_TYPE_HOUSING: _ClassVar[ProjectType]
    PROJECT_TYPE_EDUCATION: _ClassVar[ProjectType]
    PROJECT_TYPE_LABOUR_TRANSFER: _ClassVar[ProjectType]
    PROJECT_TYPE_COLLECTIVE_ECONOMY: _ClassVar[ProjectType]
SOURCE_KIND_UNSPECIFIED: SourceKind
SOURCE_KIND_CENTRAL_FISCAL: SourceKind
SOURCE_KIND_PROVINCIAL_FISCAL: SourceKind
SOURCE_KIND_CITY_FISCAL: SourceKind
SOURCE_KIND_COUNTY_FISCAL: SourceKind
SOURCE_KIND_SUPPORT_UNIT: SourceKind
SOURCE_KIND_SOCIAL_DONATION: SourceKind
SOURCE_KIND_FINANCIAL_CREDIT: SourceKind
PROJECT_TYPE_UNSPECIFIED: ProjectType
PROJECT_TYPE_INDUSTRIAL: ProjectType
PROJECT_TYPE_INFRASTRUCTURE: ProjectType
PROJECT_TYPE_HOUSING: ProjectType
PROJECT_TYPE_EDUCATION: ProjectType
PROJECT_TYPE_LABOUR_TRANSFER: ProjectType
PROJECT_TYPE_COLLECTIVE_ECONOMY: ProjectType

class FundsAllocated(_message.Message):
    __slots__ = ("allocation_id", "source_id", "source_kind", "unit_id", "village", "amount_fen", "year", "allocated_at")
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KIND_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_AT_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    source_id: str
    source_kind: SourceKind
    unit_id: str
    village: _divisions_pb2.DivisionPath
    amount_fen: int
    year: int
    allocated_at: str
    def __init__(self, allocation_id: _Optional[str] = ..., source_id: _Optional[str] = ..., source_kind: _Optional[_Union[SourceKind, str]] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., amount_fen: _Optional[int] = ..., year: _Optional[int] = ..., allocated_at: _Optional[str] = ...) -> None: ...

class ProjectCreated(_message.Message):
    __slots__ = ("project_id", "village", "type", "subtype", "budget_fen", "poor_households", "non_poor_households", "created_at")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBTYPE_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FEN_FIELD_NUMBER: _ClassVar[int]
    POOR_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    NON_POOR_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    village: _divisions_pb2.DivisionPath
    type: ProjectType
    subtype: str
    budget_fen: int
    poor_households: int
    non_poor_households: int
    created_at: str
    def __init__(self, project_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., type: _Optional[_Union[ProjectType, str]] = ..., subtype: _Optional[str] = ..., budget_fen: _Optional[int] = ..., poor_households: _Optional[int] = ..., non_poor_households: _Optional[int] = ..., created_at: _Optional[str] = ...) -> None: ...

class FundsCommitted(_message.Message):
    __slots__ = ("commitment_id", "allocation_id", "project_id", "village", "amount_fen", "committed_at")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    allocation_id: str
    project_id: str
    village: _divisions_pb2.DivisionPath
    amount_fen: int
    committed_at: str
    def __init__(self, commitment_id: _Optional[str] = ..., allocation_id: _Optional[str] = ..., project_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., amount_fen: _Optional[int] = ..., committed_at: _Optional[str] = ...) -> None: ...

class ProjectCompleted(_message.Message):
    __slots__ = ("project_id", "village", "spent_fen", "completed_at", "released_fen", "budget_fen")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    SPENT_FEN_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    RELEASED_FEN_FIELD_NUMBER: _ClassVar[int]
    BUDGET_FEN_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    village: _divisions_pb2.DivisionPath
    spent_fen: int
    completed_at: str
    released_fen: int
    budget_fen: int
    def __init__(self, project_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., spent_fen: _Optional[int] = ..., completed_at: _Optional[str] = ..., released_fen: _Optional[int] = ..., budget_fen: _Optional[int] = ...) -> None: ...

class FundsDisbursed(_message.Message):
    __slots__ = ("disbursement_id", "allocation_id", "project_id", "village", "amount_fen", "recipient_kind", "disbursed_at")
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_KIND_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_AT_FIELD_NUMBER: _ClassVar[int]
    disbursement_id: str
    allocation_id: str
    project_id: str
    village: _divisions_pb2.DivisionPath
    amount_fen: int
    recipient_kind: str
    disbursed_at: str
    def __init__(self, disbursement_id: _Optional[str] = ..., allocation_id: _Optional[str] = ..., project_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., amount_fen: _Optional[int] = ..., recipient_kind: _Optional[str] = ..., disbursed_at: _Optional[str] = ...) -> None: ...

class DisbursementReversed(_message.Message):
    __slots__ = ("reversal_id", "disbursement_id", "allocation_id", "village", "amount_fen", "reason", "reversed_at")
    REVERSAL_ID_FIELD_NUMBER: _ClassVar[int]
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVERSED_AT_FIELD_NUMBER: _ClassVar[int]
    reversal_id: str
    disbursement_id: str
    allocation_id: str
    village: _divisions_pb2.DivisionPath
    amount_fen: int
    reason: str
    reversed_at: str
    def __init__(self, reversal_id: _Optional[str] = ..., disbursement_id: _Optional[str] = ..., allocation_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., amount_fen: _Optional[int] = ..., reason: _Optional[str] = ..., reversed_at: _Optional[str] = ...) -> None: ...

class CollectiveIncomeRecorded(_message.Message):
    __slots__ = ("record_id", "village", "year", "amount_fen", "recorded_at")
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    record_id: str
    village: _divisions_pb2.DivisionPath
    year: int
    amount_fen: int
    recorded_at: str
    def __init__(self, record_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., year: _Optional[int] = ..., amount_fen: _Optional[int] = ..., recorded_at: _Optional[str] = ...) -> None: ...
