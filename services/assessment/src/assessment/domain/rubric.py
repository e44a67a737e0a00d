"""The assessment rubric: indicators, weights and the formulas that turn a raw
value into points. Pure: built from a plain mapping (the YAML file is read by
an adapter), validated completely, immutable afterwards."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

TARGET_KINDS = ("village", "cadre", "support_unit", "county", "city")
SCORED_KINDS = ("village", "cadre", "support_unit")
AGGREGATE_KINDS = ("county", "city")
FORMULA_KINDS = ("up_to_target", "penalty", "share")
KNOWN_INDICATORS = {
    "village": {"exit_rate", "income_growth", "sustainability", "collective_income", "funds_used",
                "survey_coverage", "cadre_work"},
    "cadre": {"village_result", "attendance", "inspections", "complaints"},
    "support_unit": {"village_result", "own_funding", "cadre_record"},
}


class RubricError(ValueError):
    """The rubric file is malformed: refuse to start rather than score wrongly."""


@dataclass(frozen=True)
class Indicator:
    name: str
    weight: int
    formula: str
    parameter: Fraction | None  # target (up_to_target) or zero_at (penalty)
    missing: str
    options: dict[str, Any] = field(default_factory=dict)

    def fraction(self, raw: Fraction) -> Fraction:
        if self.formula == "up_to_target":
            assert self.parameter is not None
            return max(Fraction(0), min(Fraction(1), raw / self.parameter))
        if self.formula == "penalty":
            assert self.parameter is not None
            return max(Fraction(0), 1 - raw / self.parameter)
        return max(Fraction(0), min(Fraction(1), raw))

    def describe(self) -> str:
        if self.formula == "up_to_target":
            return f"points = {self.weight} x min(1, raw / {_text(self.parameter)})"
        if self.formula == "penalty":
            return f"points = {self.weight} x max(0, 1 - raw / {_text(self.parameter)})"
        return f"points = {self.weight} x raw"


@dataclass(frozen=True)
class Accountability:
    absent_without_leave_days_per_month: int
    funds_idle_days: int
    risk_unattended_days: int
    max_yearly_income_ratio: Fraction
    max_household_size_difference: int
    income_arithmetic_tolerance_fen: int


@dataclass(frozen=True)
class Rubric:
    version: str
    grades: tuple[tuple[str, int], ...]  # (grade, threshold) from the top
    tie_rule: str
    indicators: dict[str, tuple[Indicator, ...]]
    accountability: Accountability

    def grade_of(self, score_centi: int) -> str:
        for grade, threshold in self.grades:
            if score_centi >= threshold * 100:
                return grade
        return "poor"

    def indicator(self, kind: str, name: str) -> Indicator:
        return next(i for i in self.indicators[kind] if i.name == name)


def _text(value: Fraction | None) -> str:
    if value is None:
        return ""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _fraction(value: Any, where: str, problems: list[str]) -> Fraction | None:
    try:
        return Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        problems.append(f"{where}: {value!r} is not an exact number")
        return None


def _indicator(kind: str, name: str, spec: Any, problems: list[str]) -> Indicator | None:
    where = f"targets.{kind}.indicators.{name}"
    if name not in KNOWN_INDICATORS[kind]:
        problems.append(f"{where}: unknown indicator (known: {sorted(KNOWN_INDICATORS[kind])})")
        return None
    if not isinstance(spec, dict):
        problems.append(f"{where}: must be a mapping")
        return None
    weight = spec.get("weight")
    if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
        problems.append(f"{where}.weight: must be a whole number of points >= 0")
        weight = 0
    formula = spec.get("formula") or {}
    formula_kind = formula.get("kind") if isinstance(formula, dict) else None
    if formula_kind not in FORMULA_KINDS:
        problems.append(f"{where}.formula.kind: must be one of {list(FORMULA_KINDS)}")
        return None
    parameter = None
    if formula_kind != "share":
        key = "target" if formula_kind == "up_to_target" else "zero_at"
        parameter = _fraction(formula.get(key), f"{where}.formula.{key}", problems)
        if parameter is not None and parameter <= 0:
            problems.append(f"{where}.formula.{key}: must be positive")
    missing = spec.get("missing", "neutral")
    if missing not in ("neutral", "zero"):
        problems.append(f"{where}.missing: must be 'neutral' or 'zero'")
    options = {k: v for k, v in spec.items() if k not in ("weight", "formula", "missing")}
    return Indicator(name, weight, formula_kind, parameter, missing, options)


def _accountability(spec: Any, problems: list[str]) -> Accountability:
    spec = spec if isinstance(spec, dict) else {}
    whole = {}
    for key in ("absent_without_leave_days_per_month", "funds_idle_days", "risk_unattended_days",
                "max_household_size_difference", "income_arithmetic_tolerance_fen"):
        value = spec.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"accountability.{key}: must be a whole number >= 0")
            value = 0
        whole[key] = value
    ratio = _fraction(spec.get("max_yearly_income_ratio"), "accountability.max_yearly_income_ratio", problems)
    return Accountability(max_yearly_income_ratio=ratio or Fraction(1), **whole)


def rubric_from_mapping(data: Any) -> Rubric:
    """Every problem of the file at once, in one RubricError."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise RubricError("the rubric must be a mapping")
    version = data.get("version")
    if not isinstance(version, str) or not version:
        problems.append("version: must be a non-empty string")
    grades_spec = data.get("grades") or {}
    grades = tuple(sorted(((g, int(grades_spec.get(g, -1))) for g in ("excellent", "good", "average")),
                          key=lambda pair: -pair[1]))
    if [g for g, _ in grades] != ["excellent", "good", "average"] or grades[-1][1] < 0 or grades[0][1] > 100:
        problems.append("grades: excellent > good > average, within 0..100")
    targets = data.get("targets") or {}
    indicators: dict[str, tuple[Indicator, ...]] = {}
    for kind in SCORED_KINDS:
        specs = (targets.get(kind) or {}).get("indicators") if isinstance(targets.get(kind), dict) else None
        if not isinstance(specs, dict) or not specs:
            problems.append(f"targets.{kind}.indicators: required")
            continue
        found = [_indicator(kind, name, spec, problems) for name, spec in specs.items()]
        indicators[kind] = tuple(i for i in found if i is not None)
        total = sum(i.weight for i in indicators[kind])
        if total != 100:
            problems.append(f"targets.{kind}: weights add up to {total}, not 100")
    for kind in AGGREGATE_KINDS:
        if (targets.get(kind) or {}).get("aggregate") != "villages_weighted_by_poor_households":
            problems.append(f"targets.{kind}.aggregate: must be villages_weighted_by_poor_households")
    accountability = _accountability(data.get("accountability"), problems)
    if problems:
        raise RubricError("; ".join(problems))
    tie_rule = str((data.get("ranking") or {}).get("tie_rule", "")).strip()
    return Rubric(str(version), grades, tie_rule, indicators, accountability)
