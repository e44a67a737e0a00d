"""The words of the cadres context. Values are the lower-case words the JSON API
uses; the gRPC enums carry the same words in upper case after their prefix."""
from __future__ import annotations

from enum import Enum


class UnitKind(str, Enum):
    PROVINCIAL_ORGAN = "provincial_organ"
    CENTRAL_UNIT_IN_GUANGDONG = "central_unit_in_guangdong"
    PEARL_RIVER_DELTA_CITY_UNIT = "pearl_river_delta_city_unit"
    ENTERPRISE = "enterprise"
    LOCAL_UNIT = "local_unit"


class AttendanceMark(str, Enum):
    IN_VILLAGE = "in_village"
    ABSENT = "absent"


class Recorder(str, Enum):
    CADRE = "cadre"
    VILLAGE_COMMITTEE = "village_committee"


class DayStatus(str, Enum):
    IN_VILLAGE = "in_village"
    ON_APPROVED_LEAVE = "on_approved_leave"
    WEEKEND = "weekend"
    ABSENT_WITHOUT_LEAVE = "absent_without_leave"
    NOT_YET_DUE = "not_yet_due"
    NOT_STATIONED = "not_stationed"
    NOT_REGISTERED = "not_registered"


class LeaveStatus(str, Enum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"


class LeaveDecision(str, Enum):
    APPROVE = "approve"
    REFUSE = "refuse"


class InspectionMethod(str, Enum):
    TELEPHONE = "telephone"
    ON_SITE = "on_site"


class InspectionOutcome(str, Enum):
    PRESENT = "present"
    ABSENT = "absent"


class InspectionFinding(str, Enum):
    PRESENT = "present"
    ABSENT_ON_APPROVED_LEAVE = "absent_on_approved_leave"
    ABSENT_ON_WEEKEND = "absent_on_weekend"
    ABSENT_WITHOUT_LEAVE = "absent_without_leave"


class ComplaintSubject(str, Enum):
    ABSENCE = "absence"
    CONDUCT = "conduct"
    TARGETING = "targeting"
    FUNDS = "funds"
    OTHER = "other"


class ComplaintStatus(str, Enum):
    OPEN = "open"
    RESOLVED = "resolved"


class ComplaintFinding(str, Enum):
    UPHELD = "upheld"
    DISMISSED = "dismissed"
