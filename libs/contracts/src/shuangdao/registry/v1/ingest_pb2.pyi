from shuangdao.registry.v1 import registry_pb2 as _registry_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CountySubmission(_message.Message):
    __slots__ = ("submission_id", "county_system_id", "household", "submitted_by")
    SUBMISSION_ID_FIELD_NUMBER: _ClassVar[int]
    COUNTY_SYSTEM_ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    submission_id: str
    county_system_id: str
    household: _registry_pb2.HouseholdFile
    submitted_by: str
    def __init__(self, submission_id: _Optional[str] = ..., county_system_id: _Optional[str] = ..., household: _Optional[_Union[_registry_pb2.HouseholdFile, _Mapping]] = ..., submitted_by: _Optional[str] = ...) -> None: ...

class SubmissionReason(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class SubmissionResult(_message.Message):
    __slots__ = ("submission_id", "accepted", "household_id", "reasons", "county_system_id", "decided_at")
    SUBMISSION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    COUNTY_SYSTEM_ID_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    submission_id: str
    accepted: bool
    household_id: str
    reasons: _containers.RepeatedCompositeFieldContainer[SubmissionReason]
    county_system_id: str
    decided_at: str
    def __init__(self, submission_id: _Optional[str] = ..., accepted: _Optional[bool] = ..., household_id: _Optional[str] = ..., reasons: _Optional[_Iterable[_Union[SubmissionReason, _Mapping]]] = ..., county_system_id: _Optional[str] = ..., decided_at: _Optional[str] = ...) -> None: ...
