"""RegisterHouseholds: many households validated with the same domain code as
RegisterHousehold, the valid ones written in one transaction with bulk
inserts. Each item gets its own answer."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from chassis.errors import AlreadyExists, InvalidArgument

from registry.domain import batch, commands, model
from registry.domain.batch import ItemResult, Outcome, rejected
from registry.domain.household_file import HouseholdFile
from registry.domain.rules import Rules
from registry.service_layer import security
from registry.service_layer.handlers import (REGISTER, Clock, division_codes, file_problems, register_household,
                                             utc_now)
from registry.service_layer.security import household_entry
from registry.service_layer.unit_of_work import UnitOfWork

Items = dict[int, commands.RegisterHousehold]


def register_households(command: commands.RegisterHouseholds, uow: UnitOfWork, rules: Rules = Rules(),
                        clock: Clock = utc_now, max_batch: int = batch.DEFAULT_MAX_BATCH) -> list[ItemResult]:
    batch.check_size(len(command.households), max_batch)
    # One answer for the whole batch: a caller registering outside its
    # jurisdiction is refused outright, not item by item.
    security.gate_all(command.actor, REGISTER, {
        f"households[{i}].village_code": item.village_code.strip()
        for i, item in enumerate(command.households) if isinstance(item, commands.RegisterHousehold)})
    now = clock()
    results: dict[int, ItemResult] = {}
    items: Items = {}
    for index, item in enumerate(command.households):
        if isinstance(item, commands.UnreadableItem):
            results[index] = rejected(index, Outcome.INVALID_ARGUMENT, list(item.violations))
        else:
            items[index] = item
    conflict = False
    with uow:
        accepted = _validate(items, results, uow, rules, now)
        if accepted:
            households = [model.registered_directly(items[i].household_id, f, now) for i, f in accepted.items()]
            try:
                uow.households.add_many(households)
                uow.audit(*(household_entry(command.actor, REGISTER, None, h) for h in households))
                uow.commit()
            except IntegrityError:
                # Another transaction took a person or an id meanwhile: the
                # whole batch rolled back; find out item by item who lost.
                conflict = True
            for index, household in zip(accepted, households):
                results[index] = ItemResult(index, Outcome.REGISTERED, household.id)
    if conflict:
        # Each item keeps the id it was given (a retry finds it) and is gated as the caller.
        retried = {index: replace(items[index], household_id=household.id, actor=command.actor)
                   for index, household in zip(accepted, households)}
        results.update(_one_by_one(retried, uow, rules, clock))
    return [results[i] for i in range(len(command.households))]


def _validate(items: Items, results: dict[int, ItemResult], uow: UnitOfWork, rules: Rules,
              now: datetime) -> dict[int, HouseholdFile]:
    """Fills `results` with the rejected and already registered items; returns
    the files to register, by index."""
    ids = {i: c.household_id for i, c in items.items()}
    for index, violation in batch.duplicate_ids(ids).items():
        results[index] = rejected(index, Outcome.INVALID_ARGUMENT, [violation])
    known_ids = uow.households.existing_ids([h for i, h in ids.items() if i not in results and model.is_uuid(h)])
    for index, household_id in ids.items():
        if index not in results and household_id in known_ids:
            # A retry of an item that already succeeded: same answer, no second event.
            results[index] = ItemResult(index, Outcome.ALREADY_REGISTERED, household_id)
    pending = {i: c for i, c in items.items() if i not in results}
    known = uow.divisions.get_many(sorted({code for c in pending.values() for code in division_codes(c.file)}))
    files: dict[int, HouseholdFile] = {}
    for index, item in pending.items():
        household_file, violations = file_problems(item.file, item.household_id, False, known, rules, now)
        if household_file is None:
            results[index] = rejected(index, Outcome.INVALID_ARGUMENT, violations)
        else:
            files[index] = household_file
    holders = uow.households.holders(sorted({n for f in files.values() for n in f.id_numbers}))
    for index, violations in batch.claim_people(files, holders).items():
        results[index] = rejected(index, Outcome.ALREADY_EXISTS, violations)
        del files[index]
    return files


def _one_by_one(items: Items, uow: UnitOfWork, rules: Rules, clock: Clock) -> dict[int, ItemResult]:
    """The race-safe fallback: each item in its own transaction, through the
    single RegisterHousehold path, so each gets its own answer."""
    results = {}
    for index, item in items.items():
        try:
            results[index] = ItemResult(index, Outcome.REGISTERED, register_household(item, uow, rules, clock))
        except model.DuplicatePerson as error:
            results[index] = rejected(index, Outcome.ALREADY_EXISTS, error.violations)
        except InvalidArgument as error:
            results[index] = rejected(index, Outcome.INVALID_ARGUMENT, error.violations)
        except AlreadyExists as error:
            results[index] = rejected(index, Outcome.ALREADY_EXISTS, [], error.message)
    return results
