"""Household files from a CSV file: one row per member, grouped into
households by `household_ref` (the file's own key).

Household-level columns may be repeated on every row of the household or
given once (usually on the head's row); blank cells are ignored, and values
that disagree between rows are a problem. Row numbers are those a spreadsheet
shows: the header is row 1. Cell types (whole numbers of fen, yes/no) are
checked here and reported per row; everything else is the domain's."""
from __future__ import annotations

import csv
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from chassis.errors import FieldViolation

from registry.domain.commands import FileInput, MemberInput
from registry.domain.rules import Income

REF = "household_ref"
MONEY = ("wages_fen", "farming_fen", "business_fen", "property_fen", "transfers_fen", "costs_fen")
AREAS = ("land_area_m2", "housing_area_m2")
HOUSEHOLD_COLUMNS = ("village_code", "natural_village_code", "category", *MONEY, *AREAS, "housing_dilapidated",
                     "causes")
MEMBER_COLUMNS = ("name", "national_id", "relation", "sex", "birth_date", "labour_ability", "health", "disability",
                  "schooling")
COLUMNS = (REF, *HOUSEHOLD_COLUMNS, *MEMBER_COLUMNS)
REQUIRED = (REF, "village_code", "category", "name", "relation")
CAUSE_SEPARATOR = ";"
TRUE, FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
WHOLE = re.compile(r"^[+-]?\d+$")
# Fixed forever: household ids derived from (source, household_ref) must not change between runs.
IMPORT_NAMESPACE = uuid.UUID("5b0e7f1c-3a4d-4c8e-9f61-2d7a9c0e4b13")


class BadFile(Exception):
    """The file as a whole cannot be imported (exit code 2)."""


@dataclass(frozen=True)
class Problem:
    """One reason a household was rejected. `row` is None when the problem
    belongs to the household as a whole (e.g. no head)."""
    row: int | None
    field: str
    reason: str


@dataclass
class CsvHousehold:
    ref: str
    rows: list[int] = field(default_factory=list)
    member_rows: list[int] = field(default_factory=list)
    # Household-level column -> the first row it was given on.
    value_rows: dict[str, int] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    members: list[dict[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def household_id_for(source: str, ref: str) -> str:
    """The same file (same source) always gives a household the same id, so a
    re-run finds what an earlier run stored instead of storing it again."""
    return str(uuid.uuid5(IMPORT_NAMESPACE, f"{source}\n{ref}"))


def read(stream: TextIO) -> list[CsvHousehold]:
    """Households in order of first appearance. Raises BadFile."""
    try:
        reader = csv.reader(stream)
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise BadFile("the file is empty: expected a header row naming the columns")
        columns = _check_header(header)
        households: dict[str, CsvHousehold] = {}
        loose: list[CsvHousehold] = []
        for row_number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            _add_row(row_number, columns, cells, households, loose)
    except UnicodeDecodeError as exc:
        raise BadFile(f"not text in the expected encoding ({exc.reason} at byte {exc.start}); "
                      "save it as UTF-8 CSV or pass --encoding") from exc
    except csv.Error as exc:
        raise BadFile(f"not a readable CSV file: {exc}") from exc
    found = sorted([*households.values(), *loose], key=lambda h: h.rows[0])
    if not found:
        raise BadFile("the file has a header but no rows")
    return found


def _check_header(header: list[str]) -> list[str]:
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    unknown = [c for c in columns if c not in COLUMNS]
    missing = [c for c in REQUIRED if c not in columns]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    problems = []
    if missing:
        problems.append(f"missing required column(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(repr(c) for c in unknown)}")
    if repeated:
        problems.append(f"column(s) given twice: {', '.join(repeated)}")
    if problems:
        raise BadFile("; ".join(problems) + f". Known columns: {', '.join(COLUMNS)}")
    return columns


def _add_row(row: int, columns: list[str], cells: list[str], households: dict[str, CsvHousehold],
             loose: list[CsvHousehold]) -> None:
    values = {c: (cells[n].strip() if n < len(cells) else "") for n, c in enumerate(columns)}
    ref = values[REF]
    if ref:
        household = households.setdefault(ref, CsvHousehold(ref=ref))
    else:
        # Cannot be grouped: a household of its own, rejected, still checked for the rest.
        household = CsvHousehold(ref="")
        household.problems.append(Problem(row, REF, "is required: it groups the rows of one household"))
        loose.append(household)
    household.rows.append(row)
    if len(cells) > len(columns):
        household.problems.append(Problem(row, "", f"has {len(cells)} cells but the header names "
                                                   f"{len(columns)} columns"))
    for column in HOUSEHOLD_COLUMNS:
        value = values.get(column, "")
        if not value:
            continue
        if column not in household.values:
            household.values[column], household.value_rows[column] = value, row
        elif household.values[column] != value:
            household.problems.append(Problem(row, column, f"differs from row {household.value_rows[column]} "
                                                           "of the same household"))
    household.member_rows.append(row)
    household.members.append({c: values.get(c, "") for c in MEMBER_COLUMNS})


def file_input(household: CsvHousehold) -> FileInput:
    """The household file as the domain reads it; cell type problems are added
    to `household.problems` (the value then counts as 0 / no)."""
    values = household.values
    members = tuple(MemberInput(
        name=m["name"], national_id=m["national_id"], relation=m["relation"],
        sex=m["sex"] or "unspecified", birth_date=m["birth_date"],
        labour_ability=m["labour_ability"] or "unspecified", health=m["health"] or "unspecified",
        disability=m["disability"] or "unspecified", schooling=m["schooling"] or "unspecified")
        for m in household.members)
    return FileInput(
        village_code=values.get("village_code", ""), category=values.get("category", ""), members=members,
        natural_village_code=values.get("natural_village_code", ""),
        income=Income(**{c: _whole(household, c, "fen") for c in MONEY}),
        land_area_m2=_whole(household, "land_area_m2", "square metres"),
        housing_area_m2=_whole(household, "housing_area_m2", "square metres"),
        housing_dilapidated=_yes_no(household, "housing_dilapidated"),
        causes=tuple(c.strip() for c in values.get("causes", "").split(CAUSE_SEPARATOR) if c.strip()))


def _whole(household: CsvHousehold, column: str, unit: str) -> int:
    value = household.values.get(column, "")
    if not value:
        return 0
    if not WHOLE.match(value):
        household.problems.append(Problem(household.value_rows[column], column, f"must be a whole number of {unit}"))
        return 0
    return int(value)


def _yes_no(household: CsvHousehold, column: str) -> bool:
    value = household.values.get(column, "").lower()
    if value in TRUE:
        return True
    if value not in FALSE:
        household.problems.append(Problem(household.value_rows[column], column, "must be yes or no"))
    return False


def locate(household: CsvHousehold, violations: Iterable[FieldViolation]) -> list[Problem]:
    """Domain field paths ("members[2].birth_date", "income.wages_fen") as the
    rows and columns of the file."""
    found = []
    for v in violations:
        member = re.match(r"^members\[(\d+)\](?:\.(\w+))?$", v.field)
        if member and int(member.group(1)) < len(household.member_rows):
            found.append(Problem(household.member_rows[int(member.group(1))], member.group(2) or "", v.description))
            continue
        column = re.sub(r"^income\.|\[\d+\]$", "", v.field)
        if column in HOUSEHOLD_COLUMNS:
            found.append(Problem(household.value_rows.get(column), column, v.description))
        else:
            found.append(Problem(None, v.field, v.description))
    return found
