"""The programme's rules on money, as pure functions. The thresholds are
settings (DOMAIN.md marks them *default*); every figure is integer fen."""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.vocabulary import RiskCategory


@dataclass(frozen=True)
class Rules:
    # Per-capita annual net income at or below which a household may enter (1,500 yuan).
    poverty_line_fen: int = 150_000
    # Per-capita income at or above which (with the guarantees met) it may exit (2,500 yuan).
    exit_line_fen: int = 250_000
    # A fall of at least this share of last year's per-capita income is "sharp".
    sharp_drop_percent: int = 30
    # Exited households below exit line * (100 + margin)% are "near the line".
    edge_margin_percent: int = 10
    # Days a village's list stays on public notice before the township may review.
    notice_days: int = 7


@dataclass(frozen=True)
class Income:
    wages_fen: int = 0
    farming_fen: int = 0
    business_fen: int = 0
    property_fen: int = 0
    transfers_fen: int = 0
    costs_fen: int = 0

    @property
    def net_fen(self) -> int:
        return (self.wages_fen + self.farming_fen + self.business_fen + self.property_fen
                + self.transfers_fen - self.costs_fen)


@dataclass(frozen=True)
class Guarantees:
    food_and_clothing: bool = False
    compulsory_schooling: bool = False
    medical_insurance: bool = False
    safe_housing: bool = False

    @property
    def all_met(self) -> bool:
        return self.food_and_clothing and self.compulsory_schooling and self.medical_insurance and self.safe_housing


@dataclass(frozen=True)
class Hardship:
    new_serious_illness: bool = False
    new_disability: bool = False
    disaster: bool = False


@dataclass(frozen=True)
class RiskFinding:
    category: RiskCategory
    rule: str
    evidence: str


def per_capita_fen(net_fen: int, household_size: int) -> int:
    """Rounded down to the fen: a household is never made to look richer than it is."""
    return net_fen // household_size


def eligible_at_entry(per_capita: int, rules: Rules) -> bool:
    return per_capita <= rules.poverty_line_fen


def meets_exit_rule(per_capita: int, guarantees: Guarantees, rules: Rules) -> bool:
    return per_capita >= rules.exit_line_fen and guarantees.all_met


def is_sharp_drop(previous_per_capita: int, per_capita: int, rules: Rules) -> bool:
    """Integer arithmetic, so exactly 30% counts and 29.99...% does not."""
    if previous_per_capita <= 0:
        return False
    return (previous_per_capita - per_capita) * 100 >= rules.sharp_drop_percent * previous_per_capita


def is_near_line(per_capita: int, rules: Rules) -> bool:
    return per_capita * 100 < rules.exit_line_fen * (100 + rules.edge_margin_percent)


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d} yuan"


def risk_after_exit(per_capita: int, guarantees: Guarantees, hardship: Hardship,
                    previous_per_capita: int | None, rules: Rules) -> RiskFinding | None:
    """What a survey of an exited household says about its risk of falling back,
    most serious first; None when it is safely out."""
    if per_capita <= rules.poverty_line_fen:
        return RiskFinding(RiskCategory.UNSTABLE, "income-below-line",
                           f"per-capita net income {yuan(per_capita)} is at or below the poverty line "
                           f"{yuan(rules.poverty_line_fen)}")
    if previous_per_capita is not None and is_sharp_drop(previous_per_capita, per_capita, rules):
        return RiskFinding(RiskCategory.UNSTABLE, "income-drop",
                           f"per-capita net income fell from {yuan(previous_per_capita)} to {yuan(per_capita)} "
                           f"(at least {rules.sharp_drop_percent}%)")
    hardships = [name for name, present in (("new-illness", hardship.new_serious_illness),
                                            ("new-disability", hardship.new_disability),
                                            ("disaster", hardship.disaster)) if present]
    if hardships:
        return RiskFinding(RiskCategory.SUDDEN_HARDSHIP, hardships[0],
                           "survey reports " + ", ".join(hardships))
    if not guarantees.all_met:
        return RiskFinding(RiskCategory.UNSTABLE, "guarantees-not-met",
                           "the survey found a basic guarantee not met")
    if is_near_line(per_capita, rules):
        return RiskFinding(RiskCategory.EDGE, "income-near-line",
                           f"per-capita net income {yuan(per_capita)} is within {rules.edge_margin_percent}% "
                           f"of the exit line {yuan(rules.exit_line_fen)}")
    return None
