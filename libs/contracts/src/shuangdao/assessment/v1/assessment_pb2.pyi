from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetVillageSummaryRequest(_message.Message):
    __slots__ = ("village_code",)
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    def __init__(self, village_code: _Optional[str] = ...) -> None: ...

class VillageSummary(_message.Message):
    __slots__ = ("village_code", "registered_households", "registered_people")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_PEOPLE_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    registered_households: int
    registered_people: int
    def __init__(self, village_code: _Optional[str] = ..., registered_households: _Optional[int] = ..., registered_people: _Optional[int] = ...) -> None: ...

class GetScoreRequest(_message.Message):
    __slots__ = ("target_kind", "target_id")
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    target_kind: str
    target_id: str
    def __init__(self, target_kind: _Optional[str] = ..., target_id: _Optional[str] = ...) -> None: ...

class Count(_message.Message):
    __slots__ = ("name", "value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: int
    def __init__(self, name: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...

class IndicatorScore(_message.Message):
    __slots__ = ("indicator", "weight", "points_centi", "measurable", "raw_value", "formula", "counts", "note")
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    POINTS_CENTI_FIELD_NUMBER: _ClassVar[int]
    MEASURABLE_FIELD_NUMBER: _ClassVar[int]
    RAW_VALUE_FIELD_NUMBER: _ClassVar[int]
    FORMULA_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    indicator: str
    weight: int
    points_centi: int
    measurable: bool
    raw_value: str
    formula: str
    counts: _containers.RepeatedCompositeFieldContainer[Count]
    note: str
    def __init__(self, indicator: _Optional[str] = ..., weight: _Optional[int] = ..., points_centi: _Optional[int] = ..., measurable: _Optional[bool] = ..., raw_value: _Optional[str] = ..., formula: _Optional[str] = ..., counts: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., note: _Optional[str] = ...) -> None: ...

class StreamPosition(_message.Message):
    __slots__ = ("facts", "last_fact_at")
    FACTS_FIELD_NUMBER: _ClassVar[int]
    LAST_FACT_AT_FIELD_NUMBER: _ClassVar[int]
    facts: int
    last_fact_at: str
    def __init__(self, facts: _Optional[int] = ..., last_fact_at: _Optional[str] = ...) -> None: ...

class Score(_message.Message):
    __slots__ = ("target_kind", "target_id", "divisions", "score_centi", "score", "grade_by_score", "grade", "unqualified", "unqualified_by", "rubric_version", "as_of", "position", "indicators", "computed_at", "constituents")
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    SCORE_CENTI_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    GRADE_BY_SCORE_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    UNQUALIFIED_FIELD_NUMBER: _ClassVar[int]
    UNQUALIFIED_BY_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    CONSTITUENTS_FIELD_NUMBER: _ClassVar[int]
    target_kind: str
    target_id: str
    divisions: _divisions_pb2.DivisionPath
    score_centi: int
    score: str
    grade_by_score: str
    grade: str
    unqualified: bool
    unqualified_by: _containers.RepeatedScalarFieldContainer[str]
    rubric_version: str
    as_of: str
    position: StreamPosition
    indicators: _containers.RepeatedCompositeFieldContainer[IndicatorScore]
    computed_at: str
    constituents: _containers.RepeatedCompositeFieldContainer[Constituent]
    def __init__(self, target_kind: _Optional[str] = ..., target_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., score_centi: _Optional[int] = ..., score: _Optional[str] = ..., grade_by_score: _Optional[str] = ..., grade: _Optional[str] = ..., unqualified: _Optional[bool] = ..., unqualified_by: _Optional[_Iterable[str]] = ..., rubric_version: _Optional[str] = ..., as_of: _Optional[str] = ..., position: _Optional[_Union[StreamPosition, _Mapping]] = ..., indicators: _Optional[_Iterable[_Union[IndicatorScore, _Mapping]]] = ..., computed_at: _Optional[str] = ..., constituents: _Optional[_Iterable[_Union[Constituent, _Mapping]]] = ...) -> None: ...

class Constituent(_message.Message):
    __slots__ = ("target_id", "score_centi", "weight", "unqualified")
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_CENTI_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    UNQUALIFIED_FIELD_NUMBER: _ClassVar[int]
    target_id: str
    score_centi: int
    weight: int
    unqualified: bool
    def __init__(self, target_id: _Optional[str] = ..., score_centi: _Optional[int] = ..., weight: _Optional[int] = ..., unqualified: _Optional[bool] = ...) -> None: ...

class GetRankingRequest(_message.Message):
    __slots__ = ("target_kind", "division_code")
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    target_kind: str
    division_code: str
    def __init__(self, target_kind: _Optional[str] = ..., division_code: _Optional[str] = ...) -> None: ...

class RankingEntry(_message.Message):
    __slots__ = ("rank", "target_id", "score", "score_centi", "grade", "unqualified")
    RANK_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SCORE_CENTI_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    UNQUALIFIED_FIELD_NUMBER: _ClassVar[int]
    rank: int
    target_id: str
    score: str
    score_centi: int
    grade: str
    unqualified: bool
    def __init__(self, rank: _Optional[int] = ..., target_id: _Optional[str] = ..., score: _Optional[str] = ..., score_centi: _Optional[int] = ..., grade: _Optional[str] = ..., unqualified: _Optional[bool] = ...) -> None: ...

class Ranking(_message.Message):
    __slots__ = ("target_kind", "division_code", "tie_rule", "entries")
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    TIE_RULE_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    target_kind: str
    division_code: str
    tie_rule: str
    entries: _containers.RepeatedCompositeFieldContainer[RankingEntry]
    def __init__(self, target_kind: _Optional[str] = ..., division_code: _Optional[str] = ..., tie_rule: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[RankingEntry, _Mapping]]] = ...) -> None: ...

class ListFlagsRequest(_message.Message):
    __slots__ = ("target_kind", "target_id", "division_code", "include_cleared")
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CLEARED_FIELD_NUMBER: _ClassVar[int]
    target_kind: str
    target_id: str
    division_code: str
    include_cleared: bool
    def __init__(self, target_kind: _Optional[str] = ..., target_id: _Optional[str] = ..., division_code: _Optional[str] = ..., include_cleared: _Optional[bool] = ...) -> None: ...

class Flag(_message.Message):
    __slots__ = ("flag_id", "target_kind", "target_id", "divisions", "rule", "evidence", "raised_at", "cleared_at", "active")
    FLAG_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    RAISED_AT_FIELD_NUMBER: _ClassVar[int]
    CLEARED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    flag_id: str
    target_kind: str
    target_id: str
    divisions: _divisions_pb2.DivisionPath
    rule: str
    evidence: str
    raised_at: str
    cleared_at: str
    active: bool
    def __init__(self, flag_id: _Optional[str] = ..., target_kind: _Optional[str] = ..., target_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., rule: _Optional[str] = ..., evidence: _Optional[str] = ..., raised_at: _Optional[str] = ..., cleared_at: _Optional[str] = ..., active: _Optional[bool] = ...) -> None: ...

class FlagList(_message.Message):
    __slots__ = ("flags",)
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    flags: _containers.RepeatedCompositeFieldContainer[Flag]
    def __init__(self, flags: _Optional[_Iterable[_Union[Flag, _Mapping]]] = ...) -> None: ...

class GetProvinceFiguresRequest(_message.Message):
    __slots__ = ("division_code",)
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    def __init__(self, division_code: _Optional[str] = ...) -> None: ...

class YearIncome(_message.Message):
    __slots__ = ("year", "surveyed_households", "surveyed_people", "per_capita_income_fen", "counties", "disparity_ratio", "coefficient_of_variation")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    SURVEYED_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    SURVEYED_PEOPLE_FIELD_NUMBER: _ClassVar[int]
    PER_CAPITA_INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    COUNTIES_FIELD_NUMBER: _ClassVar[int]
    DISPARITY_RATIO_FIELD_NUMBER: _ClassVar[int]
    COEFFICIENT_OF_VARIATION_FIELD_NUMBER: _ClassVar[int]
    year: int
    surveyed_households: int
    surveyed_people: int
    per_capita_income_fen: int
    counties: int
    disparity_ratio: str
    coefficient_of_variation: str
    def __init__(self, year: _Optional[int] = ..., surveyed_households: _Optional[int] = ..., surveyed_people: _Optional[int] = ..., per_capita_income_fen: _Optional[int] = ..., counties: _Optional[int] = ..., disparity_ratio: _Optional[str] = ..., coefficient_of_variation: _Optional[str] = ...) -> None: ...

class ProvinceFigures(_message.Message):
    __slots__ = ("division_code", "registered_households", "registered_people", "exited_households", "exited_people", "at_risk_households", "at_risk_people", "income_by_year")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_PEOPLE_FIELD_NUMBER: _ClassVar[int]
    EXITED_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    EXITED_PEOPLE_FIELD_NUMBER: _ClassVar[int]
    AT_RISK_HOUSEHOLDS_FIELD_NUMBER: _ClassVar[int]
    AT_RISK_PEOPLE_FIELD_NUMBER: _ClassVar[int]
    INCOME_BY_YEAR_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    registered_households: int
    registered_people: int
    exited_households: int
    exited_people: int
    at_risk_households: int
    at_risk_people: int
    income_by_year: _containers.RepeatedCompositeFieldContainer[YearIncome]
    def __init__(self, division_code: _Optional[str] = ..., registered_households: _Optional[int] = ..., registered_people: _Optional[int] = ..., exited_households: _Optional[int] = ..., exited_people: _Optional[int] = ..., at_risk_households: _Optional[int] = ..., at_risk_people: _Optional[int] = ..., income_by_year: _Optional[_Iterable[_Union[YearIncome, _Mapping]]] = ...) -> None: ...
