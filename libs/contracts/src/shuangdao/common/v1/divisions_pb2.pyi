from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class DivisionPath(_message.Message):
    __slots__ = ("province_code", "city_code", "county_code", "township_code", "village_code")
    PROVINCE_CODE_FIELD_NUMBER: _ClassVar[int]
    CITY_CODE_FIELD_NUMBER: _ClassVar[int]
    COUNTY_CODE_FIELD_NUMBER: _ClassVar[int]
    TOWNSHIP_CODE_FIELD_NUMBER: _ClassVar[int]
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    province_code: str
    city_code: str
    county_code: str
    township_code: str
    village_code: str
    def __init__(self, province_code: _Optional[str] = ..., city_code: _Optional[str] = ..., county_code: _Optional[str] = ..., township_code: _Optional[str] = ..., village_code: _Optional[str] = ...) -> None: ...
