from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UnitKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNIT_KIND_UNSPECIFIED: _ClassVar[UnitKind]
    UNIT_KIND_PROVINCIAL_ORGAN: _ClassVar[UnitKind]
    UNIT_KIND_CENTRAL_UNIT_IN_GUANGDONG: _ClassVar[UnitKind]
    UNIT_KIND_PEARL_RIVER_DELTA_CITY_UNIT: _ClassVar[UnitKind]
    UNIT_KIND_ENTERPRISE: _ClassVar[UnitKind]
    UNIT_KIND_LOCAL_UNIT: _ClassVar[UnitKind]

class InspectionMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_METHOD_UNSPECIFIED: _ClassVar[InspectionMethod]
    INSPECTION_METHOD_TELEPHONE: _ClassVar[InspectionMethod]
    INSPECTION_METHOD_ON_SITE: _ClassVar[InspectionMethod]
UNIT_KIND_UNSPECIFIED: UnitKind
UNIT_KIND_PROVINCIAL_ORGAN: UnitKind
UNIT_KIND_CENTRAL_UNIT_IN_GUANGDONG: UnitKind
UNIT_KIND_PEARL_RIVER_DELTA_CITY_UNIT: UnitKind
UNIT_KIND_ENTERPRISE: UnitKind
UNIT_KIND_LOCAL_UNIT: UnitKind
INSPECTION_METHOD_UNSPECIFIED: InspectionMethod
INSPECTION_METHOD_TELEPHONE: InspectionMethod
INSPECTION_METHOD_ON_SITE: InspectionMethod

class UnitPaired(_message.Message):
    __slots__ = ("pairing_id", "unit_id", "unit_name", "unit_kind", "village", "start_date")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_KIND_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    unit_id: str
    unit_name: str
    unit_kind: UnitKind
    village: _divisions_pb2.DivisionPath
    start_date: str
    def __init__(self, pairing_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., unit_name: _Optional[str] = ..., unit_kind: _Optional[_Union[UnitKind, str]] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., start_date: _Optional[str] = ...) -> None: ...

class PairingEnded(_message.Message):
    __slots__ = ("pairing_id", "unit_id", "village", "end_date", "reason")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    end_date: str
    reason: str
    def __init__(self, pairing_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., end_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PlanAdopted(_message.Message):
    __slots__ = ("plan_id", "pairing_id", "unit_id", "village", "year", "target_exited_households", "target_per_capita_income_fen", "target_collective_income_fen", "planned_funds_fen")
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TARGET_EXITED_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    TARGET_PER_CAPITA_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    TARGET_COLLECTIVE_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FUNDS_FEN_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    pairing_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    year: int
    target_exited_households: int
    target_per_capita_income_fen: int
    target_collective_income_fen: int
    planned_funds_fen: int
    def __init__(self, plan_id: _Optional[str] = ..., pairing_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., year: _Optional[int] = ..., target_exited_households: _Optional[int] = ..., target_per_capita_income_fen: _Optional[int] = ..., target_collective_income_fen: _Optional[int] = ..., planned_funds_fen: _Optional[int] = ...) -> None: ...

class CadreStationed(_message.Message):
    __slots__ = ("cadre_id", "unit_id", "pairing_id", "village", "start_date", "replaces_cadre_id")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    REPLACES_CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    unit_id: str
    pairing_id: str
    village: _divisions_pb2.DivisionPath
    start_date: str
    replaces_cadre_id: str
    def __init__(self, cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., pairing_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., start_date: _Optional[str] = ..., replaces_cadre_id: _Optional[str] = ...) -> None: ...

class CadreWithdrawn(_message.Message):
    __slots__ = ("cadre_id", "unit_id", "village", "end_date", "reason")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    end_date: str
    reason: str
    def __init__(self, cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., end_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AttendanceSummarised(_message.Message):
    __slots__ = ("cadre_id", "unit_id", "village", "month", "working_days", "days_in_village", "days_on_approved_leave", "weekend_days", "days_absent_without_leave", "revision")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    WORKING_DAYS_FIELD_NUMBER: _ClassVar[int]
    DAYS_IN_VILLAGE_FIELD_NUMBER: _ClassVar[int]
    DAYS_ON_APPROVED_LEAVE_FIELD_NUMBER: _ClassVar[int]
    WEEKEND_DAYS_FIELD_NUMBER: _ClassVar[int]
    DAYS_ABSENT_WITHOUT_LEAVE_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    month: str
    working_days: int
    days_in_village: int
    days_on_approved_leave: int
    weekend_days: int
    days_absent_without_leave: int
    revision: int
    def __init__(self, cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., month: _Optional[str] = ..., working_days: _Optional[int] = ..., days_in_village: _Optional[int] = ..., days_on_approved_leave: _Optional[int] = ..., weekend_days: _Optional[int] = ..., days_absent_without_leave: _Optional[int] = ..., revision: _Optional[int] = ...) -> None: ...

class LeaveDecided(_message.Message):
    __slots__ = ("leave_id", "cadre_id", "village", "first_day", "last_day", "approved", "decided_at")
    LEAVE_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    leave_id: str
    cadre_id: str
    village: _divisions_pb2.DivisionPath
    first_day: str
    last_day: str
    approved: bool
    decided_at: str
    def __init__(self, leave_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., approved: _Optional[bool] = ..., decided_at: _Optional[str] = ...) -> None: ...

class InspectionRecorded(_message.Message):
    __slots__ = ("inspection_id", "cadre_id", "unit_id", "village", "inspected_on", "method", "present", "on_approved_leave", "on_rest_day")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    INSPECTED_ON_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PRESENT_FIELD_NUMBER: _ClassVar[int]
    ON_APPROVED_LEAVE_FIELD_NUMBER: _ClassVar[int]
    ON_REST_DAY_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    cadre_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    inspected_on: str
    method: InspectionMethod
    present: bool
    on_approved_leave: bool
    on_rest_day: bool
    def __init__(self, inspection_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., inspected_on: _Optional[str] = ..., method: _Optional[_Union[InspectionMethod, str]] = ..., present: _Optional[bool] = ..., on_approved_leave: _Optional[bool] = ..., on_rest_day: _Optional[bool] = ...) -> None: ...

class ComplaintRecorded(_message.Message):
    __slots__ = ("complaint_id", "cadre_id", "village", "received_on", "subject")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    cadre_id: str
    village: _divisions_pb2.DivisionPath
    received_on: str
    subject: str
    def __init__(self, complaint_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., received_on: _Optional[str] = ..., subject: _Optional[str] = ...) -> None: ...

class ComplaintResolved(_message.Message):
    __slots__ = ("complaint_id", "cadre_id", "village", "resolved_on", "upheld")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_ON_FIELD_NUMBER: _ClassVar[int]
    UPHELD_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    cadre_id: str
    village: _divisions_pb2.DivisionPath
    resolved_on: str
    upheld: bool
    def __init__(self, complaint_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., resolved_on: _Optional[str] = ..., upheld: _Optional[bool] = ...) -> None: ...
