from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from shuangdao.cadres.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AttendanceMark(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ATTENDANCE_MARK_UNSPECIFIED: _ClassVar[AttendanceMark]
    ATTENDANCE_MARK_IN_VILLAGE: _ClassVar[AttendanceMark]
    ATTENDANCE_MARK_ABSENT: _ClassVar[AttendanceMark]

class Recorder(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECORDER_UNSPECIFIED: _ClassVar[Recorder]
    RECORDER_CADRE: _ClassVar[Recorder]
    RECORDER_VILLAGE_COMMITTEE: _ClassVar[Recorder]

class DayStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DAY_STATUS_UNSPECIFIED: _ClassVar[DayStatus]
    DAY_STATUS_IN_VILLAGE: _ClassVar[DayStatus]
    DAY_STATUS_ON_APPROVED_LEAVE: _ClassVar[DayStatus]
    DAY_STATUS_WEEKEND: _ClassVar[DayStatus]
    DAY_STATUS_ABSENT_WITHOUT_LEAVE: _ClassVar[DayStatus]
    DAY_STATUS_NOT_YET_DUE: _ClassVar[DayStatus]
    DAY_STATUS_NOT_STATIONED: _ClassVar[DayStatus]
    DAY_STATUS_NOT_REGISTERED: _ClassVar[DayStatus]

class LeaveStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEAVE_STATUS_UNSPECIFIED: _ClassVar[LeaveStatus]
    LEAVE_STATUS_REQUESTED: _ClassVar[LeaveStatus]
    LEAVE_STATUS_APPROVED: _ClassVar[LeaveStatus]
    LEAVE_STATUS_REFUSED: _ClassVar[LeaveStatus]

class LeaveDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEAVE_DECISION_UNSPECIFIED: _ClassVar[LeaveDecision]
    LEAVE_DECISION_APPROVE: _ClassVar[LeaveDecision]
    LEAVE_DECISION_REFUSE: _ClassVar[LeaveDecision]

class InspectionOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_OUTCOME_UNSPECIFIED: _ClassVar[InspectionOutcome]
    INSPECTION_OUTCOME_PRESENT: _ClassVar[InspectionOutcome]
    INSPECTION_OUTCOME_ABSENT: _ClassVar[InspectionOutcome]

class InspectionFinding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_FINDING_UNSPECIFIED: _ClassVar[InspectionFinding]
    INSPECTION_FINDING_PRESENT: _ClassVar[InspectionFinding]
    INSPECTION_FINDING_ABSENT_ON_APPROVED_LEAVE: _ClassVar[InspectionFinding]
    INSPECTION_FINDING_ABSENT_ON_WEEKEND: _ClassVar[InspectionFinding]
    INSPECTION_FINDING_ABSENT_WITHOUT_LEAVE: _ClassVar[InspectionFinding]

class ComplaintSubject(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMPLAINT_SUBJECT_UNSPECIFIED: _ClassVar[ComplaintSubject]
    COMPLAINT_SUBJECT_ABSENCE: _ClassVar[ComplaintSubject]
    COMPLAINT_SUBJECT_CONDUCT: _ClassVar[ComplaintSubject]
    COMPLAINT_SUBJECT_TARGETING: _ClassVar[ComplaintSubject]
    COMPLAINT_SUBJECT_FUNDS: _ClassVar[ComplaintSubject]
    COMPLAINT_SUBJECT_OTHER: _ClassVar[ComplaintSubject]

class ComplaintStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMPLAINT_STATUS_UNSPECIFIED: _ClassVar[ComplaintStatus]
    COMPLAINT_STATUS_OPEN: _ClassVar[ComplaintStatus]
    COMPLAINT_STATUS_RESOLVED: _ClassVar[ComplaintStatus]

class ComplaintFinding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMPLAINT_FINDING_UNSPECIFIED: _ClassVar[ComplaintFinding]
    COMPLAINT_FINDING_UPHELD: _ClassVar[ComplaintFinding]
    COMPLAINT_FINDING_DISMISSED: _ClassVar[ComplaintFinding]
ATTENDANCE_MARK_UNSPECIFIED: AttendanceMark
ATTENDANCE_MARK_IN_VILLAGE: AttendanceMark
ATTENDANCE_MARK_ABSENT: AttendanceMark
RECORDER_UNSPECIFIED: Recorder
RECORDER_CADRE: Recorder
RECORDER_VILLAGE_COMMITTEE: Recorder
DAY_STATUS_UNSPECIFIED: DayStatus
DAY_STATUS_IN_VILLAGE: DayStatus
DAY_STATUS_ON_APPROVED_LEAVE: DayStatus
DAY_STATUS_WEEKEND: DayStatus
DAY_STATUS_ABSENT_WITHOUT_LEAVE: DayStatus
DAY_STATUS_NOT_YET_DUE: DayStatus
DAY_STATUS_NOT_STATIONED: DayStatus
DAY_STATUS_NOT_REGISTERED: DayStatus
LEAVE_STATUS_UNSPECIFIED: LeaveStatus
LEAVE_STATUS_REQUESTED: LeaveStatus
LEAVE_STATUS_APPROVED: LeaveStatus
LEAVE_STATUS_REFUSED: LeaveStatus
LEAVE_DECISION_UNSPECIFIED: LeaveDecision
LEAVE_DECISION_APPROVE: LeaveDecision
LEAVE_DECISION_REFUSE: LeaveDecision
INSPECTION_OUTCOME_UNSPECIFIED: InspectionOutcome
INSPECTION_OUTCOME_PRESENT: InspectionOutcome
INSPECTION_OUTCOME_ABSENT: InspectionOutcome
INSPECTION_FINDING_UNSPECIFIED: InspectionFinding
INSPECTION_FINDING_PRESENT: InspectionFinding
INSPECTION_FINDING_ABSENT_ON_APPROVED_LEAVE: InspectionFinding
INSPECTION_FINDING_ABSENT_ON_WEEKEND: InspectionFinding
INSPECTION_FINDING_ABSENT_WITHOUT_LEAVE: InspectionFinding
COMPLAINT_SUBJECT_UNSPECIFIED: ComplaintSubject
COMPLAINT_SUBJECT_ABSENCE: ComplaintSubject
COMPLAINT_SUBJECT_CONDUCT: ComplaintSubject
COMPLAINT_SUBJECT_TARGETING: ComplaintSubject
COMPLAINT_SUBJECT_FUNDS: ComplaintSubject
COMPLAINT_SUBJECT_OTHER: ComplaintSubject
COMPLAINT_STATUS_UNSPECIFIED: ComplaintStatus
COMPLAINT_STATUS_OPEN: ComplaintStatus
COMPLAINT_STATUS_RESOLVED: ComplaintStatus
COMPLAINT_FINDING_UNSPECIFIED: ComplaintFinding
COMPLAINT_FINDING_UPHELD: ComplaintFinding
COMPLAINT_FINDING_DISMISSED: ComplaintFinding

class TopLeader(_message.Message):
    __slots__ = ("name", "title", "since")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    title: str
    since: str
    def __init__(self, name: _Optional[str] = ..., title: _Optional[str] = ..., since: _Optional[str] = ...) -> None: ...

class RegisterSupportUnitRequest(_message.Message):
    __slots__ = ("unit_id", "name", "kind", "top_leader")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOP_LEADER_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    name: str
    kind: _events_pb2.UnitKind
    top_leader: TopLeader
    def __init__(self, unit_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[_Union[_events_pb2.UnitKind, str]] = ..., top_leader: _Optional[_Union[TopLeader, _Mapping]] = ...) -> None: ...

class GetSupportUnitRequest(_message.Message):
    __slots__ = ("unit_id",)
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    def __init__(self, unit_id: _Optional[str] = ...) -> None: ...

class ChangeTopLeaderRequest(_message.Message):
    __slots__ = ("unit_id", "top_leader")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    TOP_LEADER_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    top_leader: TopLeader
    def __init__(self, unit_id: _Optional[str] = ..., top_leader: _Optional[_Union[TopLeader, _Mapping]] = ...) -> None: ...

class SupportUnit(_message.Message):
    __slots__ = ("unit_id", "name", "kind", "top_leader", "top_leader_history", "registered_at")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOP_LEADER_FIELD_NUMBER: _ClassVar[int]
    TOP_LEADER_HISTORY_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    name: str
    kind: _events_pb2.UnitKind
    top_leader: TopLeader
    top_leader_history: _containers.RepeatedCompositeFieldContainer[TopLeader]
    registered_at: str
    def __init__(self, unit_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[_Union[_events_pb2.UnitKind, str]] = ..., top_leader: _Optional[_Union[TopLeader, _Mapping]] = ..., top_leader_history: _Optional[_Iterable[_Union[TopLeader, _Mapping]]] = ..., registered_at: _Optional[str] = ...) -> None: ...

class PairUnitRequest(_message.Message):
    __slots__ = ("pairing_id", "unit_id", "village_code", "start_date")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    unit_id: str
    village_code: str
    start_date: str
    def __init__(self, pairing_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village_code: _Optional[str] = ..., start_date: _Optional[str] = ...) -> None: ...

class EndPairingRequest(_message.Message):
    __slots__ = ("pairing_id", "end_date", "reason")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    end_date: str
    reason: str
    def __init__(self, pairing_id: _Optional[str] = ..., end_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetPairingRequest(_message.Message):
    __slots__ = ("pairing_id",)
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    def __init__(self, pairing_id: _Optional[str] = ...) -> None: ...

class ListPairingsRequest(_message.Message):
    __slots__ = ("village_code", "unit_id")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    unit_id: str
    def __init__(self, village_code: _Optional[str] = ..., unit_id: _Optional[str] = ...) -> None: ...

class Pairing(_message.Message):
    __slots__ = ("pairing_id", "unit_id", "village", "start_date", "end_date", "end_reason", "active")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    start_date: str
    end_date: str
    end_reason: str
    active: bool
    def __init__(self, pairing_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., end_reason: _Optional[str] = ..., active: _Optional[bool] = ...) -> None: ...

class ListPairingsResponse(_message.Message):
    __slots__ = ("pairings",)
    PAIRINGS_FIELD_NUMBER: _ClassVar[int]
    pairings: _containers.RepeatedCompositeFieldContainer[Pairing]
    def __init__(self, pairings: _Optional[_Iterable[_Union[Pairing, _Mapping]]] = ...) -> None: ...

class AdoptVillagePlanRequest(_message.Message):
    __slots__ = ("pairing_id", "strategy", "adopted_on")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_ON_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    strategy: str
    adopted_on: str
    def __init__(self, pairing_id: _Optional[str] = ..., strategy: _Optional[str] = ..., adopted_on: _Optional[str] = ...) -> None: ...

class VillagePlan(_message.Message):
    __slots__ = ("pairing_id", "village", "strategy", "adopted_on")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_ON_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    village: _divisions_pb2.DivisionPath
    strategy: str
    adopted_on: str
    def __init__(self, pairing_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., strategy: _Optional[str] = ..., adopted_on: _Optional[str] = ...) -> None: ...

class AdoptYearlyPlanRequest(_message.Message):
    __slots__ = ("pairing_id", "year", "target_exited_households", "target_per_capita_income_fen", "target_collective_income_fen", "planned_funds_fen", "measures")
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TARGET_EXITED_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    TARGET_PER_CAPITA_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    TARGET_COLLECTIVE_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FUNDS_FEN_FIELD_NUMBER: _ClassVar[int]
    MEASURES_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    year: int
    target_exited_households: int
    target_per_capita_income_fen: int
    target_collective_income_fen: int
    planned_funds_fen: int
    measures: str
    def __init__(self, pairing_id: _Optional[str] = ..., year: _Optional[int] = ..., target_exited_households: _Optional[int] = ..., target_per_capita_income_fen: _Optional[int] = ..., target_collective_income_fen: _Optional[int] = ..., planned_funds_fen: _Optional[int] = ..., measures: _Optional[str] = ...) -> None: ...

class YearlyPlan(_message.Message):
    __slots__ = ("plan_id", "pairing_id", "unit_id", "village", "year", "target_exited_households", "target_per_capita_income_fen", "target_collective_income_fen", "planned_funds_fen", "measures", "revision", "adopted_at")
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TARGET_EXITED_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    TARGET_PER_CAPITA_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    TARGET_COLLECTIVE_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    PLANNED_FUNDS_FEN_FIELD_NUMBER: _ClassVar[int]
    MEASURES_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_AT_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    pairing_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    year: int
    target_exited_households: int
    target_per_capita_income_fen: int
    target_collective_income_fen: int
    planned_funds_fen: int
    measures: str
    revision: int
    adopted_at: str
    def __init__(self, plan_id: _Optional[str] = ..., pairing_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., year: _Optional[int] = ..., target_exited_households: _Optional[int] = ..., target_per_capita_income_fen: _Optional[int] = ..., target_collective_income_fen: _Optional[int] = ..., planned_funds_fen: _Optional[int] = ..., measures: _Optional[str] = ..., revision: _Optional[int] = ..., adopted_at: _Optional[str] = ...) -> None: ...

class ListPlansRequest(_message.Message):
    __slots__ = ("pairing_id",)
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    pairing_id: str
    def __init__(self, pairing_id: _Optional[str] = ...) -> None: ...

class ListPlansResponse(_message.Message):
    __slots__ = ("village_plan", "yearly_plans")
    VILLAGE_PLAN_FIELD_NUMBER: _ClassVar[int]
    YEARLY_PLANS_FIELD_NUMBER: _ClassVar[int]
    village_plan: VillagePlan
    yearly_plans: _containers.RepeatedCompositeFieldContainer[YearlyPlan]
    def __init__(self, village_plan: _Optional[_Union[VillagePlan, _Mapping]] = ..., yearly_plans: _Optional[_Iterable[_Union[YearlyPlan, _Mapping]]] = ...) -> None: ...

class RegisterCadreRequest(_message.Message):
    __slots__ = ("cadre_id", "unit_id", "name", "position", "phone")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    unit_id: str
    name: str
    position: str
    phone: str
    def __init__(self, cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., name: _Optional[str] = ..., position: _Optional[str] = ..., phone: _Optional[str] = ...) -> None: ...

class GetCadreRequest(_message.Message):
    __slots__ = ("cadre_id",)
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    def __init__(self, cadre_id: _Optional[str] = ...) -> None: ...

class Cadre(_message.Message):
    __slots__ = ("cadre_id", "unit_id", "name", "position", "phone", "registered_at", "stationings")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    STATIONINGS_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    unit_id: str
    name: str
    position: str
    phone: str
    registered_at: str
    stationings: _containers.RepeatedCompositeFieldContainer[Stationing]
    def __init__(self, cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., name: _Optional[str] = ..., position: _Optional[str] = ..., phone: _Optional[str] = ..., registered_at: _Optional[str] = ..., stationings: _Optional[_Iterable[_Union[Stationing, _Mapping]]] = ...) -> None: ...

class StationCadreRequest(_message.Message):
    __slots__ = ("cadre_id", "pairing_id", "start_date", "register_from", "end_date", "end_reason")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    REGISTER_FROM_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    pairing_id: str
    start_date: str
    register_from: str
    end_date: str
    end_reason: str
    def __init__(self, cadre_id: _Optional[str] = ..., pairing_id: _Optional[str] = ..., start_date: _Optional[str] = ..., register_from: _Optional[str] = ..., end_date: _Optional[str] = ..., end_reason: _Optional[str] = ...) -> None: ...

class WithdrawCadreRequest(_message.Message):
    __slots__ = ("cadre_id", "end_date", "reason")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    end_date: str
    reason: str
    def __init__(self, cadre_id: _Optional[str] = ..., end_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RotateCadreRequest(_message.Message):
    __slots__ = ("outgoing_cadre_id", "incoming_cadre_id", "handover_date", "reason")
    OUTGOING_CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    INCOMING_CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    HANDOVER_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    outgoing_cadre_id: str
    incoming_cadre_id: str
    handover_date: str
    reason: str
    def __init__(self, outgoing_cadre_id: _Optional[str] = ..., incoming_cadre_id: _Optional[str] = ..., handover_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RotateCadreResponse(_message.Message):
    __slots__ = ("withdrawn", "stationed")
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    STATIONED_FIELD_NUMBER: _ClassVar[int]
    withdrawn: Stationing
    stationed: Stationing
    def __init__(self, withdrawn: _Optional[_Union[Stationing, _Mapping]] = ..., stationed: _Optional[_Union[Stationing, _Mapping]] = ...) -> None: ...

class Stationing(_message.Message):
    __slots__ = ("stationing_id", "cadre_id", "unit_id", "pairing_id", "village", "start_date", "end_date", "end_reason", "replaces_cadre_id", "replaced_by_cadre_id", "active", "register_from")
    STATIONING_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    PAIRING_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    REPLACES_CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    REPLACED_BY_CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    REGISTER_FROM_FIELD_NUMBER: _ClassVar[int]
    stationing_id: str
    cadre_id: str
    unit_id: str
    pairing_id: str
    village: _divisions_pb2.DivisionPath
    start_date: str
    end_date: str
    end_reason: str
    replaces_cadre_id: str
    replaced_by_cadre_id: str
    active: bool
    register_from: str
    def __init__(self, stationing_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., pairing_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., end_reason: _Optional[str] = ..., replaces_cadre_id: _Optional[str] = ..., replaced_by_cadre_id: _Optional[str] = ..., active: _Optional[bool] = ..., register_from: _Optional[str] = ...) -> None: ...

class ListStationingsRequest(_message.Message):
    __slots__ = ("village_code",)
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    def __init__(self, village_code: _Optional[str] = ...) -> None: ...

class ListStationingsResponse(_message.Message):
    __slots__ = ("stationings",)
    STATIONINGS_FIELD_NUMBER: _ClassVar[int]
    stationings: _containers.RepeatedCompositeFieldContainer[Stationing]
    def __init__(self, stationings: _Optional[_Iterable[_Union[Stationing, _Mapping]]] = ...) -> None: ...

class RecordAttendanceRequest(_message.Message):
    __slots__ = ("cadre_id", "day", "mark", "recorded_by", "note")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    MARK_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    day: str
    mark: AttendanceMark
    recorded_by: Recorder
    note: str
    def __init__(self, cadre_id: _Optional[str] = ..., day: _Optional[str] = ..., mark: _Optional[_Union[AttendanceMark, str]] = ..., recorded_by: _Optional[_Union[Recorder, str]] = ..., note: _Optional[str] = ...) -> None: ...

class AttendanceDay(_message.Message):
    __slots__ = ("day", "status", "mark")
    DAY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MARK_FIELD_NUMBER: _ClassVar[int]
    day: str
    status: DayStatus
    mark: AttendanceMark
    def __init__(self, day: _Optional[str] = ..., status: _Optional[_Union[DayStatus, str]] = ..., mark: _Optional[_Union[AttendanceMark, str]] = ...) -> None: ...

class GetAttendanceMonthRequest(_message.Message):
    __slots__ = ("cadre_id", "month")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    month: str
    def __init__(self, cadre_id: _Optional[str] = ..., month: _Optional[str] = ...) -> None: ...

class AttendanceSummary(_message.Message):
    __slots__ = ("working_days", "days_in_village", "days_on_approved_leave", "weekend_days", "days_absent_without_leave", "revision")
    WORKING_DAYS_FIELD_NUMBER: _ClassVar[int]
    DAYS_IN_VILLAGE_FIELD_NUMBER: _ClassVar[int]
    DAYS_ON_APPROVED_LEAVE_FIELD_NUMBER: _ClassVar[int]
    WEEKEND_DAYS_FIELD_NUMBER: _ClassVar[int]
    DAYS_ABSENT_WITHOUT_LEAVE_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    working_days: int
    days_in_village: int
    days_on_approved_leave: int
    weekend_days: int
    days_absent_without_leave: int
    revision: int
    def __init__(self, working_days: _Optional[int] = ..., days_in_village: _Optional[int] = ..., days_on_approved_leave: _Optional[int] = ..., weekend_days: _Optional[int] = ..., days_absent_without_leave: _Optional[int] = ..., revision: _Optional[int] = ...) -> None: ...

class AttendanceMonth(_message.Message):
    __slots__ = ("cadre_id", "month", "days", "summary")
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    month: str
    days: _containers.RepeatedCompositeFieldContainer[AttendanceDay]
    summary: AttendanceSummary
    def __init__(self, cadre_id: _Optional[str] = ..., month: _Optional[str] = ..., days: _Optional[_Iterable[_Union[AttendanceDay, _Mapping]]] = ..., summary: _Optional[_Union[AttendanceSummary, _Mapping]] = ...) -> None: ...

class RequestLeaveRequest(_message.Message):
    __slots__ = ("leave_id", "cadre_id", "first_day", "last_day", "reason")
    LEAVE_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    leave_id: str
    cadre_id: str
    first_day: str
    last_day: str
    reason: str
    def __init__(self, leave_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DecideLeaveRequest(_message.Message):
    __slots__ = ("leave_id", "decision", "decided_by", "note")
    LEAVE_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    leave_id: str
    decision: LeaveDecision
    decided_by: str
    note: str
    def __init__(self, leave_id: _Optional[str] = ..., decision: _Optional[_Union[LeaveDecision, str]] = ..., decided_by: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class Leave(_message.Message):
    __slots__ = ("leave_id", "cadre_id", "village", "first_day", "last_day", "reason", "status", "requested_at", "decided_at", "decided_by", "decision_note")
    LEAVE_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    FIRST_DAY_FIELD_NUMBER: _ClassVar[int]
    LAST_DAY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECISION_NOTE_FIELD_NUMBER: _ClassVar[int]
    leave_id: str
    cadre_id: str
    village: _divisions_pb2.DivisionPath
    first_day: str
    last_day: str
    reason: str
    status: LeaveStatus
    requested_at: str
    decided_at: str
    decided_by: str
    decision_note: str
    def __init__(self, leave_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., first_day: _Optional[str] = ..., last_day: _Optional[str] = ..., reason: _Optional[str] = ..., status: _Optional[_Union[LeaveStatus, str]] = ..., requested_at: _Optional[str] = ..., decided_at: _Optional[str] = ..., decided_by: _Optional[str] = ..., decision_note: _Optional[str] = ...) -> None: ...

class ListLeavesRequest(_message.Message):
    __slots__ = ("cadre_id",)
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    def __init__(self, cadre_id: _Optional[str] = ...) -> None: ...

class ListLeavesResponse(_message.Message):
    __slots__ = ("leaves",)
    LEAVES_FIELD_NUMBER: _ClassVar[int]
    leaves: _containers.RepeatedCompositeFieldContainer[Leave]
    def __init__(self, leaves: _Optional[_Iterable[_Union[Leave, _Mapping]]] = ...) -> None: ...

class RecordInspectionRequest(_message.Message):
    __slots__ = ("inspection_id", "cadre_id", "inspected_on", "method", "outcome", "inspector", "note")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    INSPECTED_ON_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    INSPECTOR_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    cadre_id: str
    inspected_on: str
    method: _events_pb2.InspectionMethod
    outcome: InspectionOutcome
    inspector: str
    note: str
    def __init__(self, inspection_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., inspected_on: _Optional[str] = ..., method: _Optional[_Union[_events_pb2.InspectionMethod, str]] = ..., outcome: _Optional[_Union[InspectionOutcome, str]] = ..., inspector: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class Inspection(_message.Message):
    __slots__ = ("inspection_id", "cadre_id", "unit_id", "village", "inspected_on", "method", "outcome", "finding", "inspector", "note", "recorded_at")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    INSPECTED_ON_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    INSPECTOR_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    cadre_id: str
    unit_id: str
    village: _divisions_pb2.DivisionPath
    inspected_on: str
    method: _events_pb2.InspectionMethod
    outcome: InspectionOutcome
    finding: InspectionFinding
    inspector: str
    note: str
    recorded_at: str
    def __init__(self, inspection_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., inspected_on: _Optional[str] = ..., method: _Optional[_Union[_events_pb2.InspectionMethod, str]] = ..., outcome: _Optional[_Union[InspectionOutcome, str]] = ..., finding: _Optional[_Union[InspectionFinding, str]] = ..., inspector: _Optional[str] = ..., note: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class ListInspectionsRequest(_message.Message):
    __slots__ = ("cadre_id",)
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    def __init__(self, cadre_id: _Optional[str] = ...) -> None: ...

class ListInspectionsResponse(_message.Message):
    __slots__ = ("inspections",)
    INSPECTIONS_FIELD_NUMBER: _ClassVar[int]
    inspections: _containers.RepeatedCompositeFieldContainer[Inspection]
    def __init__(self, inspections: _Optional[_Iterable[_Union[Inspection, _Mapping]]] = ...) -> None: ...

class RecordComplaintRequest(_message.Message):
    __slots__ = ("complaint_id", "cadre_id", "received_on", "subject", "details")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    cadre_id: str
    received_on: str
    subject: ComplaintSubject
    details: str
    def __init__(self, complaint_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., received_on: _Optional[str] = ..., subject: _Optional[_Union[ComplaintSubject, str]] = ..., details: _Optional[str] = ...) -> None: ...

class ResolveComplaintRequest(_message.Message):
    __slots__ = ("complaint_id", "resolved_on", "finding", "resolution")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_ON_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    resolved_on: str
    finding: ComplaintFinding
    resolution: str
    def __init__(self, complaint_id: _Optional[str] = ..., resolved_on: _Optional[str] = ..., finding: _Optional[_Union[ComplaintFinding, str]] = ..., resolution: _Optional[str] = ...) -> None: ...

class Complaint(_message.Message):
    __slots__ = ("complaint_id", "cadre_id", "village", "received_on", "subject", "details", "status", "resolved_on", "finding", "resolution")
    COMPLAINT_ID_FIELD_NUMBER: _ClassVar[int]
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_ON_FIELD_NUMBER: _ClassVar[int]
    FINDING_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    complaint_id: str
    cadre_id: str
    village: _divisions_pb2.DivisionPath
    received_on: str
    subject: ComplaintSubject
    details: str
    status: ComplaintStatus
    resolved_on: str
    finding: ComplaintFinding
    resolution: str
    def __init__(self, complaint_id: _Optional[str] = ..., cadre_id: _Optional[str] = ..., village: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., received_on: _Optional[str] = ..., subject: _Optional[_Union[ComplaintSubject, str]] = ..., details: _Optional[str] = ..., status: _Optional[_Union[ComplaintStatus, str]] = ..., resolved_on: _Optional[str] = ..., finding: _Optional[_Union[ComplaintFinding, str]] = ..., resolution: _Optional[str] = ...) -> None: ...

class ListComplaintsRequest(_message.Message):
    __slots__ = ("cadre_id",)
    CADRE_ID_FIELD_NUMBER: _ClassVar[int]
    cadre_id: str
    def __init__(self, cadre_id: _Optional[str] = ...) -> None: ...

class ListComplaintsResponse(_message.Message):
    __slots__ = ("complaints",)
    COMPLAINTS_FIELD_NUMBER: _ClassVar[int]
    complaints: _containers.RepeatedCompositeFieldContainer[Complaint]
    def __init__(self, complaints: _Optional[_Iterable[_Union[Complaint, _Mapping]]] = ...) -> None: ...
