from shuangdao.common.v1 import divisions_pb2 as _divisions_pb2
from shuangdao.registry.v1 import registry_pb2 as _registry_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class HouseholdRegistered(_message.Message):
    __slots__ = ("household_id", "divisions", "category", "member_count", "registered_at")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    category: _registry_pb2.Category
    member_count: int
    registered_at: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., category: _Optional[_Union[_registry_pb2.Category, str]] = ..., member_count: _Optional[int] = ..., registered_at: _Optional[str] = ...) -> None: ...
