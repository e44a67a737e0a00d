"""Derived results: scores with their explanation, flags, and the per-village
figures the province totals are summed from."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, and_, delete, select, text, update

from assessment.adapters import orm
from assessment.adapters.facts import upsert, utc
from assessment.domain import model as m
from assessment.domain.events import Divisions
from assessment.domain.figures import VillageStats, YearIncome

PATH_COLUMNS = ("province_code", "city_code", "county_code", "township_code", "village_code")


def division_column(table: Any, code: str) -> Column:  # type: ignore[type-arg]
    """The column a 12-digit code filters on, by the level the code names."""
    if code[9:] != "000":
        return table.c.village_code
    if code[6:9] != "000":
        return table.c.township_code
    if code[4:6] != "00":
        return table.c.county_code
    if code[2:4] != "00":
        return table.c.city_code
    return table.c.province_code


def _path(divisions: Divisions) -> dict[str, str]:
    return {name: getattr(divisions, name) for name in PATH_COLUMNS}


def _divisions(row: Any) -> Divisions:
    return Divisions(*(getattr(row, name) for name in PATH_COLUMNS))


def _explanation(score: m.Score) -> str:
    return json.dumps({
        "indicators": [{"indicator": i.indicator, "weight": i.weight, "points_centi": i.points_centi,
                        "measurable": i.measurable, "raw_value": i.raw_value, "formula": i.formula,
                        "counts": [[k, v] for k, v in i.counts], "note": i.note} for i in score.indicators],
        "constituents": [[c.target_id, c.score_centi, c.weight, c.unqualified] for c in score.constituents],
        "unqualified_by": list(score.unqualified_by),
    }, sort_keys=True)


def score_from_row(row: Any) -> m.Score:
    data = json.loads(row.explanation)
    indicators = tuple(m.IndicatorResult(i["indicator"], i["weight"], i["points_centi"], i["measurable"],
                                         i["raw_value"], i["formula"], tuple((k, v) for k, v in i["counts"]),
                                         i["note"]) for i in data["indicators"])
    constituents = tuple(m.Constituent(*c) for c in data["constituents"])
    return m.Score(row.target_kind, row.target_id, _divisions(row), row.score_centi, row.grade_by_score,
                   tuple(data["unqualified_by"]), row.rubric_version, utc(row.as_of),
                   m.StreamPosition(row.facts, utc(row.last_fact_at)), indicators, constituents, weight=row.weight)


class ScoreStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, kind: str, target_id: str) -> m.Score | None:
        row = self.connection.execute(select(orm.scores).where(
            orm.scores.c.target_kind == kind, orm.scores.c.target_id == target_id)).first()
        return score_from_row(row) if row else None

    def save(self, score: m.Score, computed_at: datetime) -> bool:
        """Stores the score; True when what others see of it (score, grade,
        qualification, rubric) changed."""
        before = self.get(score.target_kind, score.target_id)
        values = {"target_kind": score.target_kind, "target_id": score.target_id, **_path(score.divisions),
                  "score_centi": score.score_centi, "grade_by_score": score.grade_by_score, "grade": score.grade,
                  "unqualified": score.unqualified, "rubric_version": score.rubric_version, "as_of": score.as_of,
                  "facts": score.position.facts, "last_fact_at": score.position.last_fact_at,
                  "weight": score.weight, "explanation": _explanation(score), "computed_at": computed_at}
        upsert(self.connection, orm.scores, values, ["target_kind", "target_id"],
               [k for k in values if k not in ("target_kind", "target_id")])
        return before is None or (before.score_centi, before.grade, before.unqualified, before.rubric_version) != \
            (score.score_centi, score.grade, score.unqualified, score.rubric_version)

    def lock(self, name: str) -> None:
        """Held until the transaction ends (PostgreSQL; SQLite runs one writer anyway)."""
        if self.connection.dialect.name == "postgresql":
            self.connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})

    def forget(self, kind: str, target_id: str) -> None:
        self.connection.execute(delete(orm.scores).where(orm.scores.c.target_kind == kind,
                                                         orm.scores.c.target_id == target_id))

    def villages_in(self, column: str, code: str) -> list[m.Score]:
        t = orm.scores
        rows = self.connection.execute(select(t).where(t.c.target_kind == "village", t.c[column] == code))
        return [score_from_row(r) for r in rows]

    def ranking(self, kind: str, division: str) -> list[m.Score]:
        t = orm.scores
        query = select(t).where(t.c.target_kind == kind)
        if division:
            query = query.where(division_column(t, division) == division)
        return [score_from_row(r) for r in self.connection.execute(query)]


def _flag(row: Any) -> m.Flag:
    return m.Flag(row.flag_id, row.target_kind, row.target_id, _divisions(row), row.rule, row.evidence,
                  utc(row.raised_at), utc(row.cleared_at), row.active)


class FlagStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def in_scope(self, scope: str) -> dict[str, Any]:
        return {r.flag_id: r for r in self.connection.execute(select(orm.flags).where(orm.flags.c.scope == scope))}

    def raise_(self, flag_id: str, spec: m.FlagSpec, divisions: Divisions, scope: str) -> m.Flag:
        values = {"flag_id": flag_id, "target_kind": spec.target_kind, "target_id": spec.target_id,
                  **_path(divisions), "rule": spec.rule, "subject": spec.subject, "evidence": spec.evidence,
                  "scope": scope, "active": True, "raised_at": spec.since, "cleared_at": None}
        upsert(self.connection, orm.flags, values, ["flag_id"], [k for k in values if k != "flag_id"])
        return m.Flag(flag_id, spec.target_kind, spec.target_id, divisions, spec.rule, spec.evidence, spec.since,
                      None, True)

    def refresh_evidence(self, flag_id: str, evidence: str, since: datetime | None) -> None:
        self.connection.execute(update(orm.flags).where(orm.flags.c.flag_id == flag_id)
                                .values(evidence=evidence, raised_at=since))

    def clear(self, row: Any, at: datetime | None) -> m.Flag:
        self.connection.execute(update(orm.flags).where(orm.flags.c.flag_id == row.flag_id)
                                .values(active=False, cleared_at=at))
        flag = _flag(row)
        return m.Flag(flag.flag_id, flag.target_kind, flag.target_id, flag.divisions, flag.rule, flag.evidence,
                      flag.raised_at, at, False)

    def active_ids(self, kind: str, target_id: str, rule_prefix: str) -> list[str]:
        t = orm.flags
        rows = self.connection.execute(select(t.c.flag_id).where(
            t.c.target_kind == kind, t.c.target_id == target_id, t.c.active.is_(True),
            t.c.rule.startswith(rule_prefix)).order_by(t.c.flag_id))
        return [r.flag_id for r in rows]

    def find(self, kind: str, target_id: str, division: str, include_cleared: bool) -> list[m.Flag]:
        t = orm.flags
        conditions = []
        if kind:
            conditions.append(t.c.target_kind == kind)
        if target_id:
            conditions.append(t.c.target_id == target_id)
        if division:
            conditions.append(division_column(t, division) == division)
        if not include_cleared:
            conditions.append(t.c.active.is_(True))
        query = select(t).where(and_(*conditions)) if conditions else select(t)
        rows = self.connection.execute(query.order_by(t.c.target_kind, t.c.target_id, t.c.rule, t.c.flag_id))
        return [_flag(r) for r in rows]


class FigureStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def save(self, divisions: Divisions, stats: VillageStats, incomes: list[YearIncome]) -> None:
        values = {**_path(divisions), **vars(stats)}
        upsert(self.connection, orm.village_stats, values, ["village_code"],
               [k for k in values if k != "village_code"])
        self.connection.execute(delete(orm.village_incomes).where(
            orm.village_incomes.c.village_code == divisions.village_code))
        if incomes:
            self.connection.execute(orm.village_incomes.insert(), [
                {**_path(divisions), "year": i.year, "households": i.households, "people": i.people,
                 "income_fen": i.income_fen} for i in incomes])

    def totals(self, division: str) -> VillageStats:
        t = orm.village_stats
        query = select(t)
        if division:
            query = query.where(division_column(t, division) == division)
        sums = defaultdict(int)
        for row in self.connection.execute(query):
            for name in VillageStats.__dataclass_fields__:
                sums[name] += getattr(row, name)
        return VillageStats(**{name: sums[name] for name in VillageStats.__dataclass_fields__})

    def incomes(self, division: str) -> dict[int, dict[str, YearIncome]]:
        """Year -> county code -> totals."""
        t = orm.village_incomes
        query = select(t)
        if division:
            query = query.where(division_column(t, division) == division)
        found: dict[int, dict[str, YearIncome]] = defaultdict(dict)
        for row in self.connection.execute(query):
            current = found[row.year].get(row.county_code, YearIncome(row.year, 0, 0, 0))
            found[row.year][row.county_code] = YearIncome(row.year, current.households + row.households,
                                                          current.people + row.people,
                                                          current.income_fen + row.income_fen)
        return found


def now() -> datetime:
    return datetime.now(UTC)
