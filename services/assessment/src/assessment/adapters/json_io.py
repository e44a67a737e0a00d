"""The JSON shapes of the HTTP API (the same content as the gRPC messages)."""
from __future__ import annotations

from typing import Any

from assessment.adapters.translators import rfc3339
from assessment.domain.events import Divisions
from assessment.domain.model import Flag, Score
from assessment.domain.ranking import Ranked
from assessment.service_layer.views import ProvinceFigures


def divisions_json(d: Divisions) -> dict[str, str]:
    return {"province_code": d.province_code, "city_code": d.city_code, "county_code": d.county_code,
            "township_code": d.township_code, "village_code": d.village_code}


def score_json(s: Score) -> dict[str, Any]:
    return {
        "target_kind": s.target_kind, "target_id": s.target_id, "divisions": divisions_json(s.divisions),
        "score": s.score_text, "score_centi": s.score_centi, "grade_by_score": s.grade_by_score, "grade": s.grade,
        "unqualified": s.unqualified, "unqualified_by": list(s.unqualified_by), "rubric_version": s.rubric_version,
        "as_of": rfc3339(s.as_of),
        "position": {"facts": s.position.facts, "last_fact_at": rfc3339(s.position.last_fact_at)},
        "indicators": [{"indicator": i.indicator, "weight": i.weight, "points_centi": i.points_centi,
                        "measurable": i.measurable, "raw_value": i.raw_value, "formula": i.formula,
                        "counts": dict(i.counts), "note": i.note} for i in s.indicators],
        "constituents": [{"target_id": c.target_id, "score_centi": c.score_centi, "weight": c.weight,
                          "unqualified": c.unqualified} for c in s.constituents],
    }


def ranking_json(kind: str, division: str, tie_rule: str, ranked: list[Ranked]) -> dict[str, Any]:
    return {"target_kind": kind, "division_code": division, "tie_rule": tie_rule,
            "entries": [{"rank": r.rank, "target_id": r.score.target_id, "score": r.score.score_text,
                         "score_centi": r.score.score_centi, "grade": r.score.grade,
                         "unqualified": r.score.unqualified} for r in ranked]}


def flag_json(f: Flag) -> dict[str, Any]:
    return {"flag_id": f.flag_id, "target_kind": f.target_kind, "target_id": f.target_id,
            "divisions": divisions_json(f.divisions), "rule": f.rule, "evidence": f.evidence,
            "raised_at": rfc3339(f.raised_at), "cleared_at": rfc3339(f.cleared_at), "active": f.active}


def figures_json(f: ProvinceFigures) -> dict[str, Any]:
    t = f.totals
    return {"division_code": f.division_code,
            "registered_households": t.registered_households, "registered_people": t.registered_people,
            "exited_households": t.exited_households, "exited_people": t.exited_people,
            "at_risk_households": t.at_risk_households, "at_risk_people": t.at_risk_people,
            "income_by_year": [{"year": y.year, "surveyed_households": y.households, "surveyed_people": y.people,
                                "per_capita_income_fen": y.per_capita_income_fen, "counties": y.counties,
                                "disparity_ratio": y.disparity_ratio,
                                "coefficient_of_variation": y.coefficient_of_variation} for y in f.years]}
