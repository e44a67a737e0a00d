"""shuangdao-registry-import: household files from a CSV file, through the same
command handlers (and so the same validation) as the APIs."""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO, TypeVar

from sqlalchemy.exc import OperationalError
from tqdm import tqdm

from chassis.errors import FieldViolation, InvalidArgument, ServiceError

from registry.adapters import csv_households
from registry.adapters.csv_households import BadFile, CsvHousehold, Problem
from registry.bootstrap import Registry, bootstrap
from registry.config import Settings
from registry.domain import commands, model
from registry.domain.batch import Outcome
from registry.domain.household_file import parse_file
from registry.domain.model import local_date
from registry.domain.rules import Rules

EXIT_OK, EXIT_REJECTED, EXIT_BAD_FILE, EXIT_FAILED = 0, 1, 2, 3
REPORT_COLUMNS = ("household_ref", "rows", "row", "field", "reason")
T = TypeVar("T")

DESCRIPTION = """\
Imports household files from a CSV file into the registry, through the same
validation as the APIs: nothing invalid is stored, and each household is
accepted or rejected as a whole.

Layout: one row per member; rows with the same household_ref (the file's own
key) form one household, in any order. Household-level columns may be repeated
on every row or filled on one row only (usually the head's); values that
differ between rows of a household are rejected. Row 1 is the header.

Columns (case-insensitive; unknown columns are refused, so a typo cannot drop
data): household_ref, village_code, natural_village_code, category
(able_to_work, dibao, wubao), wages_fen, farming_fen, business_fen,
property_fen, transfers_fen, costs_fen (whole fen: 1 yuan = 100 fen),
land_area_m2, housing_area_m2, housing_dilapidated (yes/no), causes (words
separated by ';'), and per member: name, national_id, relation, sex,
birth_date (YYYY-MM-DD), labour_ability, health, disability, schooling.
Required columns: household_ref, village_code, category, name, relation.
An example ships as registry/data/households_example.csv.

Re-runs are safe: each household gets an id derived from --source and its
household_ref, so importing the same file again stores nothing new and reports
those households as already imported (they are not updated). Households whose
members are already in an active household are rejected by the registry's
duplicate-person rule. Events go to the outbox; the running service's relay
publishes them.
"""

EPILOG = """\
exit codes: 0 every household accepted (or already imported); 1 some
households rejected (see the reject report); 2 the file cannot be imported
(unreadable, not CSV, missing or unknown columns: nothing was stored);
3 the import could not finish (e.g. the database is unreachable).

reject report columns: household_ref, rows (every row of the household),
row (where the problem is; empty when it is the household's as a whole),
field (the CSV column, or the part of the file), reason.
"""


@dataclass
class Outcomes:
    accepted: int = 0
    already: int = 0
    rejected: list[tuple[CsvHousehold, list[Problem]]] = field(default_factory=list)

    def reject(self, household: CsvHousehold, problems: list[Problem]) -> None:
        self.rejected.append((household, problems))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="shuangdao-registry-import", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("csv_file", type=Path, help="the CSV file of household files")
    p.add_argument("--as", dest="mode", choices=("applications", "registered"), default="applications",
                   help="applications (default): each household applies and the registration workflow starts "
                        "(SubmitHousehold, full file required); registered: migrating an existing register, "
                        "households are registered at once (RegisterHouseholds, in batches)")
    p.add_argument("--submitted-by", default="",
                   help="the account filing the applications (required with --as applications)")
    p.add_argument("--database-url", default="",
                   help="target database (default: SHUANGDAO_REGISTRY_DATABASE_URL, as the service)")
    p.add_argument("--reject-report", type=Path, help="write the rejected households here (CSV)")
    p.add_argument("--source", default="",
                   help="names this register for the derived household ids (default: the file's name); pass "
                        "the same value when re-running a renamed copy, a different one for another file "
                        "that reuses the same household_ref values")
    p.add_argument("--batch-size", type=int, default=500, help="households per transaction with --as registered")
    p.add_argument("--encoding", default="utf-8-sig", help="text encoding of the file (default UTF-8)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.mode == "applications" and not args.submitted_by.strip():
        parser().error("--submitted-by is required with --as applications (the account filing them)")
    if not 1 <= args.batch_size <= 1000:
        parser().error("--batch-size must be between 1 and 1000")
    try:
        with args.csv_file.open(encoding=args.encoding, newline="") as stream:
            households = csv_households.read(stream)
    except (OSError, LookupError) as exc:
        return _bad_file(f"cannot read {args.csv_file}: {exc}")
    except BadFile as exc:
        return _bad_file(f"{args.csv_file}: {exc}")
    try:
        registry = _registry(args.database_url)
        outcomes = run(registry, households, args.mode, args.submitted_by.strip(),
                       args.source or args.csv_file.name, args.batch_size, progress=not args.no_progress)
    except OperationalError as exc:
        print(f"error: the database cannot be reached: {exc.orig}", file=sys.stderr)
        return EXIT_FAILED
    rows = sum(len(h.rows) for h in households)
    verb = "submitted" if args.mode == "applications" else "registered"
    print(f"{len(households)} households in {rows} rows: {outcomes.accepted} {verb}, "
          f"{outcomes.already} already imported, {len(outcomes.rejected)} rejected")
    if args.reject_report:
        with args.reject_report.open("w", encoding="utf-8", newline="") as out:
            write_report(out, outcomes)
    elif outcomes.rejected:
        write_report(sys.stderr, outcomes)
    return EXIT_REJECTED if outcomes.rejected else EXIT_OK


def _bad_file(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_BAD_FILE


def _registry(database_url: str) -> Registry:
    settings = Settings.from_env()
    if database_url:
        settings = replace(settings, common=replace(settings.common, database_url=database_url))
    return bootstrap(settings)


def run(registry: Registry, households: list[CsvHousehold], mode: str, submitted_by: str, source: str,
        batch_size: int, progress: bool = True) -> Outcomes:
    outcomes = Outcomes()
    strict = mode == "applications"
    ready: list[tuple[CsvHousehold, commands.FileInput]] = []
    # disable=None: a bar on a terminal, none in a log file.
    with tqdm(total=len(households), unit="household", disable=None if progress else True,
              file=sys.stderr) as bar:
        for household in households:
            raw = csv_households.file_input(household)
            if household.problems:
                outcomes.reject(household, _with_domain_problems(household, raw, strict, registry.settings.rules,
                                                                         registry.now()))
                bar.update(1)
            else:
                ready.append((household, raw))
        if mode == "applications":
            _submit(registry, ready, submitted_by, source, outcomes, bar)
        else:
            for chunk in _chunks(ready, batch_size):
                _register(registry, chunk, source, outcomes)
                bar.update(len(chunk))
    return outcomes


def _with_domain_problems(household: CsvHousehold, raw: commands.FileInput, strict: bool, rules: Rules,
                          now: datetime) -> list[Problem]:
    """A cell type problem stops the household before the handlers; the domain
    still reads the rest so every problem is reported at once."""
    extra: list[FieldViolation] = []
    parse_file(raw, local_date(now), rules, strict, extra)
    typed = {(p.row, p.field) for p in household.problems}
    return household.problems + [p for p in csv_households.locate(household, extra) if (p.row, p.field) not in typed]


def _submit(registry: Registry, ready: list[tuple[CsvHousehold, commands.FileInput]], submitted_by: str,
            source: str, outcomes: Outcomes, bar: tqdm) -> None:
    known = _known_ids(registry, [csv_households.household_id_for(source, h.ref) for h, _ in ready])
    for household, raw in ready:
        household_id = csv_households.household_id_for(source, household.ref)
        if household_id in known:
            outcomes.already += 1
        else:
            try:
                registry.bus.handle(commands.SubmitHousehold(raw, submitted_by, household_id))
                outcomes.accepted += 1
            except (InvalidArgument, model.DuplicatePerson) as error:
                outcomes.reject(household, csv_households.locate(household, error.violations))
            except ServiceError as error:
                outcomes.reject(household, [Problem(None, "", error.message)])
        bar.update(1)


def _register(registry: Registry, chunk: list[tuple[CsvHousehold, commands.FileInput]], source: str,
              outcomes: Outcomes) -> None:
    items = tuple(commands.RegisterHousehold(
        village_code=raw.village_code, category=raw.category, members=raw.members,
        household_id=csv_households.household_id_for(source, household.ref),
        natural_village_code=raw.natural_village_code, income=raw.income, land_area_m2=raw.land_area_m2,
        housing_area_m2=raw.housing_area_m2, housing_dilapidated=raw.housing_dilapidated, causes=raw.causes)
        for household, raw in chunk)
    refs = {str(n): household.ref for n, (household, _) in enumerate(chunk)}
    for (household, _), result in zip(chunk, registry.bus.handle(commands.RegisterHouseholds(items))):
        # The batch names earlier items by position; the file's user knows them by ref.
        result = replace(result, violations=tuple(
            replace(v, description=re.sub(r"households\[(\d+)\] earlier in this batch",
                                          lambda m: f"household_ref {refs[m.group(1)]} earlier in this file",
                                          v.description)) for v in result.violations))
        if result.outcome is Outcome.REGISTERED:
            outcomes.accepted += 1
        elif result.outcome is Outcome.ALREADY_REGISTERED:
            outcomes.already += 1
        elif result.violations:
            outcomes.reject(household, csv_households.locate(household, result.violations))
        else:
            outcomes.reject(household, [Problem(None, "", result.message)])


def _known_ids(registry: Registry, household_ids: list[str]) -> set[str]:
    known: set[str] = set()
    uow = registry.new_uow()
    with uow:
        for chunk in _chunks(household_ids, 1000):
            known |= uow.households.existing_ids(chunk)
    return known


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def write_report(out: TextIO, outcomes: Outcomes) -> None:
    writer = csv.writer(out)
    writer.writerow(REPORT_COLUMNS)
    for household, problems in sorted(outcomes.rejected, key=lambda hp: hp[0].rows[0]):
        rows = " ".join(str(r) for r in household.rows)
        for p in sorted(problems, key=lambda p: (p.row or 0, p.field)):
            writer.writerow((household.ref, rows, p.row or "", p.field, p.reason))


if __name__ == "__main__":
    sys.exit(main())
