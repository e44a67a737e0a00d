from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Sex(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEX_UNSPECIFIED: _ClassVar[Sex]
    SEX_MALE: _ClassVar[Sex]
    SEX_FEMALE: _ClassVar[Sex]

class Relation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RELATION_UNSPECIFIED: _ClassVar[Relation]
    RELATION_HEAD: _ClassVar[Relation]
    RELATION_SPOUSE: _ClassVar[Relation]
    RELATION_CHILD: _ClassVar[Relation]
    RELATION_PARENT: _ClassVar[Relation]
    RELATION_GRANDCHILD: _ClassVar[Relation]
    RELATION_SIBLING: _ClassVar[Relation]
    RELATION_OTHER: _ClassVar[Relation]

class Category(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CATEGORY_UNSPECIFIED: _ClassVar[Category]
    CATEGORY_ABLE_TO_WORK: _ClassVar[Category]
    CATEGORY_DIBAO: _ClassVar[Category]
    CATEGORY_WUBAO: _ClassVar[Category]

class LabourAbility(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LABOUR_ABILITY_UNSPECIFIED: _ClassVar[LabourAbility]
    LABOUR_ABILITY_FULL: _ClassVar[LabourAbility]
    LABOUR_ABILITY_PARTIAL: _ClassVar[LabourAbility]
    LABOUR_ABILITY_NONE: _ClassVar[LabourAbility]

class Health(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HEALTH_UNSPECIFIED: _ClassVar[Health]
    HEALTH_HEALTHY: _ClassVar[Health]
    HEALTH_CHRONIC_ILLNESS: _ClassVar[Health]
    HEALTH_SERIOUS_ILLNESS: _ClassVar[Health]

class Disability(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISABILITY_UNSPECIFIED: _ClassVar[Disability]
    DISABILITY_NONE: _ClassVar[Disability]
    DISABILITY_MILD: _ClassVar[Disability]
    DISABILITY_SEVERE: _ClassVar[Disability]

class Schooling(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCHOOLING_UNSPECIFIED: _ClassVar[Schooling]
    SCHOOLING_NONE: _ClassVar[Schooling]
    SCHOOLING_PRESCHOOL: _ClassVar[Schooling]
    SCHOOLING_PRIMARY: _ClassVar[Schooling]
    SCHOOLING_JUNIOR_SECONDARY: _ClassVar[Schooling]
    SCHOOLING_SENIOR_SECONDARY: _ClassVar[Schooling]
    SCHOOLING_VOCATIONAL: _ClassVar[Schooling]
    SCHOOLING_HIGHER: _ClassVar[Schooling]

class PovertyCause(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POVERTY_CAUSE_UNSPECIFIED: _ClassVar[PovertyCause]
    POVERTY_CAUSE_ILLNESS: _ClassVar[PovertyCause]
    POVERTY_CAUSE_DISABILITY: _ClassVar[PovertyCause]
    POVERTY_CAUSE_LACK_OF_LABOUR: _ClassVar[PovertyCause]
    POVERTY_CAUSE_LACK_OF_SKILLS: _ClassVar[PovertyCause]
    POVERTY_CAUSE_LACK_OF_LAND_OR_WATER: _ClassVar[PovertyCause]
    POVERTY_CAUSE_DISASTER: _ClassVar[PovertyCause]
    POVERTY_CAUSE_SCHOOLING_COSTS: _ClassVar[PovertyCause]
    POVERTY_CAUSE_LACK_OF_FUNDS: _ClassVar[PovertyCause]
    POVERTY_CAUSE_REMOTENESS: _ClassVar[PovertyCause]

class WorkflowStep(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WORKFLOW_STEP_UNSPECIFIED: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_APPLICATION: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_VILLAGE_VERIFICATION: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_VILLAGE_DISCUSSION: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_TOWNSHIP_REVIEW: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_COUNTY_APPROVAL: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_PREFECTURE_REGISTRATION: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_EXIT_VILLAGE_CONFIRMATION: _ClassVar[WorkflowStep]
    WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION: _ClassVar[WorkflowStep]

class StepDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STEP_DECISION_UNSPECIFIED: _ClassVar[StepDecision]
    STEP_DECISION_APPROVE: _ClassVar[StepDecision]
    STEP_DECISION_REJECT: _ClassVar[StepDecision]
    STEP_DECISION_SEND_BACK: _ClassVar[StepDecision]

class BatchOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BATCH_OUTCOME_UNSPECIFIED: _ClassVar[BatchOutcome]
    BATCH_OUTCOME_REGISTERED: _ClassVar[BatchOutcome]
    BATCH_OUTCOME_ALREADY_REGISTERED: _ClassVar[BatchOutcome]
    BATCH_OUTCOME_INVALID_ARGUMENT: _ClassVar[BatchOutcome]
    BATCH_OUTCOME_ALREADY_EXISTS: _ClassVar[BatchOutcome]
SEX_UNSPECIFIED: Sex
SEX_MALE: Sex
SEX_FEMALE: Sex
RELATION_UNSPECIFIED: Relation
RELATION_HEAD: Relation
RELATION_SPOUSE: Relation
RELATION_CHILD: Relation
RELATION_PARENT: Relation
RELATION_GRANDCHILD: Relation
RELATION_SIBLING: Relation
RELATION_OTHER: Relation
CATEGORY_UNSPECIFIED: Category
CATEGORY_ABLE_TO_WORK: Category
CATEGORY_DIBAO: Category
CATEGORY_WUBAO: Category
LABOUR_ABILITY_UNSPECIFIED: LabourAbility
LABOUR_ABILITY_FULL: LabourAbility
LABOUR_ABILITY_PARTIAL: LabourAbility
LABOUR_ABILITY_NONE: LabourAbility
HEALTH_UNSPECIFIED: Health
HEALTH_HEALTHY: Health
HEALTH_CHRONIC_ILLNESS: Health
HEALTH_SERIOUS_ILLNESS: Health
DISABILITY_UNSPECIFIED: Disability
DISABILITY_NONE: Disability
DISABILITY_MILD: Disability
DISABILITY_SEVERE: Disability
SCHOOLING_UNSPECIFIED: Schooling
SCHOOLING_NONE: Schooling
SCHOOLING_PRESCHOOL: Schooling
SCHOOLING_PRIMARY: Schooling
SCHOOLING_JUNIOR_SECONDARY: Schooling
SCHOOLING_SENIOR_SECONDARY: Schooling
SCHOOLING_VOCATIONAL: Schooling
SCHOOLING_HIGHER: Schooling
POVERTY_CAUSE_UNSPECIFIED: PovertyCause
POVERTY_CAUSE_ILLNESS: PovertyCause
POVERTY_CAUSE_DISABILITY: PovertyCause
POVERTY_CAUSE_LACK_OF_LABOUR: PovertyCause
POVERTY_CAUSE_LACK_OF_SKILLS: PovertyCause
POVERTY_CAUSE_LACK_OF_LAND_OR_WATER: PovertyCause
POVERTY_CAUSE_DISASTER: PovertyCause
POVERTY_CAUSE_SCHOOLING_COSTS: PovertyCause
POVERTY_CAUSE_LACK_OF_FUNDS: PovertyCause
POVERTY_CAUSE_REMOTENESS: PovertyCause
WORKFLOW_STEP_UNSPECIFIED: WorkflowStep
WORKFLOW_STEP_APPLICATION: WorkflowStep
WORKFLOW_STEP_VILLAGE_VERIFICATION: WorkflowStep
WORKFLOW_STEP_VILLAGE_DISCUSSION: WorkflowStep
WORKFLOW_STEP_TOWNSHIP_REVIEW: WorkflowStep
WORKFLOW_STEP_COUNTY_APPROVAL: WorkflowStep
WORKFLOW_STEP_PREFECTURE_REGISTRATION: WorkflowStep
WORKFLOW_STEP_EXIT_VILLAGE_CONFIRMATION: WorkflowStep
WORKFLOW_STEP_EXIT_COUNTY_CONFIRMATION: WorkflowStep
STEP_DECISION_UNSPECIFIED: StepDecision
STEP_DECISION_APPROVE: StepDecision
STEP_DECISION_REJECT: StepDecision
STEP_DECISION_SEND_BACK: StepDecision
BATCH_OUTCOME_UNSPECIFIED: BatchOutcome
BATCH_OUTCOME_REGISTERED: BatchOutcome
BATCH_OUTCOME_ALREADY_REGISTERED: BatchOutcome
BATCH_OUTCOME_INVALID_ARGUMENT: BatchOutcome
BATCH_OUTCOME_ALREADY_EXISTS: BatchOutcome

class Member(_message.Message):
    __slots__ = ("name", "national_id", "relation", "sex", "birth_date", "labour_ability", "health", "disability", "schooling")
    NAME_FIELD_NUMBER: _ClassVar[int]
    NATIONAL_ID_FIELD_NUMBER: _ClassVar[int]
    RELATION_FIELD_NUMBER: _ClassVar[int]
    SEX_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    LABOUR_ABILITY_FIELD_NUMBER: _ClassVar[int]
    HEALTH_FIELD_NUMBER: _ClassVar[int]
    DISABILITY_FIELD_NUMBER: _ClassVar[int]
    SCHOOLING_FIELD_NUMBER: _ClassVar[int]
    name: str
    national_id: str
    relation: Relation
    sex: Sex
    birth_date: str
    labour_ability: LabourAbility
    health: Health
    disability: Disability
    schooling: Schooling
    def __init__(self, name: _Optional[str] = ..., national_id: _Optional[str] = ..., relation: _Optional[_Union[Relation, str]] = ..., sex: _Optional[_Union[Sex, str]] = ..., birth_date: _Optional[str] = ..., labour_ability: _Optional[_Union[LabourAbility, str]] = ..., health: _Optional[_Union[Health, str]] = ..., disability: _Optional[_Union[Disability, str]] = ..., schooling: _Optional[_Union[Schooling, str]] = ...) -> None: ...

class RegisterHouseholdRequest(_message.Message):
    __slots__ = ("village_code", "category", "members", "household_id", "natural_village_code", "income", "land_area_m2", "housing_area_m2", "housing_dilapidated", "causes")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    NATURAL_VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    LAND_AREA_M2_FIELD_NUMBER: _ClassVar[int]
    HOUSING_AREA_M2_FIELD_NUMBER: _ClassVar[int]
    HOUSING_DILAPIDATED_FIELD_NUMBER: _ClassVar[int]
    CAUSES_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    category: Category
    members: _containers.RepeatedCompositeFieldContainer[Member]
    household_id: str
    natural_village_code: str
    income: Income
    land_area_m2: int
    housing_area_m2: int
    housing_dilapidated: bool
    causes: _containers.RepeatedScalarFieldContainer[PovertyCause]
    def __init__(self, village_code: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., household_id: _Optional[str] = ..., natural_village_code: _Optional[str] = ..., income: _Optional[_Union[Income, _Mapping]] = ..., land_area_m2: _Optional[int] = ..., housing_area_m2: _Optional[int] = ..., housing_dilapidated: _Optional[bool] = ..., causes: _Optional[_Iterable[_Union[PovertyCause, str]]] = ...) -> None: ...

class RegisterHouseholdResponse(_message.Message):
    __slots__ = ("household_id",)
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    def __init__(self, household_id: _Optional[str] = ...) -> None: ...

class GetHouseholdRequest(_message.Message):
    __slots__ = ("household_id",)
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    def __init__(self, household_id: _Optional[str] = ...) -> None: ...

class Household(_message.Message):
    __slots__ = ("household_id", "divisions", "category", "members", "status", "natural_village_code", "income", "land_area_m2", "housing_area_m2", "housing_dilapidated", "causes", "current_step", "entry_income_per_capita_fen", "able_to_work_count", "notice_ends_on", "objections", "risk", "submitted_at", "registered_at", "exited_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NATURAL_VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    LAND_AREA_M2_FIELD_NUMBER: _ClassVar[int]
    HOUSING_AREA_M2_FIELD_NUMBER: _ClassVar[int]
    HOUSING_DILAPIDATED_FIELD_NUMBER: _ClassVar[int]
    CAUSES_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STEP_FIELD_NUMBER: _ClassVar[int]
    ENTRY_INCOME_PER_CAPITA_FEN_FIELD_NUMBER: _ClassVar[int]
    ABLE_TO_WORK_COUNT_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    OBJECTIONS_FIELD_NUMBER: _ClassVar[int]
    RISK_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    EXITED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    category: Category
    members: _containers.RepeatedCompositeFieldContainer[Member]
    status: str
    natural_village_code: str
    income: Income
    land_area_m2: int
    housing_area_m2: int
    housing_dilapidated: bool
    causes: _containers.RepeatedScalarFieldContainer[PovertyCause]
    current_step: WorkflowStep
    entry_income_per_capita_fen: int
    able_to_work_count: int
    notice_ends_on: str
    objections: _containers.RepeatedCompositeFieldContainer[Objection]
    risk: RiskFlag
    submitted_at: str
    registered_at: str
    exited_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., category: _Optional[_Union[Category, str]] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., status: _Optional[str] = ..., natural_village_code: _Optional[str] = ..., income: _Optional[_Union[Income, _Mapping]] = ..., land_area_m2: _Optional[int] = ..., housing_area_m2: _Optional[int] = ..., housing_dilapidated: _Optional[bool] = ..., causes: _Optional[_Iterable[_Union[PovertyCause, str]]] = ..., current_step: _Optional[_Union[WorkflowStep, str]] = ..., entry_income_per_capita_fen: _Optional[int] = ..., able_to_work_count: _Optional[int] = ..., notice_ends_on: _Optional[str] = ..., objections: _Optional[_Iterable[_Union[Objection, _Mapping]]] = ..., risk: _Optional[_Union[RiskFlag, _Mapping]] = ..., submitted_at: _Optional[str] = ..., registered_at: _Optional[str] = ..., exited_at: _Optional[str] = ...) -> None: ...

class Income(_message.Message):
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

class Guarantees(_message.Message):
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

class HouseholdFile(_message.Message):
    __slots__ = ("village_code", "category", "members", "natural_village_code", "income", "land_area_m2", "housing_area_m2", "housing_dilapidated", "causes")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    NATURAL_VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    LAND_AREA_M2_FIELD_NUMBER: _ClassVar[int]
    HOUSING_AREA_M2_FIELD_NUMBER: _ClassVar[int]
    HOUSING_DILAPIDATED_FIELD_NUMBER: _ClassVar[int]
    CAUSES_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    category: Category
    members: _containers.RepeatedCompositeFieldContainer[Member]
    natural_village_code: str
    income: Income
    land_area_m2: int
    housing_area_m2: int
    housing_dilapidated: bool
    causes: _containers.RepeatedScalarFieldContainer[PovertyCause]
    def __init__(self, village_code: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., natural_village_code: _Optional[str] = ..., income: _Optional[_Union[Income, _Mapping]] = ..., land_area_m2: _Optional[int] = ..., housing_area_m2: _Optional[int] = ..., housing_dilapidated: _Optional[bool] = ..., causes: _Optional[_Iterable[_Union[PovertyCause, str]]] = ...) -> None: ...

class Objection(_message.Message):
    __slots__ = ("text", "recorded_by", "recorded_at")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    text: str
    recorded_by: str
    recorded_at: str
    def __init__(self, text: _Optional[str] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class RiskFlag(_message.Message):
    __slots__ = ("category", "rule", "evidence", "flagged_at")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_AT_FIELD_NUMBER: _ClassVar[int]
    category: str
    rule: str
    evidence: str
    flagged_at: str
    def __init__(self, category: _Optional[str] = ..., rule: _Optional[str] = ..., evidence: _Optional[str] = ..., flagged_at: _Optional[str] = ...) -> None: ...

class SubmitHouseholdRequest(_message.Message):
    __slots__ = ("file", "submitted_by", "household_id")
    FILE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    file: HouseholdFile
    submitted_by: str
    household_id: str
    def __init__(self, file: _Optional[_Union[HouseholdFile, _Mapping]] = ..., submitted_by: _Optional[str] = ..., household_id: _Optional[str] = ...) -> None: ...

class SubmitHouseholdResponse(_message.Message):
    __slots__ = ("household_id",)
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    def __init__(self, household_id: _Optional[str] = ...) -> None: ...

class DecideStepRequest(_message.Message):
    __slots__ = ("household_id", "step", "decision", "reason", "decided_by")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    step: WorkflowStep
    decision: StepDecision
    reason: str
    decided_by: str
    def __init__(self, household_id: _Optional[str] = ..., step: _Optional[_Union[WorkflowStep, str]] = ..., decision: _Optional[_Union[StepDecision, str]] = ..., reason: _Optional[str] = ..., decided_by: _Optional[str] = ...) -> None: ...

class RecordObjectionRequest(_message.Message):
    __slots__ = ("household_id", "text", "recorded_by")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    text: str
    recorded_by: str
    def __init__(self, household_id: _Optional[str] = ..., text: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class ResubmitHouseholdRequest(_message.Message):
    __slots__ = ("household_id", "file", "submitted_by")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    file: HouseholdFile
    submitted_by: str
    def __init__(self, household_id: _Optional[str] = ..., file: _Optional[_Union[HouseholdFile, _Mapping]] = ..., submitted_by: _Optional[str] = ...) -> None: ...

class ListHouseholdsRequest(_message.Message):
    __slots__ = ("division_code", "category", "status", "page_size", "page_token")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    category: Category
    status: str
    page_size: int
    page_token: str
    def __init__(self, division_code: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class HouseholdSummary(_message.Message):
    __slots__ = ("household_id", "divisions", "category", "status", "current_step", "member_count", "able_to_work_count", "entry_income_per_capita_fen", "natural_village_code", "risk_category")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STEP_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    ABLE_TO_WORK_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENTRY_INCOME_PER_CAPITA_FEN_FIELD_NUMBER: _ClassVar[int]
    NATURAL_VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    RISK_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    category: Category
    status: str
    current_step: WorkflowStep
    member_count: int
    able_to_work_count: int
    entry_income_per_capita_fen: int
    natural_village_code: str
    risk_category: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., category: _Optional[_Union[Category, str]] = ..., status: _Optional[str] = ..., current_step: _Optional[_Union[WorkflowStep, str]] = ..., member_count: _Optional[int] = ..., able_to_work_count: _Optional[int] = ..., entry_income_per_capita_fen: _Optional[int] = ..., natural_village_code: _Optional[str] = ..., risk_category: _Optional[str] = ...) -> None: ...

class ListHouseholdsResponse(_message.Message):
    __slots__ = ("households", "next_page_token", "total_size", "total_people")
    HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PEOPLE_FIELD_NUMBER: _ClassVar[int]
    households: _containers.RepeatedCompositeFieldContainer[HouseholdSummary]
    next_page_token: str
    total_size: int
    total_people: int
    def __init__(self, households: _Optional[_Iterable[_Union[HouseholdSummary, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., total_people: _Optional[int] = ...) -> None: ...

class GetPublicNoticeRequest(_message.Message):
    __slots__ = ("village_code",)
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    def __init__(self, village_code: _Optional[str] = ...) -> None: ...

class PublicNoticeEntry(_message.Message):
    __slots__ = ("names", "village_code", "category", "notice_ends_on")
    NAMES_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    names: _containers.RepeatedScalarFieldContainer[str]
    village_code: str
    category: Category
    notice_ends_on: str
    def __init__(self, names: _Optional[_Iterable[str]] = ..., village_code: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., notice_ends_on: _Optional[str] = ...) -> None: ...

class PublicNotice(_message.Message):
    __slots__ = ("village_code", "entries")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    entries: _containers.RepeatedCompositeFieldContainer[PublicNoticeEntry]
    def __init__(self, village_code: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[PublicNoticeEntry, _Mapping]]] = ...) -> None: ...

class RecordSurveyRequest(_message.Message):
    __slots__ = ("household_id", "year", "income", "guarantees", "household_size", "new_serious_illness", "new_disability", "disaster", "recorded_by", "corrects_survey_id")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    GUARANTEES_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_SIZE_FIELD_NUMBER: _ClassVar[int]
    NEW_SERIOUS_ILLNESS_FIELD_NUMBER: _ClassVar[int]
    NEW_DISABILITY_FIELD_NUMBER: _ClassVar[int]
    DISASTER_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    CORRECTS_SURVEY_ID_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    year: int
    income: Income
    guarantees: Guarantees
    household_size: int
    new_serious_illness: bool
    new_disability: bool
    disaster: bool
    recorded_by: str
    corrects_survey_id: str
    def __init__(self, household_id: _Optional[str] = ..., year: _Optional[int] = ..., income: _Optional[_Union[Income, _Mapping]] = ..., guarantees: _Optional[_Union[Guarantees, _Mapping]] = ..., household_size: _Optional[int] = ..., new_serious_illness: _Optional[bool] = ..., new_disability: _Optional[bool] = ..., disaster: _Optional[bool] = ..., recorded_by: _Optional[str] = ..., corrects_survey_id: _Optional[str] = ...) -> None: ...

class Survey(_message.Message):
    __slots__ = ("survey_id", "household_id", "year", "household_size", "income", "net_income_fen", "per_capita_net_income_fen", "guarantees", "new_serious_illness", "new_disability", "disaster", "supersedes_survey_id", "recorded_by", "recorded_at", "meets_exit_rule")
    SURVEY_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_SIZE_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    NET_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    PER_CAPITA_NET_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    GUARANTEES_FIELD_NUMBER: _ClassVar[int]
    NEW_SERIOUS_ILLNESS_FIELD_NUMBER: _ClassVar[int]
    NEW_DISABILITY_FIELD_NUMBER: _ClassVar[int]
    DISASTER_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDES_SURVEY_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    MEETS_EXIT_RULE_FIELD_NUMBER: _ClassVar[int]
    survey_id: str
    household_id: str
    year: int
    household_size: int
    income: Income
    net_income_fen: int
    per_capita_net_income_fen: int
    guarantees: Guarantees
    new_serious_illness: bool
    new_disability: bool
    disaster: bool
    supersedes_survey_id: str
    recorded_by: str
    recorded_at: str
    meets_exit_rule: bool
    def __init__(self, survey_id: _Optional[str] = ..., household_id: _Optional[str] = ..., year: _Optional[int] = ..., household_size: _Optional[int] = ..., income: _Optional[_Union[Income, _Mapping]] = ..., net_income_fen: _Optional[int] = ..., per_capita_net_income_fen: _Optional[int] = ..., guarantees: _Optional[_Union[Guarantees, _Mapping]] = ..., new_serious_illness: _Optional[bool] = ..., new_disability: _Optional[bool] = ..., disaster: _Optional[bool] = ..., supersedes_survey_id: _Optional[str] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ..., meets_exit_rule: _Optional[bool] = ...) -> None: ...

class ProposeExitRequest(_message.Message):
    __slots__ = ("household_id", "proposed_by")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_BY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    proposed_by: str
    def __init__(self, household_id: _Optional[str] = ..., proposed_by: _Optional[str] = ...) -> None: ...

class ConfirmExitRequest(_message.Message):
    __slots__ = ("household_id", "step", "decision", "reason", "decided_by")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    step: WorkflowStep
    decision: StepDecision
    reason: str
    decided_by: str
    def __init__(self, household_id: _Optional[str] = ..., step: _Optional[_Union[WorkflowStep, str]] = ..., decision: _Optional[_Union[StepDecision, str]] = ..., reason: _Optional[str] = ..., decided_by: _Optional[str] = ...) -> None: ...

class ReturnToPovertyRequest(_message.Message):
    __slots__ = ("household_id", "reason", "decided_by")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    reason: str
    decided_by: str
    def __init__(self, household_id: _Optional[str] = ..., reason: _Optional[str] = ..., decided_by: _Optional[str] = ...) -> None: ...

class GetHistoryRequest(_message.Message):
    __slots__ = ("household_id",)
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    def __init__(self, household_id: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("at", "kind", "step", "decision", "reason", "actor", "survey_id", "year")
    AT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SURVEY_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    at: str
    kind: str
    step: WorkflowStep
    decision: StepDecision
    reason: str
    actor: str
    survey_id: str
    year: int
    def __init__(self, at: _Optional[str] = ..., kind: _Optional[str] = ..., step: _Optional[_Union[WorkflowStep, str]] = ..., decision: _Optional[_Union[StepDecision, str]] = ..., reason: _Optional[str] = ..., actor: _Optional[str] = ..., survey_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class HouseholdHistory(_message.Message):
    __slots__ = ("household_id", "entries", "surveys")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    SURVEYS_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    surveys: _containers.RepeatedCompositeFieldContainer[Survey]
    def __init__(self, household_id: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ..., surveys: _Optional[_Iterable[_Union[Survey, _Mapping]]] = ...) -> None: ...

class Division(_message.Message):
    __slots__ = ("code", "name", "level", "parent_code")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    PARENT_CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    level: str
    parent_code: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., level: _Optional[str] = ..., parent_code: _Optional[str] = ...) -> None: ...

class LoadDivisionsRequest(_message.Message):
    __slots__ = ("divisions",)
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    divisions: _containers.RepeatedCompositeFieldContainer[Division]
    def __init__(self, divisions: _Optional[_Iterable[_Union[Division, _Mapping]]] = ...) -> None: ...

class LoadDivisionsResponse(_message.Message):
    __slots__ = ("added", "updated")
    ADDED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    added: int
    updated: int
    def __init__(self, added: _Optional[int] = ..., updated: _Optional[int] = ...) -> None: ...

class RegisterHouseholdsRequest(_message.Message):
    __slots__ = ("households",)
    HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    households: _containers.RepeatedCompositeFieldContainer[RegisterHouseholdRequest]
    def __init__(self, households: _Optional[_Iterable[_Union[RegisterHouseholdRequest, _Mapping]]] = ...) -> None: ...

class FieldViolation(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class RegisterHouseholdsResult(_message.Message):
    __slots__ = ("index", "outcome", "household_id", "message", "field_violations")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELD_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    index: int
    outcome: BatchOutcome
    household_id: str
    message: str
    field_violations: _containers.RepeatedCompositeFieldContainer[FieldViolation]
    def __init__(self, index: _Optional[int] = ..., outcome: _Optional[_Union[BatchOutcome, str]] = ..., household_id: _Optional[str] = ..., message: _Optional[str] = ..., field_violations: _Optional[_Iterable[_Union[FieldViolation, _Mapping]]] = ...) -> None: ...

class RegisterHouseholdsResponse(_message.Message):
    __slots__ = ("results", "registered_count", "already_registered_count", "rejected_count")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_COUNT_FIELD_NUMBER: _ClassVar[int]
    ALREADY_REGISTERED_COUNT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[RegisterHouseholdsResult]
    registered_count: int
    already_registered_count: int
    rejected_count: int
    def __init__(self, results: _Optional[_Iterable[_Union[RegisterHouseholdsResult, _Mapping]]] = ..., registered_count: _Optional[int] = ..., already_registered_count: _Optional[int] = ..., rejected_count: _Optional[int] = ...) -> None: ...

class ListDivisionsRequest(_message.Message):
    __slots__ = ("parent_code",)
    PARENT_CODE_FIELD_NUMBER: _ClassVar[int]
    parent_code: str
    def __init__(self, parent_code: _Optional[str] = ...) -> None: ...

class ListDivisionsResponse(_message.Message):
    __slots__ = ("parent", "ancestors", "divisions")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    ANCESTORS_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    parent: Division
    ancestors: _containers.RepeatedCompositeFieldContainer[Division]
    divisions: _containers.RepeatedCompositeFieldContainer[Division]
    def __init__(self, parent: _Optional[_Union[Division, _Mapping]] = ..., ancestors: _Optional[_Iterable[_Union[Division, _Mapping]]] = ..., divisions: _Optional[_Iterable[_Union[Division, _Mapping]]] = ...) -> None: ...

class CountHouseholdsRequest(_message.Message):
    __slots__ = ("division_code",)
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    def __init__(self, division_code: _Optional[str] = ...) -> None: ...

class HouseholdTally(_message.Message):
    __slots__ = ("households", "people")
    HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_FIELD_NUMBER: _ClassVar[int]
    households: int
    people: int
    def __init__(self, households: _Optional[int] = ..., people: _Optional[int] = ...) -> None: ...

class HouseholdCounts(_message.Message):
    __slots__ = ("division", "registered", "exit_proposed", "exited", "pending", "sent_back", "rejected", "at_risk")
    DIVISION_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_FIELD_NUMBER: _ClassVar[int]
    EXIT_PROPOSED_FIELD_NUMBER: _ClassVar[int]
    EXITED_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    SENT_BACK_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    AT_RISK_FIELD_NUMBER: _ClassVar[int]
    division: Division
    registered: HouseholdTally
    exit_proposed: HouseholdTally
    exited: HouseholdTally
    pending: HouseholdTally
    sent_back: HouseholdTally
    rejected: HouseholdTally
    at_risk: HouseholdTally
    def __init__(self, division: _Optional[_Union[Division, _Mapping]] = ..., registered: _Optional[_Union[HouseholdTally, _Mapping]] = ..., exit_proposed: _Optional[_Union[HouseholdTally, _Mapping]] = ..., exited: _Optional[_Union[HouseholdTally, _Mapping]] = ..., pending: _Optional[_Union[HouseholdTally, _Mapping]] = ..., sent_back: _Optional[_Union[HouseholdTally, _Mapping]] = ..., rejected: _Optional[_Union[HouseholdTally, _Mapping]] = ..., at_risk: _Optional[_Union[HouseholdTally, _Mapping]] = ...) -> None: ...

class CountHouseholdsResponse(_message.Message):
    __slots__ = ("division", "children")
    DIVISION_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    division: HouseholdCounts
    children: _containers.RepeatedCompositeFieldContainer[HouseholdCounts]
    def __init__(self, division: _Optional[_Union[HouseholdCounts, _Mapping]] = ..., children: _Optional[_Iterable[_Union[HouseholdCounts, _Mapping]]] = ...) -> None: ...
