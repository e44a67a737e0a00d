from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ScoreRecalculated(_message.Message):
    __slots__ = ("target_kind", "target_id", "divisions", "score_centi", "grade", "unqualified", "rubric_version", "computed_at")
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    SCORE_CENTI_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    UNQUALIFIED_FIELD_NUMBER: _ClassVar[int]
    RUBRIC_VERSION_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    target_kind: str
    target_id: str
    divisions: _divisions_pb2.DivisionPath
    score_centi: int
    grade: str
    unqualified: bool
    rubric_version: str
    computed_at: str
    def __init__(self, target_kind: _Optional[str] = ..., target_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., score_centi: _Optional[int] = ..., grade: _Optional[str] = ..., unqualified: _Optional[bool] = ..., rubric_version: _Optional[str] = ..., computed_at: _Optional[str] = ...) -> None: ...

class FlagRaised(_message.Message):
    __slots__ = ("flag_id", "target_kind", "target_id", "divisions", "rule", "evidence", "raised_at")
    FLAG_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    RAISED_AT_FIELD_NUMBER: _ClassVar[int]
    flag_id: str
    target_kind: str
    target_id: str
    divisions: _divisions_pb2.DivisionPath
    rule: str
    evidence: str
    raised_at: str
    def __init__(self, flag_id: _Optional[str] = ..., target_kind: _Optional[str] = ..., target_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., rule: _Optional[str] = ..., evidence: _Optional[str] = ..., raised_at: _Optional[str] = ...) -> None: ...

class FlagCleared(_message.Message):
    __slots__ = ("flag_id", "target_kind", "target_id", "rule", "reason", "cleared_at")
    FLAG_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLEARED_AT_FIELD_NUMBER: _ClassVar[int]
    flag_id: str
    target_kind: str
    target_id: str
    rule: str
    reason: str
    cleared_at: str
    def __init__(self, flag_id: _Optional[str] = ..., target_kind: _Optional[str] = ..., target_id: _Optional[str] = ..., rule: _Optional[str] = ..., reason: _Optional[str] = ..., cleared_at: _Optional[str] = ...) -> None: ...

class ClockTicked(_message.Message):
    __slots__ = ("as_of",)
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    def __init__(self, as_of: _Optional[str] = ...) -> None: ...
