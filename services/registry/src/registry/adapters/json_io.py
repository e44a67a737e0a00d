"""JSON <-> domain for the Flask API. Enumerations are lower-case words
("able_to_work", "head"); money is integer fen. Type errors are field
violations, never 500s."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from chassis.errors import FieldViolation, InvalidArgument, collect

from registry.domain import batch, commands, model
from registry.domain.divisions import Division, DivisionPath
from registry.domain.household_file import parse_file
from registry.domain.model import Household, local_date
from registry.domain.rules import Guarantees, Hardship, Income, Rules
from registry.domain.vocabulary import Status
from registry.service_layer import views

MEMBER_FIELDS = ("name", "national_id", "relation", "sex", "birth_date", "labour_ability", "health", "disability",
                 "schooling")
INCOME_FIELDS = ("wages_fen", "farming_fen", "business_fen", "property_fen", "transfers_fen", "costs_fen")
GUARANTEE_FIELDS = ("food_and_clothing", "compulsory_schooling", "medical_insurance", "safe_housing")


class Reader:
    """Reads typed values out of a JSON object, noting every type problem."""

    def __init__(self) -> None:
        self.violations: list[FieldViolation] = []

    def string(self, body: dict[str, Any], key: str, at: str | None = None, default: str = "") -> str:
        value = body.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.violations.append(FieldViolation(at or key, "must be a string"))
            return default
        return value

    def integer(self, body: dict[str, Any], key: str, at: str | None = None) -> int:
        value = body.get(key, 0)
        if value is None:
            return 0
        if not isinstance(value, int) or isinstance(value, bool):
            self.violations.append(FieldViolation(at or key, "must be an integer"))
            return 0
        return value

    def boolean(self, body: dict[str, Any], key: str, at: str | None = None) -> bool:
        value = body.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.violations.append(FieldViolation(at or key, "must be true or false"))
            return False
        return value

    def obj(self, body: dict[str, Any], key: str, at: str | None = None) -> dict[str, Any]:
        value = body.get(key, {})
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.violations.append(FieldViolation(at or key, "must be an object"))
            return {}
        return value

    def items(self, body: dict[str, Any], key: str, at: str | None = None) -> list[Any]:
        value = body.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.violations.append(FieldViolation(at or key, "must be a list"))
            return []
        return value

    def income(self, body: dict[str, Any], key: str = "income") -> Income:
        raw = self.obj(body, key)
        return Income(**{f: self.integer(raw, f, f"{key}.{f}") for f in INCOME_FIELDS})

    def done(self) -> None:
        collect(self.violations)


def file_input(body: dict[str, Any], r: Reader) -> commands.FileInput:
    members = []
    for n, raw in enumerate(r.items(body, "members")):
        if not isinstance(raw, dict):
            r.violations.append(FieldViolation(f"members[{n}]", "must be an object"))
            continue
        values = {k: r.string(raw, k, f"members[{n}].{k}") for k in MEMBER_FIELDS}
        members.append(commands.MemberInput(**{k: v or ("unspecified" if k not in ("name", "national_id",
                                                                                      "birth_date", "relation")
                                                         else v) for k, v in values.items()}))
    causes = []
    for n, c in enumerate(r.items(body, "causes")):
        if not isinstance(c, str):
            r.violations.append(FieldViolation(f"causes[{n}]", "must be a string"))
        else:
            causes.append(c)
    return commands.FileInput(
        village_code=r.string(body, "village_code"), category=r.string(body, "category"), members=tuple(members),
        natural_village_code=r.string(body, "natural_village_code"), income=r.income(body),
        land_area_m2=r.integer(body, "land_area_m2"), housing_area_m2=r.integer(body, "housing_area_m2"),
        housing_dilapidated=r.boolean(body, "housing_dilapidated"), causes=tuple(causes))


def _with_domain_problems(r: Reader, raw: commands.FileInput, strict: bool) -> None:
    """On a type error, also report what the domain finds, so a caller fixes everything at once."""
    if r.violations:
        extra: list[FieldViolation] = []
        parse_file(raw, local_date(datetime.now().astimezone()), Rules(), strict, extra)
        r.violations += [v for v in extra if v.field not in {w.field for w in r.violations}]
    r.done()


def register_command(body: dict[str, Any]) -> commands.RegisterHousehold:
    r = Reader()
    f = file_input(body, r)
    household_id = r.string(body, "household_id")
    _with_domain_problems(r, f, strict=False)
    return commands.RegisterHousehold(
        village_code=f.village_code, category=f.category, members=f.members, household_id=household_id,
        natural_village_code=f.natural_village_code, income=f.income, land_area_m2=f.land_area_m2,
        housing_area_m2=f.housing_area_m2, housing_dilapidated=f.housing_dilapidated, causes=f.causes)


def register_batch_command(body: dict[str, Any], max_batch: int) -> commands.RegisterHouseholds:
    """Each item is read on its own: a type error rejects that item only. The
    size is checked before reading anything, so an oversized body costs little."""
    r = Reader()
    raw_items = r.items(body, "households")
    r.done()
    batch.check_size(len(raw_items), max_batch)
    items: list[commands.RegisterHousehold | commands.UnreadableItem] = []
    for raw in raw_items:
        if not isinstance(raw, dict):
            items.append(commands.UnreadableItem((FieldViolation("", "must be an object"),)))
            continue
        try:
            items.append(register_command(raw))
        except InvalidArgument as error:
            items.append(commands.UnreadableItem(tuple(error.violations)))
    return commands.RegisterHouseholds(tuple(items))


def batch_json(results: list[batch.ItemResult]) -> dict[str, Any]:
    counts = batch.counts(results)
    return {"results": [{"index": r.index, "outcome": r.outcome.value, "household_id": r.household_id or None,
                         "message": r.message or None,
                         "field_violations": [{"field": v.field, "description": v.description}
                                              for v in r.violations]} for r in results],
            "registered_count": counts.registered, "already_registered_count": counts.already_registered,
            "rejected_count": counts.rejected}


def submit_command(body: dict[str, Any]) -> commands.SubmitHousehold:
    r = Reader()
    f = file_input(r.obj(body, "file"), r)
    command = commands.SubmitHousehold(file=f, submitted_by=r.string(body, "submitted_by"),
                                       household_id=r.string(body, "household_id"))
    _with_domain_problems(r, f, strict=True)
    return command


def resubmit_command(household_id: str, body: dict[str, Any]) -> commands.ResubmitHousehold:
    r = Reader()
    f = file_input(r.obj(body, "file"), r)
    command = commands.ResubmitHousehold(household_id=household_id, file=f,
                                         submitted_by=r.string(body, "submitted_by"))
    _with_domain_problems(r, f, strict=True)
    return command


def decide_command(household_id: str, body: dict[str, Any]) -> commands.DecideStep:
    r = Reader()
    command = commands.DecideStep(household_id=household_id, step=r.string(body, "step"),
                                  decision=r.string(body, "decision"), decided_by=r.string(body, "decided_by"),
                                  reason=r.string(body, "reason"))
    r.done()
    return command


def confirm_exit_command(household_id: str, body: dict[str, Any]) -> commands.ConfirmExit:
    r = Reader()
    command = commands.ConfirmExit(household_id=household_id, step=r.string(body, "step"),
                                   decision=r.string(body, "decision"), decided_by=r.string(body, "decided_by"),
                                   reason=r.string(body, "reason"))
    r.done()
    return command


def survey_command(household_id: str, body: dict[str, Any]) -> commands.RecordSurvey:
    r = Reader()
    g = r.obj(body, "guarantees")
    command = commands.RecordSurvey(
        household_id=household_id, year=r.integer(body, "year"), income=r.income(body),
        guarantees=Guarantees(**{f: r.boolean(g, f, f"guarantees.{f}") for f in GUARANTEE_FIELDS}),
        recorded_by=r.string(body, "recorded_by"),
        hardship=Hardship(r.boolean(body, "new_serious_illness"), r.boolean(body, "new_disability"),
                          r.boolean(body, "disaster")),
        household_size=r.integer(body, "household_size"), corrects_survey_id=r.string(body, "corrects_survey_id"))
    r.done()
    return command


def divisions_command(body: dict[str, Any]) -> commands.LoadDivisions:
    r = Reader()
    found = []
    for n, raw in enumerate(r.items(body, "divisions")):
        if not isinstance(raw, dict):
            r.violations.append(FieldViolation(f"divisions[{n}]", "must be an object"))
            continue
        found.append(commands.DivisionInput(*(r.string(raw, k, f"divisions[{n}].{k}")
                                              for k in ("code", "name", "level", "parent_code"))))
    r.done()
    return commands.LoadDivisions(tuple(found))


def simple(body: dict[str, Any], *keys: str) -> list[str]:
    r = Reader()
    values = [r.string(body, k) for k in keys]
    r.done()
    return values


def list_args(args: Any) -> dict[str, Any]:
    size = args.get("page_size", "0")
    if not size.isdigit():
        raise InvalidArgument([FieldViolation("page_size", "must be a whole number")])
    return {"division_code": args.get("division_code", ""), "category": args.get("category", ""),
            "status": args.get("status", ""), "page_size": int(size), "page_token": args.get("page_token", "")}


# -- out ----------------------------------------------------------------------
def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def divisions_json(d: DivisionPath) -> dict[str, str]:
    return {"province_code": d.province, "city_code": d.city, "county_code": d.county,
            "township_code": d.township, "village_code": d.village}


def income_json(i: Income) -> dict[str, int]:
    return {f: getattr(i, f) for f in INCOME_FIELDS}


def household_json(household: Household) -> dict[str, Any]:
    f = household.file
    risk = household.risk
    return {
        "household_id": household.id,
        "divisions": divisions_json(household.divisions),
        "natural_village_code": f.natural_village_code,
        "category": household.category.value,
        "status": household.status.value,
        "current_step": household.current_step.value if household.current_step else None,
        "submitted_at": _stamp(household.submitted_at),
        "registered_at": _stamp(household.registered_at),
        "exited_at": _stamp(household.exited_at),
        "members": [{"name": m.name, "national_id": m.national_id, "relation": m.relation.value,
                     "sex": m.sex.value, "birth_date": m.birth_date.isoformat() if m.birth_date else None,
                     "labour_ability": m.labour_ability.value, "health": m.health.value,
                     "disability": m.disability.value, "schooling": m.schooling.value}
                    for m in household.members],
        "income": income_json(f.income),
        "entry_income_per_capita_fen": f.income_per_capita_fen,
        "able_to_work_count": f.able_to_work_count,
        "land_area_m2": f.land_area_m2, "housing_area_m2": f.housing_area_m2,
        "housing_dilapidated": f.housing_dilapidated,
        "causes": [c.value for c in f.causes],
        "notice_ends_on": household.notice_ends_on.isoformat() if household.notice_ends_on else None,
        "objections": [{"text": o.text, "recorded_by": o.recorded_by, "recorded_at": _stamp(o.recorded_at)}
                       for o in household.objections],
        "risk": {"category": risk.category.value, "rule": risk.rule, "evidence": risk.evidence,
                 "flagged_at": _stamp(risk.flagged_at)} if risk else None,
    }


def page_json(page: views.Page) -> dict[str, Any]:
    return {"households": [{
        "household_id": s.id, "divisions": divisions_json(s.divisions), "natural_village_code": s.natural_village_code,
        "category": s.category.value, "status": s.status.value,
        "current_step": s.current_step.value if s.current_step else None, "member_count": s.member_count,
        "able_to_work_count": s.able_to_work_count, "entry_income_per_capita_fen": s.entry_income_per_capita_fen,
        "risk_category": s.risk_category or None} for s in page.households],
        "next_page_token": page.next_page_token, "total_size": page.total_size, "total_people": page.total_people}


def survey_json(survey: model.Survey, rules: Rules, superseded: bool = False) -> dict[str, Any]:
    g, h = survey.guarantees, survey.hardship
    return {"survey_id": survey.id, "household_id": survey.household_id, "year": survey.year,
            "household_size": survey.household_size, "income": income_json(survey.income),
            "net_income_fen": survey.income.net_fen, "per_capita_net_income_fen": survey.per_capita_fen,
            "guarantees": {f: getattr(g, f) for f in GUARANTEE_FIELDS},
            "new_serious_illness": h.new_serious_illness, "new_disability": h.new_disability,
            "disaster": h.disaster, "supersedes_survey_id": survey.supersedes_survey_id or None,
            "superseded": superseded, "recorded_by": survey.recorded_by, "recorded_at": _stamp(survey.recorded_at),
            "meets_exit_rule": survey.meets_exit_rule(rules)}


def history_json(history: views.History, rules: Rules) -> dict[str, Any]:
    return {"household_id": history.household_id,
            "entries": [{"at": _stamp(e.at), "kind": e.kind, "step": e.step.value if e.step else None,
                         "decision": e.decision.value if e.decision else None, "reason": e.reason,
                         "actor": e.actor, "survey_id": e.survey_id or None, "year": e.year or None}
                        for e in history.entries],
            "surveys": [survey_json(s, rules, superseded) for s, superseded in history.surveys]}


def notice_json(village_code: str, entries: list[views.NoticeEntry]) -> dict[str, Any]:
    return {"village_code": village_code,
            "entries": [{"names": e.names, "village_code": e.village_code, "category": e.category.value,
                         "notice_ends_on": e.notice_ends_on} for e in entries]}


def division_json(d: Division) -> dict[str, str]:
    return {"code": d.code, "name": d.name, "level": d.level.value, "parent_code": d.parent_code}


def division_listing_json(listing: Any) -> dict[str, Any]:
    return {"parent": division_json(listing.parent) if listing.parent else None,
            "ancestors": [division_json(d) for d in listing.ancestors],
            "divisions": [division_json(d) for d in listing.divisions]}


def household_counts_json(counts: views.HouseholdCounts) -> dict[str, Any]:
    tallies = {s.value: counts.of(s) for s in Status} | {"at_risk": counts.at_risk}
    return {"division": division_json(counts.division)} | {
        word: {"households": t.households, "people": t.people} for word, t in tallies.items()}


def division_counts_json(counts: views.DivisionCounts) -> dict[str, Any]:
    return {"division": household_counts_json(counts.division),
            "children": [household_counts_json(c) for c in counts.children]}
