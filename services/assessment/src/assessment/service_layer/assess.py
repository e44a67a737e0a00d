"""Recomputes what one village's facts decide: its score, flags and figures,
then the cadres and support units it is home to, its county and its city.
Nothing else in the province is touched."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assessment.adapters import orm
from assessment.domain import clock, figures, flags, scoring
from assessment.domain.events import Divisions
from assessment.domain.model import FlagCleared, FlagRaised, FlagSpec, Score, ScoreRecalculated, VillageFacts
from assessment.domain.rubric import Rubric
from assessment.service_layer.unit_of_work import UnitOfWork


def reassess_village(village_code: str, uow: UnitOfWork, rubric: Rubric, aggregates: bool = True) -> None:
    """`aggregates=False` leaves the county and city to the caller, who
    reassesses them once for a whole batch of villages (and holds their locks)."""
    divisions = uow.loader.divisions(village_code)
    if divisions is None:
        return
    if aggregates:
        # Concurrent consumers may reassess two villages of one county, or one
        # village from two partitions, at once: serialise on the county and
        # city before reading the facts, so the later one reads the earlier
        # one's committed facts and neither writes a stale result.
        uow.scores.lock(f"county:{divisions.county_code}")
        uow.scores.lock(f"city:{divisions.city_code}")
    facts = uow.loader.village(village_code)
    if facts is None:
        return
    sync_flags(f"village:{village_code}", flags.village_flags(facts, rubric.accountability), facts.divisions,
               facts.as_of, uow)
    unqualified_by = tuple(uow.flags.active_ids("village", village_code, flags.FALSE_DATA))
    village = scoring.village_score(facts, rubric, unqualified_by)
    keep_score("village", village_code, village, facts.divisions, uow, rubric)
    uow.figures.save(facts.divisions, figures.village_stats(facts), figures.village_incomes(facts))
    _reassess_people(facts, village, uow, rubric)
    if aggregates:
        reassess_aggregates([facts.divisions], uow, rubric)


def reassess_villages(villages: list[VillageFacts], uow: UnitOfWork, rubric: Rubric) -> None:
    """`reassess_village(aggregates=False)` for a batch's villages, with the
    same results, in a handful of statements for the lot rather than a dozen
    per village: stored flags and scores read in bulk, scores and figures
    written in bulk. The caller reassesses counties and cities after."""
    codes = [facts.divisions.village_code for facts in villages]
    stored = uow.flags.in_scopes([f"village:{c}" for c in codes] + [f"grade:village:{c}" for c in codes])
    sync_village_flags(villages, uow, rubric, stored)
    unqualified = uow.flags.active_ids_many("village", codes, flags.FALSE_DATA)
    scored = {facts.divisions.village_code: scoring.village_score(facts, rubric, tuple(unqualified.get(code, ())))
              for facts, code in zip(villages, codes)}
    before = uow.scores.get_many("village", codes)
    kept = [(score, before.get(code)) for code, score in scored.items() if score is not None]
    changed = dict(zip([score.target_id for score, _ in kept], uow.scores.save_many(kept, datetime.now(UTC))))
    for facts, code in zip(villages, codes):
        village = scored[code]
        if village is None:
            keep_score("village", code, None, facts.divisions, uow, rubric)
        else:
            _announce_and_grade("village", code, village, changed[code], uow, rubric,
                                stored[f"grade:village:{code}"])
    uow.figures.save_many([(facts.divisions, figures.village_stats(facts), figures.village_incomes(facts))
                           for facts in villages])
    for facts in villages:
        _reassess_people(facts, scored[facts.divisions.village_code], uow, rubric)


def sync_village_flags(villages: list[VillageFacts], uow: UnitOfWork, rubric: Rubric,
                       stored: dict[str, dict[str, Any]] | None = None) -> None:
    """The flags of each village's own scope, as of its facts and the clock.
    `stored`: the scopes' flags as stored now, when the caller read them."""
    if stored is None:
        stored = uow.flags.in_scopes([f"village:{facts.divisions.village_code}" for facts in villages])
    for facts in villages:
        code = facts.divisions.village_code
        sync_flags(f"village:{code}", flags.village_flags(facts, rubric.accountability), facts.divisions,
                   facts.as_of, uow, stored[f"village:{code}"])


def move_clock(tick: datetime, uow: UnitOfWork, rubric: Rubric) -> list[str]:
    """Moves the province's clock to `tick`; returns the villages with a
    deadline passed by then, whose flags the caller re-evaluates. None when
    the tick is not later than the clock: those were re-evaluated when the
    clock got there, and every fact since was assessed against it."""
    uow.clock.lock_exclusive()
    moved = clock.advanced(uow.clock.latest(), tick)
    if moved is None:
        return []
    uow.clock.set(moved)
    return uow.loader.villages_due(clock.due_before(moved, rubric.accountability))


def advance_clock(tick: datetime, uow: UnitOfWork, rubric: Rubric) -> list[str]:
    """A tick: the clock moves and the villages it makes due get their flags
    re-evaluated, and only theirs. Scores read the villages' own facts, not
    the clock, so nothing else can change. Returns those villages."""
    due = move_clock(tick, uow, rubric)
    known = uow.loader.divisions_many(due)
    lock_divisions(list(known.values()), uow)
    loaded = uow.loader.villages(due)
    sync_village_flags([loaded[code] for code in due if code in loaded], uow, rubric)
    return due


def lock_divisions(divisions: list[Divisions], uow: UnitOfWork) -> None:
    """Every county lock before any city lock, each in order: no deadlock with
    another consumer doing the same, or reassessing one village. Taken before
    the facts are read, so a concurrent batch's facts for the same villages
    are committed and seen."""
    for name in sorted({f"county:{d.county_code}" for d in divisions}) + \
            sorted({f"city:{d.city_code}" for d in divisions}):
        uow.scores.lock(name)


def reassess_aggregates(villages: list[Divisions], uow: UnitOfWork, rubric: Rubric) -> None:
    """The county and city of each of these villages, once each, from the
    village scores as stored now (callers hold their locks)."""
    seen: set[tuple[str, str]] = set()
    for kind, column in (("county", "county_code"), ("city", "city_code")):
        for divisions in villages:
            code = getattr(divisions, column)
            if (kind, code) in seen:
                continue
            seen.add((kind, code))
            aggregate = scoring.aggregate_score(kind, code, _aggregate_divisions(divisions, kind),
                                                uow.scores.villages_in(column, code), rubric)
            keep_score(kind, code, aggregate, divisions, uow, rubric)


def _reassess_people(facts: VillageFacts, village: Score | None, uow: UnitOfWork, rubric: Rubric) -> None:
    code = facts.divisions.village_code
    for cadre_id in sorted(facts.cadre_ids()):
        home = uow.loader.home_village(orm.stationings, "cadre_id", cadre_id, "start_date")
        if home in (None, code):
            keep_score("cadre", cadre_id, scoring.cadre_score(cadre_id, facts, village, rubric), facts.divisions,
                       uow, rubric)
    for unit_id in sorted(facts.unit_ids()):
        home = uow.loader.home_village(orm.pairings, "unit_id", unit_id, "start_date")
        if home in (None, code):
            keep_score("support_unit", unit_id, scoring.unit_score(unit_id, facts, village, rubric),
                       facts.divisions, uow, rubric)


def _aggregate_divisions(divisions: Divisions, kind: str) -> Divisions:
    if kind == "county":
        return Divisions(divisions.province_code, divisions.city_code, divisions.county_code, "", "")
    return Divisions(divisions.province_code, divisions.city_code, "", "", "")


def keep_score(kind: str, target_id: str, score: Score | None, divisions: Divisions, uow: UnitOfWork,
               rubric: Rubric) -> None:
    if score is None:
        uow.scores.forget(kind, target_id)
        sync_flags(f"grade:{kind}:{target_id}", [], divisions, None, uow)
        return
    _announce_and_grade(kind, target_id, score, uow.scores.save(score, datetime.now(UTC)), uow, rubric)


def _announce_and_grade(kind: str, target_id: str, score: Score, changed: bool, uow: UnitOfWork, rubric: Rubric,
                        stored: dict[str, Any] | None = None) -> None:
    if changed:
        uow.announce(ScoreRecalculated(score, datetime.now(UTC)))
    grade = flags.grade_flag(kind, target_id, score.score_centi, score.grade_by_score, rubric.version, score.as_of)
    sync_flags(f"grade:{kind}:{target_id}", [grade] if grade else [], score.divisions, score.as_of, uow, stored)


def sync_flags(scope: str, wanted: list[FlagSpec], divisions: Divisions, as_of: datetime | None,
               uow: UnitOfWork, stored: dict[str, Any] | None = None) -> None:
    """Raises what the rules now find, clears what they no longer find.
    `stored`: the scope's flags as stored now, when the caller read them."""
    stored = uow.flags.in_scope(scope) if stored is None else stored
    wanted_by_id = {flags.flag_id(spec): spec for spec in wanted}
    for flag_id, spec in sorted(wanted_by_id.items()):
        row = stored.get(flag_id)
        if row is None or not row.active:
            uow.announce(FlagRaised(uow.flags.raise_(flag_id, spec, divisions, scope)))
        elif (row.evidence, row.raised_at) != (spec.evidence, spec.since):
            # Still in force: it stands on the latest evidence (a grade flag's
            # moment is the score's as-of, which moves with the stream).
            uow.flags.refresh_evidence(flag_id, spec.evidence, spec.since)
    for flag_id, row in sorted(stored.items()):
        if row.active and flag_id not in wanted_by_id:
            uow.announce(FlagCleared(uow.flags.clear(row, as_of), "the rule no longer finds it"))
