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

class Member(_message.Message):
    __slots__ = ("name", "national_id", "relation", "sex", "birth_date")
    NAME_FIELD_NUMBER: _ClassVar[int]
    NATIONAL_ID_FIELD_NUMBER: _ClassVar[int]
    RELATION_FIELD_NUMBER: _ClassVar[int]
    SEX_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    national_id: str
    relation: Relation
    sex: Sex
    birth_date: str
    def __init__(self, name: _Optional[str] = ..., national_id: _Optional[str] = ..., relation: _Optional[_Union[Relation, str]] = ..., sex: _Optional[_Union[Sex, str]] = ..., birth_date: _Optional[str] = ...) -> None: ...

class RegisterHouseholdRequest(_message.Message):
    __slots__ = ("village_code", "category", "members", "household_id")
    VILLAGE_CODE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    village_code: str
    category: Category
    members: _containers.RepeatedCompositeFieldContainer[Member]
    household_id: str
    def __init__(self, village_code: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., household_id: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("household_id", "divisions", "category", "members", "status")
    HOUSEHOLD_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISIONS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    household_id: str
    divisions: _divisions_pb2.DivisionPath
    category: Category
    members: _containers.RepeatedCompositeFieldContainer[Member]
    status: str
    def __init__(self, household_id: _Optional[str] = ..., divisions: _Optional[_Union[_divisions_pb2.DivisionPath, _Mapping]] = ..., category: _Optional[_Union[Category, str]] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., status: _Optional[str] = ...) -> None: ...
