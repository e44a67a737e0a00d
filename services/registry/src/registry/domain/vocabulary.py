"""The words of the household file: categories, relations, statuses."""
from __future__ import annotations

from enum import Enum


class Category(str, Enum):
    ABLE_TO_WORK = "able_to_work"
    DIBAO = "dibao"
    WUBAO = "wubao"


class Relation(str, Enum):
    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    OTHER = "other"


class Sex(str, Enum):
    MALE = "male"
    FEMALE = "female"
    UNSPECIFIED = "unspecified"


class Status(str, Enum):
    REGISTERED = "registered"
