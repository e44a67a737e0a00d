"""CountHouseholds: a division's households and people by status, and each
division's directly below it, from one GROUP BY, behind ListHouseholds' gate."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import event, update

from chassis.errors import InvalidArgument, NotFound, PermissionDenied
from chassis.security.policy import Role
from chassis.security.tokens import Principal

from registry.adapters import orm
from registry.bootstrap import Registry
from registry.domain import commands
from registry.domain.vocabulary import Status
from registry.service_layer import views

COUNTY = "441826000000"            # Liannan
SANPAI_TOWN = "441826108000"
SANPAI = "441826108201"
SANPAI_2 = "441826108202"
SANJIANG_TOWN = "441826100000"
SANJIANG_1 = "441826100201"
NATURAL_1 = "441826108901"


def register(registry: Registry, village: str, size: int, natural_village: str = "") -> str:
    return registry.bus.handle(commands.RegisterHousehold(
        village_code=village, category="able_to_work", natural_village_code=natural_village,
        members=tuple(commands.MemberInput(name=f"Member {i}", relation="head" if i == 0 else "child")
                      for i in range(size))))


def put(registry: Registry, household_id: str, status: Status, risk: str | None = None) -> None:
    """Moves a household straight to a status (the workflow that gets it there is tested elsewhere)."""
    with registry.engine.begin() as connection:
        connection.execute(update(orm.households).where(orm.households.c.id == household_id)
                           .values(status=status.value, risk_category=risk))


@pytest.fixture
def counted(registry_factory: Callable[..., Registry]) -> tuple[Registry, dict[str, tuple[str, Status, int, bool]]]:
    """Households in two villages of Sanpai Town and one of Sanjiang Town:
    id -> (village, status, people, at risk)."""
    registry = registry_factory()
    plan = [(SANPAI, 1, Status.REGISTERED, None, NATURAL_1), (SANPAI, 2, Status.REGISTERED, None, ""),
            (SANPAI, 3, Status.EXITED, "edge", NATURAL_1), (SANPAI, 4, Status.EXITED, None, ""),
            (SANPAI, 5, Status.PENDING, None, ""), (SANPAI_2, 6, Status.REGISTERED, None, ""),
            (SANPAI_2, 2, Status.SENT_BACK, None, ""), (SANPAI_2, 3, Status.EXIT_PROPOSED, None, ""),
            (SANJIANG_1, 4, Status.REGISTERED, None, ""), (SANJIANG_1, 1, Status.PENDING, None, "")]
    households = {}
    for village, size, status, risk, natural in plan:
        household_id = register(registry, village, size, natural)
        put(registry, household_id, status, risk)
        households[household_id] = (village, status, size, risk is not None)
    return registry, households


def expected(households: dict[str, tuple[str, Status, int, bool]], prefix: str,
             status: Status) -> views.Tally:
    found = [people for village, s, people, _ in households.values() if village.startswith(prefix) and s is status]
    return views.Tally(len(found), sum(found))


def tallies(counts: views.HouseholdCounts) -> dict[Status, views.Tally]:
    return {s: counts.of(s) for s in Status}


def test_a_township_is_counted_by_status_with_each_village_below_it_and_people_summed(
        counted: tuple[Registry, dict[str, tuple[str, Status, int, bool]]]) -> None:
    registry, households = counted
    counts = views.count_households(registry.new_uow(), SANPAI_TOWN)
    assert counts.division.division.code == SANPAI_TOWN
    assert tallies(counts.division) == {s: expected(households, SANPAI_TOWN[:9], s) for s in Status}
    assert [c.division.code for c in counts.children] == [SANPAI, SANPAI_2]
    for child in counts.children:
        assert tallies(child) == {s: expected(households, child.division.code, s) for s in Status}
    assert counts.children[0].of(Status.EXITED) == views.Tally(2, 7)
    assert counts.division.at_risk == views.Tally(1, 3)


def test_a_county_row_per_township_matches_the_townships_own_counts_and_empty_townships_are_zero(
        counted: tuple[Registry, dict[str, tuple[str, Status, int, bool]]]) -> None:
    registry, households = counted
    county = views.count_households(registry.new_uow(), COUNTY)
    by_code = {c.division.code: c for c in county.children}
    assert tallies(county.division) == {s: expected(households, COUNTY[:6], s) for s in Status}
    assert tallies(by_code[SANPAI_TOWN]) == tallies(views.count_households(registry.new_uow(), SANPAI_TOWN).division)
    assert tallies(by_code[SANJIANG_TOWN]) == {s: expected(households, SANJIANG_TOWN[:9], s) for s in Status}
    empty = [c for code, c in by_code.items() if code not in (SANPAI_TOWN, SANJIANG_TOWN)]
    assert empty and all(c.of(s) == views.Tally() and c.at_risk == views.Tally() for c in empty for s in Status)


def test_a_village_is_counted_by_natural_village_and_households_without_one_count_only_in_the_village(
        counted: tuple[Registry, dict[str, tuple[str, Status, int, bool]]]) -> None:
    registry, households = counted
    village = views.count_households(registry.new_uow(), SANPAI)
    natural = {c.division.code: c for c in village.children}
    assert natural[NATURAL_1].of(Status.REGISTERED) == views.Tally(1, 1)
    assert natural[NATURAL_1].of(Status.EXITED) == natural[NATURAL_1].at_risk == views.Tally(1, 3)
    assert village.division.of(Status.REGISTERED) == views.Tally(2, 3)
    leaf = views.count_households(registry.new_uow(), NATURAL_1)
    assert leaf.children == [] and leaf.division.of(Status.EXITED) == views.Tally(1, 3)


def test_the_counts_agree_with_list_households_totals_for_every_status(
        counted: tuple[Registry, dict[str, tuple[str, Status, int, bool]]]) -> None:
    registry, _ = counted
    for code in (COUNTY, SANPAI_TOWN, SANPAI_2):
        counts = views.count_households(registry.new_uow(), code).division
        for status in Status:
            page = views.list_households(registry.new_uow(), division_code=code, status=status.value, page_size=1)
            assert counts.of(status) == views.Tally(page.total_size, page.total_people), (code, status)


def test_all_the_counts_of_a_division_and_its_children_take_one_households_query(
        counted: tuple[Registry, dict[str, tuple[str, Status, int, bool]]]) -> None:
    registry, _ = counted
    sent: list[str] = []

    def record(connection: object, cursor: object, statement: str, *_: object) -> None:
        sent.append(statement)

    event.listen(registry.engine, "before_cursor_execute", record)
    try:
        views.count_households(registry.new_uow(), COUNTY)
    finally:
        event.remove(registry.engine, "before_cursor_execute", record)
    assert sum("FROM households" in statement for statement in sent) == 1, sent
    assert len(sent) == 3, sent  # the division, its children, the counts


def official(role: Role, jurisdiction: str) -> Principal:
    return Principal(f"{role.value}-1", "agency", frozenset({role}), jurisdiction)


def test_a_county_official_counts_within_their_county_and_is_refused_above_or_beside_it(
        counted: tuple[Registry, dict[str, tuple[str, Status, int, bool]]]) -> None:
    registry, households = counted
    approver = official(Role.COUNTY_APPROVER, COUNTY)
    assert views.count_households(registry.new_uow(), SANPAI_TOWN, approver).division.of(Status.REGISTERED) == \
        expected(households, SANPAI_TOWN[:9], Status.REGISTERED)
    for outside in ("441800000000", "440000000000", "441825000000", "441825100000"):
        with pytest.raises(PermissionDenied):
            views.count_households(registry.new_uow(), outside, approver)
    cadre = official(Role.VILLAGE_CADRE, SANPAI)
    assert views.count_households(registry.new_uow(), SANPAI, cadre).division.of(Status.PENDING) == \
        views.Tally(1, 5)
    with pytest.raises(PermissionDenied):
        views.count_households(registry.new_uow(), SANPAI_TOWN, cadre)


def test_a_malformed_code_is_invalid_and_an_unknown_division_not_found(
        counted: tuple[Registry, dict[str, tuple[str, Status, int, bool]]]) -> None:
    registry, _ = counted
    for malformed in ("", "4418", "44182610820x"):
        with pytest.raises(InvalidArgument) as raised:
            views.count_households(registry.new_uow(), malformed)
        assert [v.field for v in raised.value.violations] == ["division_code"]
    with pytest.raises(NotFound, match="441826199000"):
        views.count_households(registry.new_uow(), "441826199000")
