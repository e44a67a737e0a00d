"""One function per page: what the page needs, gathered from the gateways
with the official's own token, independent calls fanned out at once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chassis.errors import FieldViolation, InvalidArgument, ServiceError
from chassis.security.jurisdiction import Level, is_division_code, level_of, within
from chassis.security.tokens import Principal

from portal.bootstrap import Portal
from portal.domain import calendar, charts, model as m, money, roles
from portal.service_layer.fan_out import Hidden, gather, optional

LOCAL = ZoneInfo("Asia/Shanghai")
TARGET_KINDS = ("village", "county", "city", "cadre", "support_unit")


@dataclass(frozen=True)
class User:
    """The signed-in official: the verified principal and the token it came from."""
    principal: Principal
    token: str


def _parent_for_names(code: str) -> str:
    """The division whose children include `code` (to name it with one ListDivisions)."""
    level = level_of(code)
    if level is Level.VILLAGE:
        return code[:9] + "000"
    if level is Level.TOWNSHIP:
        return code[:6] + "000000"
    if level is Level.COUNTY:
        return code[:4] + "00000000"
    if level is Level.CITY:
        return code[:2] + "0000000000"
    return ""


def names_of(portal: Portal, user: User, codes: list[str]) -> dict[str, str]:
    """Division names for codes (reference data; unknown codes keep no name)."""
    parents = sorted({_parent_for_names(c) for c in codes if is_division_code(c)})
    def listing(parent: str) -> m.DivisionListing | None:
        try:
            return portal.registry.divisions(user.token, parent)
        except ServiceError:  # a name is a courtesy: the code stands in for it
            return None

    listings = gather(portal.executor, {p: lambda p=p: listing(p) for p in parents}) if parents else {}
    names: dict[str, str] = {}
    for listing in listings.values():
        if isinstance(listing, m.DivisionListing):
            names.update({d.code: d.name for d in listing.children})
            if listing.parent:
                names[listing.parent.code] = listing.parent.name
    return names


# ---------------------------------------------------------------------------- overview

def landing(user: User) -> str | None:
    """Where a caller below the province lands: their own division's page
    (None: the province overview is theirs)."""
    jurisdiction = user.principal.jurisdiction
    return None if level_of(jurisdiction) is Level.PROVINCE else jurisdiction


def overview(portal: Portal, user: User) -> dict[str, Any]:
    province = user.principal.jurisdiction
    first = gather(portal.executor, {"figures": lambda: portal.assessment.figures(user.token, province),
                                     "divisions": lambda: portal.registry.divisions(user.token, province)})
    cities = first["divisions"].children
    by_city = gather(portal.executor, {c.code: lambda c=c: portal.assessment.figures(user.token, c.code)
                                       for c in cities})
    figures: m.Figures = first["figures"]
    return {"division": first["divisions"].parent, "figures": figures,
            "cities": [(c, by_city[c.code]) for c in cities], "income_chart": income_chart(figures),
            "people_chart": charts.bar_chart(
                "Registered poor people by city", "People registered as poor in each city of the province.",
                [c.name for c in cities], [by_city[c.code].registered_people for c in cities])}


def income_chart(figures: m.Figures) -> charts.LineChart:
    years = figures.income_by_year
    return charts.line_chart("Per-capita net income of the poor by year",
                             "People-weighted mean per-capita net income of surveyed poor households, in yuan.",
                             [str(y.year) for y in years], [y.per_capita_income_fen for y in years], money.yuan)


# ---------------------------------------------------------------------------- drill-down

def division_page(portal: Portal, user: User, code: str, page_token: str = "") -> dict[str, Any]:
    listing: m.DivisionListing = portal.registry.divisions(user.token, code)
    assert listing.parent is not None
    division = listing.parent
    children = [c for c in listing.children if c.level != "natural_village"]
    # One call counts the division and every division below it (never one per child).
    calls: dict[str, Any] = {"counts": lambda: portal.registry.household_counts(user.token, code)}
    if division.level == "village":
        calls["households"] = lambda: portal.registry.households(user.token, code, "", 100, page_token)
        calls["stationings"] = optional(lambda: portal.cadres.stationings(user.token, code))
    if roles.may_read(user.principal, "assessment.province_figures.read", code):
        calls["figures"] = lambda: portal.assessment.figures(user.token, code)
    answers = gather(portal.executor, calls)
    stationings = answers.get("stationings")
    counts: m.DivisionCounts = answers["counts"]
    rows = [(c, counts.of_child(c.code)) for c in children]
    chart = charts.bar_chart(f"Registered poor households in {division.name}",
                             "Registered poor households in each division below this one.",
                             [c.name for c, _ in rows], [groups["registered"][0] for _, groups in rows])
    figures = answers.get("figures")
    return {"division": division, "ancestors": listing.ancestors, "children": rows, "counts": counts.division.groups,
            "households": answers.get("households"),
            "stationings": stationings or [],
            "cadres": cadres_of(portal, user, [cadre_id for cadre_id, _ in stationings or []]),
            "stationings_hidden": isinstance(stationings, Hidden),
            "figures": figures, "income_chart": income_chart(figures) if figures else None, "chart": chart,
            "masked": not roles.sees_full_id_numbers(user.principal, code) if division.level == "village" else None}


def cadres_of(portal: Portal, user: User, cadre_ids: list[str]) -> dict[str, m.Cadre]:
    """The cadres stationed in a village, by id, asked for at once (one call
    per cadre: a village has a handful, whatever its number of households).
    A cadre the caller may not read keeps no entry; the page shows the id."""
    def cadre(cadre_id: str) -> m.Cadre | None:
        try:
            return portal.cadres.cadre(user.token, cadre_id)
        except ServiceError:  # a name is a courtesy: the stationing stands without it
            return None

    found = gather(portal.executor, {c: lambda c=c: cadre(c) for c in dict.fromkeys(cadre_ids)})
    return {cadre_id: c for cadre_id, c in found.items() if c is not None}


# ---------------------------------------------------------------------------- household

def household_page(portal: Portal, user: User, household_id: str) -> dict[str, Any]:
    answers = gather(portal.executor, {"household": lambda: portal.registry.household(user.token, household_id),
                                       "history": lambda: portal.registry.history(user.token, household_id)})
    household: m.HouseholdFile = answers["household"]
    full = roles.sees_full_id_numbers(user.principal, household.village_code)
    members = household.members if full else [m.Member(**{**x.__dict__, "national_id": mask(x.national_id)})
                                               for x in household.members]
    history: m.HouseholdHistory = answers["history"]
    surveys = sorted(history.surveys, key=lambda s: (s.year, s.recorded_at))
    current = [s for s in surveys if not s.superseded]
    names = names_of(portal, user, [household.village_code])
    return {"household": household, "members": members, "history": history, "surveys": surveys,
            "village_name": names.get(household.village_code, household.village_code),
            "income_chart": charts.line_chart("Per-capita net income by survey year",
                                              "The household's per-capita net income in each surveyed year, in yuan.",
                                              [str(s.year) for s in current],
                                              [s.per_capita_net_income_fen for s in current], money.yuan)}


def mask(national_id: str) -> str:
    """The portal masks again whatever the registry sent, for roles that may
    not see full ID numbers (the registry already masks; belt and braces)."""
    from chassis.security.personal_data import mask_national_id

    return mask_national_id(national_id) if national_id and "*" not in national_id else national_id


# ---------------------------------------------------------------------------- rankings and scores

def check_kind(kind: str) -> None:
    if kind not in TARGET_KINDS:
        raise InvalidArgument([FieldViolation("kind", f"must be one of {', '.join(TARGET_KINDS)}")])


def check_division(field: str, code: str) -> None:
    if code and not is_division_code(code):
        raise InvalidArgument([FieldViolation(field, "must be a 12-digit division code")])


def default_ranking_division(user: User) -> str:
    """A local official's ranking opens on their own division; the province's on all of it."""
    jurisdiction = user.principal.jurisdiction
    return "" if level_of(jurisdiction) is Level.PROVINCE else jurisdiction


def rankings_page(portal: Portal, user: User, kind: str, division: str) -> dict[str, Any]:
    check_kind(kind)
    check_division("division", division)
    scope = division if division and within(division, user.principal.jurisdiction) else user.principal.jurisdiction
    answers = gather(portal.executor, {
        "ranking": lambda: portal.assessment.ranking(user.token, kind, division),
        "flags": optional(lambda: portal.assessment.flags(user.token, scope, kind))})
    ranking: m.Ranking = answers["ranking"]
    flags = answers["flags"] if not isinstance(answers["flags"], Hidden) else []
    flags_by_target: dict[str, list[m.Flag]] = {}
    for flag in flags:
        flags_by_target.setdefault(flag.target_id, []).append(flag)
    names = names_of(portal, user, [e.target_id for e in ranking.entries]) if kind in ("village", "county", "city") \
        else {}
    top = ranking.entries[:20]
    chart = charts.bar_chart(f"Scores of the top {len(top)} ({kind.replace('_', ' ')})",
                             "Score out of 100 of each ranked target, best first.",
                             [names.get(e.target_id, e.target_id) for e in top], [e.score_centi for e in top],
                             lambda centi: money.yuan(centi))
    return {"ranking": ranking, "kind": kind, "division": division, "flags": flags_by_target, "names": names,
            "chart": chart, "flag_scope": scope, "kinds": TARGET_KINDS}


def score_page(portal: Portal, user: User, kind: str, target_id: str) -> dict[str, Any]:
    check_kind(kind)
    answers = gather(portal.executor, {
        "score": lambda: portal.assessment.score(user.token, kind, target_id),
        "flags": optional(lambda: portal.assessment.flags(user.token, "", kind, target_id))})
    score: m.Score = answers["score"]
    flags = answers["flags"] if not isinstance(answers["flags"], Hidden) else []
    names = names_of(portal, user, [target_id]) if kind in ("village", "county", "city") else {}
    chart = charts.bar_chart("Points earned per indicator", "Points earned by each indicator of the rubric.",
                             [i.indicator.replace("_", " ") for i in score.indicators],
                             [i.points_centi for i in score.indicators], money.yuan)
    return {"score": score, "flags": flags, "name": names.get(target_id, target_id), "chart": chart}


# ---------------------------------------------------------------------------- cadre

def this_month(now: datetime | None = None) -> str:
    return calendar.month_of((now or datetime.now(LOCAL)).astimezone(LOCAL).date())


def cadre_page(portal: Portal, user: User, cadre_id: str, month: str) -> dict[str, Any]:
    month = month or this_month()
    if calendar.parse_month(month) is None:
        raise InvalidArgument([FieldViolation("month", "must read YYYY-MM")])
    answers = gather(portal.executor, {
        "cadre": lambda: portal.cadres.cadre(user.token, cadre_id),
        "attendance": lambda: portal.cadres.attendance(user.token, cadre_id, month),
        "leaves": optional(lambda: portal.cadres.leaves(user.token, cadre_id)),
        "inspections": optional(lambda: portal.cadres.inspections(user.token, cadre_id))})
    attendance: m.AttendanceMonth = answers["attendance"]
    cadre: m.Cadre = answers["cadre"]
    more = gather(portal.executor, {
        "unit": optional(lambda: portal.cadres.support_unit(user.token, cadre.unit_id)),
        "names": lambda: names_of(portal, user, [s.village_code for s in cadre.stationings])})
    return {**answers, **more, "month": month, "weeks": calendar.weeks(month, attendance.statuses),
            "previous": calendar.shift_month(month, -1), "next": calendar.shift_month(month, 1),
            "weekdays": calendar.WEEKDAYS}


# ---------------------------------------------------------------------------- funds

def villages_below(portal: Portal, user: User, listing: m.DivisionListing) -> list[m.Division]:
    """The villages of a county or anything below it (a wider division would
    mean thousands of villages: the page asks to choose a county instead)."""
    if listing.parent and listing.parent.level == "village":
        return [listing.parent]
    found = [d for d in listing.children if d.level == "village"]
    townships = [d for d in listing.children if d.level == "township"]
    if townships:
        below = gather(portal.executor, {t.code: lambda t=t: portal.registry.divisions(user.token, t.code)
                                         for t in townships})
        found += [d for t in townships for d in below[t.code].children if d.level == "village"]
    return found


def funds_page(portal: Portal, user: User, division: str) -> dict[str, Any]:
    division = division or user.principal.jurisdiction
    check_division("division", division)
    by_village = level_of(division) in (Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)
    answers = gather(portal.executor, {
        "listing": lambda: portal.registry.divisions(user.token, division),
        "mix": optional(lambda: portal.funds.source_mix(user.token, division)),
        "idle": optional(lambda: portal.funds.idle(user.token, division))})
    villages = villages_below(portal, user, answers["listing"]) if by_village else []
    funds = gather(portal.executor, {v.code: lambda v=v: portal.funds.village(user.token, v.code)
                                     for v in villages})
    mix = answers["mix"]
    mix_chart = charts.stacked_bar("Funds allocated by kind of source",
                                   "Share of the funds allocated in this division by kind of source.",
                                   [k.kind.replace("_", " ") for k in mix.kinds],
                                   [k.allocated_fen for k in mix.kinds], money.yuan) if mix else None
    idle = answers["idle"]
    names = {v.code: v.name for v in villages}
    if idle:
        names.update(names_of(portal, user, [i.village_code for i in idle if i.village_code not in names]))
    return {"division": answers["listing"].parent, "children": answers["listing"].children, "mix": mix,
            "mix_chart": mix_chart, "idle": idle, "by_village": by_village,
            "villages": [(v, funds[v.code]) for v in villages], "names": names}


# ---------------------------------------------------------------------------- work queue

def queue_page(portal: Portal, user: User) -> dict[str, Any]:
    """Applications at the caller's workflow steps and exit proposals at the
    caller's confirmation step, within their jurisdiction."""
    steps, exit_steps = roles.steps_for(user.principal.roles), roles.exit_steps_for(user.principal.roles)
    calls: dict[str, Any] = {}
    jurisdiction = user.principal.jurisdiction
    if steps:
        calls["pending"] = lambda: portal.registry.all_households(user.token, jurisdiction, "pending")
    if exit_steps:
        calls["exits"] = lambda: portal.registry.all_households(user.token, jurisdiction, "exit_proposed")
    answers = gather(portal.executor, calls) if calls else {}
    items = [row for row in answers.get("pending", []) if row.current_step in steps]
    exits = [row for row in answers.get("exits", []) if row.current_step in exit_steps]
    names = names_of(portal, user, [row.village_code for row in items + exits])
    return {"steps": steps, "items": items, "exit_steps": exit_steps, "exits": exits, "names": names}


def decide(portal: Portal, user: User, household_id: str, step: str, decision: str, reason: str) -> m.HouseholdFile:
    violations = []
    if decision not in roles.DECISIONS:
        violations.append(FieldViolation("decision", f"must be one of {', '.join(roles.DECISIONS)}"))
    if step not in {s for steps in roles.STEPS_DECIDED_BY.values() for s in steps}:
        violations.append(FieldViolation("step", "must be a workflow step decided with DecideStep"))
    if decision in ("reject", "send_back") and not reason.strip():
        violations.append(FieldViolation("reason", "is required to reject or send back"))
    if len(reason) > 1000:
        violations.append(FieldViolation("reason", "must be at most 1,000 characters"))
    if violations:
        raise InvalidArgument(violations, "; ".join(f"{v.field} {v.description}" for v in violations))
    return portal.registry.decide(user.token, household_id, step, decision, reason.strip(), user.principal.subject)


def confirm_exit(portal: Portal, user: User, household_id: str, step: str, decision: str,
                 reason: str) -> m.HouseholdFile:
    """Checked here first so the official reads every problem at once; the
    registry checks again and decides (the portal is never the guard)."""
    violations = []
    if decision not in roles.EXIT_DECISIONS:
        violations.append(FieldViolation("decision", f"must be one of {', '.join(roles.EXIT_DECISIONS)}"))
    if step not in {s for steps in roles.EXIT_STEPS_CONFIRMED_BY.values() for s in steps}:
        violations.append(FieldViolation("step", "must be an exit confirmation step"))
    if decision == "reject" and not reason.strip():
        violations.append(FieldViolation("reason", "is required to reject an exit"))
    if len(reason) > 1000:
        violations.append(FieldViolation("reason", "must be at most 1,000 characters"))
    if violations:
        raise InvalidArgument(violations, "; ".join(f"{v.field} {v.description}" for v in violations))
    return portal.registry.confirm_exit(user.token, household_id, step, decision, reason.strip(),
                                        user.principal.subject)
