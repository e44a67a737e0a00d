"""Derived results: scores with their explanation, flags, and the per-village
figures the province totals are summed from."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, and_, bindparam, case, delete, select, text, update

from assessment.adapters import orm
from assessment.adapters.facts import upsert, upsert_statement, utc
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


# Every column but the explanation: what county and city aggregates read.
_SUMMARY = [c for c in orm.scores.c if c.name != "explanation"]


def score_summary(row: Any, explanation: str | None) -> m.Score:
    """A score without its explanation (no indicators, no constituents): the
    ids of the flags that unqualify it come from `explanation`, read only for
    the few scores that are unqualified; parsing every village's explanation
    each time a batch reassesses its cities would cost more than the rest."""
    unqualified_by = tuple(json.loads(explanation)["unqualified_by"]) if row.unqualified and explanation else ()
    return m.Score(row.target_kind, row.target_id,
                   Divisions(row.province_code, row.city_code, row.county_code, row.township_code, row.village_code),
                   row.score_centi, row.grade_by_score, unqualified_by, row.rubric_version, utc(row.as_of),
                   m.StreamPosition(row.facts, utc(row.last_fact_at)), (), (), weight=row.weight)


class ScoreStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, kind: str, target_id: str) -> m.Score | None:
        row = self.connection.execute(select(orm.scores).where(
            orm.scores.c.target_kind == kind, orm.scores.c.target_id == target_id)).first()
        return score_from_row(row) if row else None

    def get_many(self, kind: str, target_ids: list[str]) -> dict[str, m.Score]:
        t = orm.scores
        found = {}
        for start in range(0, len(target_ids), 1000):
            rows = self.connection.execute(select(t).where(
                t.c.target_kind == kind, t.c.target_id.in_(target_ids[start:start + 1000])))
            found.update({r.target_id: score_from_row(r) for r in rows})
        return found

    def save(self, score: m.Score, computed_at: datetime) -> bool:
        """Stores the score; True when what others see of it (score, grade,
        qualification, rubric) changed."""
        return self.save_many([(score, self.get(score.target_kind, score.target_id))], computed_at)[0]

    def save_many(self, scores: list[tuple[m.Score, m.Score | None]], computed_at: datetime) -> list[bool]:
        """Stores each score (given with the one stored before it, or None) in
        one executemany; per score, whether what others see of it changed."""
        if not scores:
            return []
        rows = [{"target_kind": s.target_kind, "target_id": s.target_id, **_path(s.divisions),
                 "score_centi": s.score_centi, "grade_by_score": s.grade_by_score, "grade": s.grade,
                 "unqualified": s.unqualified, "rubric_version": s.rubric_version, "as_of": s.as_of,
                 "facts": s.position.facts, "last_fact_at": s.position.last_fact_at,
                 "weight": s.weight, "explanation": _explanation(s), "computed_at": computed_at} for s, _ in scores]
        self.connection.execute(upsert_statement(self.connection, orm.scores, ["target_kind", "target_id"],
                                                 [k for k in rows[0] if k not in ("target_kind", "target_id")]), rows)
        return [before is None or (before.score_centi, before.grade, before.unqualified, before.rubric_version) !=
                (s.score_centi, s.grade, s.unqualified, s.rubric_version) for s, before in scores]

    def lock(self, name: str) -> None:
        """Held until the transaction ends (PostgreSQL; SQLite runs one writer anyway)."""
        if self.connection.dialect.name == "postgresql":
            self.connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})

    def forget(self, kind: str, target_id: str) -> None:
        self.connection.execute(delete(orm.scores).where(orm.scores.c.target_kind == kind,
                                                         orm.scores.c.target_id == target_id))

    def villages_in(self, column: str, code: str) -> list[m.Score]:
        """Summaries (see `score_summary`): what an aggregate is computed from."""
        t = orm.scores
        return self._summaries(select(*_SUMMARY, _unqualified_explanation(t))
                               .where(t.c.target_kind == "village", t.c[column] == code))

    def ranking(self, kind: str, division: str) -> list[m.ScoreLine]:
        """What a ranking shows of each score, and nothing more: a ranking of
        every village in the province reads a few thousand of them."""
        t = orm.scores
        query = select(t.c.target_id, t.c.score_centi, t.c.grade_by_score, t.c.unqualified).where(
            t.c.target_kind == kind)
        if division:
            query = query.where(division_column(t, division) == division)
        return [m.ScoreLine(*row) for row in self.connection.execute(query).all()]

    def _summaries(self, query: Any) -> list[m.Score]:
        return [score_summary(r, r.unqualified_explanation) for r in self.connection.execute(query).all()]


def _unqualified_explanation(t: Any) -> Any:
    """The explanation only where the score is unqualified (NULL elsewhere):
    the rest are not sent over the wire at all."""
    return case((t.c.unqualified.is_(True), t.c.explanation), else_=None).label("unqualified_explanation")


def _flag(row: Any) -> m.Flag:
    return m.Flag(row.flag_id, row.target_kind, row.target_id, _divisions(row), row.rule, row.evidence,
                  utc(row.raised_at), utc(row.cleared_at), row.active)


class FlagStore:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._refreshes: dict[str, dict[str, Any]] = {}

    def in_scope(self, scope: str) -> dict[str, Any]:
        self.flush()
        return {r.flag_id: r for r in self.connection.execute(select(orm.flags).where(orm.flags.c.scope == scope))}

    def in_scopes(self, scopes: list[str]) -> dict[str, dict[str, Any]]:
        """`in_scope` for many scopes in one query (every scope present, maybe empty)."""
        self.flush()
        found: dict[str, dict[str, Any]] = {scope: {} for scope in scopes}
        for start in range(0, len(scopes), 1000):
            for r in self.connection.execute(select(orm.flags).where(orm.flags.c.scope.in_(scopes[start:start + 1000]))):
                found[r.scope][r.flag_id] = r
        return found

    def raise_(self, flag_id: str, spec: m.FlagSpec, divisions: Divisions, scope: str) -> m.Flag:
        self.flush()
        values = {"flag_id": flag_id, "target_kind": spec.target_kind, "target_id": spec.target_id,
                  **_path(divisions), "rule": spec.rule, "subject": spec.subject, "evidence": spec.evidence,
                  "scope": scope, "active": True, "raised_at": spec.since, "cleared_at": None}
        upsert(self.connection, orm.flags, values, ["flag_id"], [k for k in values if k != "flag_id"])
        return m.Flag(flag_id, spec.target_kind, spec.target_id, divisions, spec.rule, spec.evidence, spec.since,
                      None, True)

    def refresh_evidence(self, flag_id: str, evidence: str, since: datetime | None) -> None:
        """Deferred: a batch moves many grade flags' moments at once, written
        in one executemany by `flush` (before any read of flags, and before
        the commit)."""
        self._refreshes[flag_id] = {"b_flag_id": flag_id, "b_evidence": evidence, "b_raised_at": since}

    def flush(self) -> None:
        if not self._refreshes:
            return
        rows, self._refreshes = list(self._refreshes.values()), {}
        self.connection.execute(update(orm.flags).where(orm.flags.c.flag_id == bindparam("b_flag_id"))
                                .values(evidence=bindparam("b_evidence"), raised_at=bindparam("b_raised_at")), rows)

    def clear(self, row: Any, at: datetime | None) -> m.Flag:
        self.flush()
        self.connection.execute(update(orm.flags).where(orm.flags.c.flag_id == row.flag_id)
                                .values(active=False, cleared_at=at))
        flag = _flag(row)
        return m.Flag(flag.flag_id, flag.target_kind, flag.target_id, flag.divisions, flag.rule, flag.evidence,
                      flag.raised_at, at, False)

    def active_ids(self, kind: str, target_id: str, rule_prefix: str) -> list[str]:
        return self.active_ids_many(kind, [target_id], rule_prefix).get(target_id, [])

    def active_ids_many(self, kind: str, target_ids: list[str], rule_prefix: str) -> dict[str, list[str]]:
        self.flush()
        t = orm.flags
        found: dict[str, list[str]] = defaultdict(list)
        for start in range(0, len(target_ids), 1000):
            rows = self.connection.execute(select(t.c.target_id, t.c.flag_id).where(
                t.c.target_kind == kind, t.c.target_id.in_(target_ids[start:start + 1000]), t.c.active.is_(True),
                t.c.rule.startswith(rule_prefix)).order_by(t.c.flag_id))
            for r in rows:
                found[r.target_id].append(r.flag_id)
        return found

    def find(self, kind: str, target_id: str, division: str, include_cleared: bool) -> list[m.Flag]:
        self.flush()
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
        self.save_many([(divisions, stats, incomes)])

    def save_many(self, villages: list[tuple[Divisions, VillageStats, list[YearIncome]]]) -> None:
        """Each village's figures replace what was stored for it: a handful of
        statements for the lot."""
        if not villages:
            return
        rows = [{**_path(divisions), **vars(stats)} for divisions, stats, _ in villages]
        self.connection.execute(upsert_statement(self.connection, orm.village_stats, ["village_code"],
                                                 [k for k in rows[0] if k != "village_code"]), rows)
        codes = [divisions.village_code for divisions, _, _ in villages]
        for start in range(0, len(codes), 1000):
            self.connection.execute(delete(orm.village_incomes).where(
                orm.village_incomes.c.village_code.in_(codes[start:start + 1000])))
        incomes = [{**_path(divisions), "year": i.year, "households": i.households, "people": i.people,
                    "income_fen": i.income_fen} for divisions, _, found in villages for i in found]
        if incomes:
            self.connection.execute(orm.village_incomes.insert(), incomes)

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
