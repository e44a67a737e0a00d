"""shuangdao-registry-import against real PostgreSQL: exactly the valid
households stored, an exact per-row reject report, safe re-runs, exit codes."""
from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from registry.adapters import orm
from registry.bootstrap import Registry
from registry.domain import commands
from registry.entrypoints.import_csv import main

Ids = Callable[[str, int], str]
HEADER = ("household_ref,village_code,category,wages_fen,farming_fen,transfers_fen,housing_dilapidated,causes,"
          "name,national_id,relation,sex,birth_date,labour_ability,health,disability,schooling")
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "registry" / "data" / "households_example.csv"


def person(ids: Ids, born: str, sequence: int, name: str, relation: str, sex: str = "male") -> str:
    return f"{name},{ids(born, sequence)},{relation},{sex},{born},full,healthy,none,primary"


def a_file(tmp_path: Path, ids: Ids) -> Path:
    village, house = "441826108201", "able_to_work,100000,20000,0,yes,lack_of_skills"
    rows = [
        HEADER,
        # row 2-3: valid, household columns on the head's row only
        f"A1,{village},{house},{person(ids, '1970-01-01', 1, 'Fang Ming', 'head')}",
        f"A1,,,,,,,,{person(ids, '1998-02-02', 2, 'Fang Xiao', 'child', 'female')}",
        # row 4: non-numeric income and a bad birth date, both reported
        f"B2,{village},able_to_work,12k,0,0,no,illness,{person(ids, '1971-01-01', 3, 'Li Hong', 'head')}"
        .replace("1971-01-01,full", "1971-02-30,full"),
        # row 5: unknown village
        f"C3,441826999201,{house},{person(ids, '1972-01-01', 4, 'Luo Jun', 'head')}",
        # row 6: a person already in an active household
        f"D4,{village},{house},{person(ids, '1960-06-06', 5, 'Tang Bo', 'head')}",
        # rows 7-8: valid, household columns repeated on every row
        f"E5,{village},dibao,0,40000,60000,no,illness,{person(ids, '1958-01-30', 6, 'Pan Mei', 'head', 'female')}",
        f"E5,{village},dibao,0,40000,60000,no,illness,{person(ids, '1959-01-30', 7, 'Pan Jun', 'spouse')}",
        # row 9: no head (a domain field violation)
        f"F6,{village},{house},{person(ids, '1980-01-01', 8, 'He Ning', 'spouse')}",
        # row 10: the same person as A1's head, later in the file
        f"G7,{village},{house},{person(ids, '1970-01-01', 1, 'Fang Ming', 'head')}",
        # row 11: no household_ref
        f",{village},{house},{person(ids, '1981-01-01', 9, 'Wu Tao', 'head')}",
        # rows 12-13: a household value that differs between rows, and not yes/no
        f"H8,{village},able_to_work,100000,20000,0,maybe,lack_of_skills,{person(ids, '1982-01-01', 10, 'Ma Li', 'head')}",
        f"H8,441826100201,,,,,,,{person(ids, '2010-01-01', 11, 'Ma Yu', 'child')}",
    ]
    path = tmp_path / "households.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def count(registry: Registry, table: Any) -> int:
    with registry.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def report_of(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [tuple(r) for r in csv.reader(f)]


def test_a_mixed_file_stores_exactly_the_valid_households_and_reports_every_rejected_row(
        registry_factory: Callable[..., Registry], national_id: Ids, postgres_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    registry = registry_factory()
    holder = registry.bus.handle(commands.RegisterHousehold(village_code="441826108201", category="dibao", members=(
        commands.MemberInput(name="Tang Bo", national_id=national_id("1960-06-06", 5), relation="head"),)))
    report = tmp_path / "rejects.csv"
    code = main([str(a_file(tmp_path, national_id)), "--database-url", postgres_url, "--submitted-by", "cadre-7",
                 "--reject-report", str(report), "--no-progress"])

    assert code == 1
    assert capsys.readouterr().out == "9 households in 12 rows: 2 submitted, 0 already imported, 7 rejected\n"
    village = "441826108201"
    assert report_of(report) == [
        ("household_ref", "rows", "row", "field", "reason"),
        ("B2", "4", "4", "birth_date", "must be a date YYYY-MM-DD"),
        ("B2", "4", "4", "wages_fen", "must be a whole number of fen"),
        ("C3", "5", "5", "village_code", "unknown village 441826999201 (not in the division table)"),
        ("D4", "6", "6", "national_id", f"this person is already a member of active household {holder} "
                                        f"in village {village}"),
        ("F6", "9", "", "members", "exactly one member must be the head (found 0)"),
        ("G7", "10", "10", "national_id", "this person is already a member of active household "
                                          f"{first_household(registry, 'Fang Ming')} in village {village}"),
        ("", "11", "11", "household_ref", "is required: it groups the rows of one household"),
        ("H8", "12 13", "12", "housing_dilapidated", "must be yes or no"),
        ("H8", "12 13", "13", "village_code", "differs from row 12 of the same household"),
    ]
    stored = stored_households(registry)
    assert sorted(stored) == [("Fang Ming", "pending", 2), ("Pan Mei", "pending", 2), ("Tang Bo", "registered", 1)]
    assert (count(registry, orm.households), count(registry, orm.outbox)) == (3, 3)


def first_household(registry: Registry, head: str) -> str:
    with registry.engine.connect() as connection:
        return connection.execute(select(orm.members.c.household_id).where(orm.members.c.name == head)).scalar_one()


def stored_households(registry: Registry) -> list[tuple[str, str, int]]:
    with registry.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(  # type: ignore[misc]
            select(orm.members.c.name, orm.households.c.status, orm.households.c.member_count)
            .join(orm.households, orm.households.c.id == orm.members.c.household_id)
            .where(orm.members.c.position == 0)).all()]


@pytest.mark.parametrize("mode", ["applications", "registered"])
def test_importing_the_same_file_again_stores_nothing_new(
        registry_factory: Callable[..., Registry], national_id: Ids, postgres_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], mode: str) -> None:
    registry = registry_factory()
    path = a_file(tmp_path, national_id)
    args = [str(path), "--as", mode, "--database-url", postgres_url, "--submitted-by", "cadre-7", "--no-progress"]
    assert main(args) == 1
    if mode == "registered":
        # The batch names items by position; the report names them by the file's ref.
        assert "is also a member of household_ref A1 earlier in this file" in capsys.readouterr().err
    before = (count(registry, orm.households), count(registry, orm.members), count(registry, orm.outbox))
    capsys.readouterr()
    assert main(args) == 1
    verb = "submitted" if mode == "applications" else "registered"
    assert capsys.readouterr().out == f"9 households in 12 rows: 0 {verb}, 3 already imported, 6 rejected\n"
    assert (count(registry, orm.households), count(registry, orm.members), count(registry, orm.outbox)) == before
    assert before == (3, 5, 3)


def test_the_shipped_example_imports_its_valid_households_and_rejects_the_rest(
        registry_factory: Callable[..., Registry], postgres_url: str, tmp_path: Path) -> None:
    registry = registry_factory()
    report = tmp_path / "rejects.csv"
    assert main([str(EXAMPLE), "--database-url", postgres_url, "--submitted-by", "cadre-7", "--no-progress",
                 "--reject-report", str(report)]) == 1
    assert count(registry, orm.households) == 3
    assert [r[0] for r in report_of(report)[1:]] == ["SP-003", "SP-003", "SP-004", "SP-005", "SP-006"]


@pytest.mark.parametrize("content, message", [
    (b"household_ref,village_code,category,name\nA,441826108201,dibao,Fang\n", "missing required column(s) relation"),
    (b"household_ref,village_code,category,name,relation,wage_fen\n", "unknown column(s) 'wage_fen'"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb7\xac\xcc\x8a\xff\xfe", "not text in the expected encoding"),
    (b"", "the file is empty"),
    (b"household_ref,village_code,category,name,relation\n", "the file has a header but no rows"),
])
def test_a_malformed_file_exits_2_with_a_clear_message_and_stores_nothing(
        registry_factory: Callable[..., Registry], postgres_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], content: bytes, message: str) -> None:
    registry = registry_factory()
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert main([str(path), "--database-url", postgres_url, "--submitted-by", "cadre-7", "--no-progress"]) == 2
    assert message in capsys.readouterr().err
    assert count(registry, orm.households) == 0


def test_a_missing_file_exits_2(postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nowhere.csv"), "--database-url", postgres_url, "--submitted-by", "x"]) == 2
    assert "cannot read" in capsys.readouterr().err
