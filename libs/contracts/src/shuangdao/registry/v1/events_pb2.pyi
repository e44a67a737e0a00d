from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from shuangdao.registry.v1 import registry_pb2 as _registry_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Step(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_UNSPECIFIED: _ClassVar[Step]
    STEP_APPLICATION: _ClassVar[Step]
    STEP_VILLAGE_VERIFICATION: _ClassVar[Step]
    STEP_VILLAGE_DISCUSSION: _ClassVar[Step]
    STEP_TOWNSHIP_REVIEW: _ClassVar[Step]
    STEP_COUNTY_APPROVAL: _ClassVar[Step]
    STEP_PREFECTURE_REGISTRATION: _ClassVar[Step]
    STEP_EXIT_VILLAGE_CONFIRMATION: _ClassVar[Step]
    STEP_EXIT_COUNTY_CONFIRMATION: _ClassVar[Step]

class Decision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DECISION_UNSPECIFIED: _ClassVar[Decision]
    DECISION_APPROVE: _ClassVar[Decision]
    DECISION_REJECT: _ClassVar[Decision]
    DECISION_SEND_BACK: _ClassVar[Decision]

class RiskCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RISK_CATEGORY_UNSPECIFIED: _ClassVar[RiskCategory]
    RISK_CATEGORY_UNSTABLE: _ClassVar[RiskCategory]
    RISK_CATEGORY_EDGE: _ClassVar[RiskCategory]
    RISK_CATEGORY_SUDDEN_HARDSHIP: _ClassVar[RiskCategory]
STEP_UNSPECIFIED: Step
STEP_APPLICATION: Step
STEP_VILLAGE_VERIFICATION: Step
STEP_VILLAGE_DISCUSSION: Step
STEP_TOWNSHIP_REVIEW: Step
STEP_COUNTY_APPROVAL: Step
STEP_PREFECTURE_REGISTRATION: Step
STEP_EXIT_VILLAGE_CONFIRMATION: Step
STEP_EXIT_COUNTY_CONFIRMATION: Step
DECISION_UNSPECIFIED: Decision
DECISION_APPROVE: Decision
DECISION_REJECT: Decision
DECISION_SEND_BACK: Decision
RISK_CATEGORY_UNSPECIFIED: RiskCategory
RISK_CATEGORY_UNSTABLE: RiskCategory
RISK_CATEGORY_EDGE: RiskCategory
RISK_CATEGORY_SUDDEN_HARDSHIP: RiskCategory

class HouseholdSubmitted(_message.Message):
    __slots__ = ("household_id", "divisions", "category", "member_count", "submitted_at", "via_county_system")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    VIA_COUNTY_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    category: _registry_pb2.Category
    member_count: int
    submitted_at: str
    via_county_system: bool
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., category: _Optional[_Union[_registry_pb2.Category, str]] = ..., member_count: _Optional[int] = ..., submitted_at: _Optional[str] = ..., via_county_system: _Optional[bool] = ...) -> None: ...

class StepDecided(_message.Message):
    __slots__ = ("household_id", "divisions", "step", "decision", "reason", "decided_by", "decided_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    step: Step
    decision: Decision
    reason: str
    decided_by: str
    decided_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., step: _Optional[_Union[Step, str]] = ..., decision: _Optional[_Union[Decision, str]] = ..., reason: _Optional[str] = ..., decided_by: _Optional[str] = ..., decided_at: _Optional[str] = ...) -> None: ...

class HouseholdRegistered(_message.Message):
    __slots__ = ("household_id", "divisions", "category", "member_count", "registered_at", "able_to_work_count", "entry_income_per_capita_fen")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    ABLE_TO_WORK_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENTRY_INCOME_PER_CAPITA_FEN_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    category: _registry_pb2.Category
    member_count: int
    registered_at: str
    able_to_work_count: int
    entry_income_per_capita_fen: int
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., category: _Optional[_Union[_registry_pb2.Category, str]] = ..., member_count: _Optional[int] = ..., registered_at: _Optional[str] = ..., able_to_work_count: _Optional[int] = ..., entry_income_per_capita_fen: _Optional[int] = ...) -> None: ...

class HouseholdRejected(_message.Message):
    __slots__ = ("household_id", "divisions", "step", "reason", "rejected_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REJECTED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    step: Step
    reason: str
    rejected_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., step: _Optional[_Union[Step, str]] = ..., reason: _Optional[str] = ..., rejected_at: _Optional[str] = ...) -> None: ...

class IncomeComponents(_message.Message):
    __slots__ = ("wages_fen", "farming_fen", "business_fen", "property_fen", "transfers_fen", "costs_fen")
    WAGES_FEN_FIELD_NUMBER: _ClassVar[int]
    FARMING_FEN_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_FEN_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_FEN_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_FEN_FIELD_NUMBER: _ClassVar[int]
    COSTS_FEN_FIELD_NUMBER: _ClassVar[int]
    wages_fen: int
    farming_fen: int
    business_fen: int
    property_fen: int
    transfers_fen: int
    costs_fen: int
    def __init__(self, wages_fen: _Optional[int] = ..., farming_fen: _Optional[int] = ..., business_fen: _Optional[int] = ..., property_fen: _Optional[int] = ..., transfers_fen: _Optional[int] = ..., costs_fen: _Optional[int] = ...) -> None: ...

class BasicGuarantees(_message.Message):
    __slots__ = ("food_and_clothing", "compulsory_schooling", "medical_insurance", "safe_housing")
    FOOD_AND_CLOTHING_FIELD_NUMBER: _ClassVar[int]
    COMPULSORY_SCHOOLING_FIELD_NUMBER: _ClassVar[int]
    MEDICAL_INSURANCE_FIELD_NUMBER: _ClassVar[int]
    SAFE_HOUSING_FIELD_NUMBER: _ClassVar[int]
    food_and_clothing: bool
    compulsory_schooling: bool
    medical_insurance: bool
    safe_housing: bool
    def __init__(self, food_and_clothing: _Optional[bool] = ..., compulsory_schooling: _Optional[bool] = ..., medical_insurance: _Optional[bool] = ..., safe_housing: _Optional[bool] = ...) -> None: ...

class SurveyRecorded(_message.Message):
    __slots__ = ("household_id", "divisions", "survey_id", "year", "household_size", "income", "net_income_fen", "per_capita_net_income_fen", "guarantees", "supersedes_survey_id", "recorded_at", "new_serious_illness", "new_disability", "disaster")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    SURVEY_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_SIZE_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    NET_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    PER_CAPITA_NET_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    GUARANTEES_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDES_SURVEY_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    NEW_SERIOUS_ILLNESS_FIELD_NUMBER: _ClassVar[int]
    NEW_DISABILITY_FIELD_NUMBER: _ClassVar[int]
    DISASTER_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    survey_id: str
    year: int
    household_size: int
    income: IncomeComponents
    net_income_fen: int
    per_capita_net_income_fen: int
    guarantees: BasicGuarantees
    supersedes_survey_id: str
    recorded_at: str
    new_serious_illness: bool
    new_disability: bool
    disaster: bool
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., survey_id: _Optional[str] = ..., year: _Optional[int] = ..., household_size: _Optional[int] = ..., income: _Optional[_Union[IncomeComponents, _Mapping]] = ..., net_income_fen: _Optional[int] = ..., per_capita_net_income_fen: _Optional[int] = ..., guarantees: _Optional[_Union[BasicGuarantees, _Mapping]] = ..., supersedes_survey_id: _Optional[str] = ..., recorded_at: _Optional[str] = ..., new_serious_illness: _Optional[bool] = ..., new_disability: _Optional[bool] = ..., disaster: _Optional[bool] = ...) -> None: ...

class ExitProposed(_message.Message):
    __slots__ = ("household_id", "divisions", "year", "per_capita_net_income_fen", "proposed_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PER_CAPITA_NET_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    year: int
    per_capita_net_income_fen: int
    proposed_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., year: _Optional[int] = ..., per_capita_net_income_fen: _Optional[int] = ..., proposed_at: _Optional[str] = ...) -> None: ...

class HouseholdExited(_message.Message):
    __slots__ = ("household_id", "divisions", "year", "member_count", "per_capita_net_income_fen", "exited_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    PER_CAPITA_NET_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    EXITED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    year: int
    member_count: int
    per_capita_net_income_fen: int
    exited_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., year: _Optional[int] = ..., member_count: _Optional[int] = ..., per_capita_net_income_fen: _Optional[int] = ..., exited_at: _Optional[str] = ...) -> None: ...

class RiskFlagged(_message.Message):
    __slots__ = ("household_id", "divisions", "category", "rule", "evidence", "flagged_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    category: RiskCategory
    rule: str
    evidence: str
    flagged_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., category: _Optional[_Union[RiskCategory, str]] = ..., rule: _Optional[str] = ..., evidence: _Optional[str] = ..., flagged_at: _Optional[str] = ...) -> None: ...

class RiskCleared(_message.Message):
    __slots__ = ("household_id", "divisions", "reason", "cleared_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLEARED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    reason: str
    cleared_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., reason: _Optional[str] = ..., cleared_at: _Optional[str] = ...) -> None: ...

class ReturnedToPoverty(_message.Message):
    __slots__ = ("household_id", "divisions", "year", "member_count", "per_capita_net_income_fen", "returned_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    PER_CAPITA_NET_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    RETURNED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    year: int
    member_count: int
    per_capita_net_income_fen: int
    returned_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., year: _Optional[int] = ..., member_count: _Optional[int] = ..., per_capita_net_income_fen: _Optional[int] = ..., returned_at: _Optional[str] = ...) -> None: ...
