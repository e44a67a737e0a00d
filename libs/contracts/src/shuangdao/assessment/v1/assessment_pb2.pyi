from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

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
