"""The words of the household file and of the workflow."""
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


class LabourAbility(str, Enum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"
    UNSPECIFIED = "unspecified"


class Health(str, Enum):
    HEALTHY = "healthy"
    CHRONIC_ILLNESS = "chronic_illness"
    SERIOUS_ILLNESS = "serious_illness"
    UNSPECIFIED = "unspecified"


class Disability(str, Enum):
    NONE = "none"
    MILD = "mild"
    SEVERE = "severe"
    UNSPECIFIED = "unspecified"


class Schooling(str, Enum):
    NONE = "none"
    PRESCHOOL = "preschool"
    PRIMARY = "primary"
    JUNIOR_SECONDARY = "junior_secondary"
    SENIOR_SECONDARY = "senior_secondary"
    VOCATIONAL = "vocational"
    HIGHER = "higher"
    UNSPECIFIED = "unspecified"


class PovertyCause(str, Enum):
    ILLNESS = "illness"
    DISABILITY = "disability"
    LACK_OF_LABOUR = "lack_of_labour"
    LACK_OF_SKILLS = "lack_of_skills"
    LACK_OF_LAND_OR_WATER = "lack_of_land_or_water"
    DISASTER = "disaster"
    SCHOOLING_COSTS = "schooling_costs"
    LACK_OF_FUNDS = "lack_of_funds"
    REMOTENESS = "remoteness"


class Status(str, Enum):
    PENDING = "pending"            # in the registration workflow
    SENT_BACK = "sent_back"        # waiting for a corrected file
    REJECTED = "rejected"          # final; its members are free to apply elsewhere
    REGISTERED = "registered"      # a registered poor household under dynamic management
    EXIT_PROPOSED = "exit_proposed"
    EXITED = "exited"              # still watched for a return to poverty


# Households whose members may not appear in another household.
ACTIVE = frozenset(Status) - {Status.REJECTED}


class Step(str, Enum):
    """Values match shuangdao.registry.v1.Step by position."""
    APPLICATION = "application"
    VILLAGE_VERIFICATION = "village_verification"
    VILLAGE_DISCUSSION = "village_discussion"
    TOWNSHIP_REVIEW = "township_review"
    COUNTY_APPROVAL = "county_approval"
    PREFECTURE_REGISTRATION = "prefecture_registration"
    EXIT_VILLAGE_CONFIRMATION = "exit_village_confirmation"
    EXIT_COUNTY_CONFIRMATION = "exit_county_confirmation"


REGISTRATION_STEPS = (Step.APPLICATION, Step.VILLAGE_VERIFICATION, Step.VILLAGE_DISCUSSION, Step.TOWNSHIP_REVIEW,
                      Step.COUNTY_APPROVAL, Step.PREFECTURE_REGISTRATION)
EXIT_STEPS = (Step.EXIT_VILLAGE_CONFIRMATION, Step.EXIT_COUNTY_CONFIRMATION)


class Decision(str, Enum):
    APPROVE = "approve"
    REJECT = "reject"
    SEND_BACK = "send_back"


class RiskCategory(str, Enum):
    UNSTABLE = "unstable"                # exited but income fell or guarantees lapsed
    EDGE = "edge"                        # exited, income near the line
    SUDDEN_HARDSHIP = "sudden_hardship"  # illness, disability, disaster


class DivisionLevel(str, Enum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"
    NATURAL_VILLAGE = "natural_village"
