"""The words of the funds domain."""
from __future__ import annotations

from enum import Enum


class SourceKind(str, Enum):
    CENTRAL_FISCAL = "central_fiscal"
    PROVINCIAL_FISCAL = "provincial_fiscal"
    CITY_FISCAL = "city_fiscal"
    COUNTY_FISCAL = "county_fiscal"
    SUPPORT_UNIT = "support_unit"          # a support unit's self-raised funds
    SOCIAL_DONATION = "social_donation"    # e.g. Guangdong Poverty Alleviation Day
    FINANCIAL_CREDIT = "financial_credit"  # microcredit, mutual funds, insurance


# The province's 21.7% "social funds" figure counts donations only; a support
# unit's self-raised money is grouped with fiscal funds there, and so here.
SOCIAL_KINDS = frozenset({SourceKind.SOCIAL_DONATION})


class ProjectType(str, Enum):
    INDUSTRIAL = "industrial"
    INFRASTRUCTURE = "infrastructure"
    HOUSING = "housing"
    EDUCATION = "education"
    LABOUR_TRANSFER = "labour_transfer"
    COLLECTIVE_ECONOMY = "collective_economy"


class ProjectStatus(str, Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class RecipientKind(str, Enum):
    CONTRACTOR = "contractor"
    HOUSEHOLD = "household"
