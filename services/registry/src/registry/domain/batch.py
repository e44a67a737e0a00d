"""Registering many households at once. Each item stands alone: one bad item
never rejects the others. A person can be claimed by one item only: the
earliest valid item holding them wins, as if the items had come one by one."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from chassis.errors import FieldViolation, InvalidArgument

from registry.domain.household_file import HouseholdFile
from registry.domain.model import duplicate_people


# *Default* most households in one call; configurable (SHUANGDAO_REGISTRY_MAX_BATCH).
DEFAULT_MAX_BATCH = 1000


def check_size(count: int, max_batch: int) -> None:
    if count == 0:
        raise InvalidArgument([FieldViolation("households", "send at least one household")])
    if count > max_batch:
        raise InvalidArgument([FieldViolation("households", f"at most {max_batch} households in one batch "
                                                            f"(got {count}); split it")])


class Outcome(str, Enum):
    REGISTERED = "registered"
    ALREADY_REGISTERED = "already_registered"
    INVALID_ARGUMENT = "invalid_argument"
    ALREADY_EXISTS = "already_exists"


@dataclass(frozen=True)
class ItemResult:
    index: int
    outcome: Outcome
    household_id: str = ""
    violations: tuple[FieldViolation, ...] = ()
    message: str = ""

    @property
    def accepted(self) -> bool:
        return self.outcome in (Outcome.REGISTERED, Outcome.ALREADY_REGISTERED)


def rejected(index: int, outcome: Outcome, violations: list[FieldViolation], message: str = "") -> ItemResult:
    return ItemResult(index, outcome, violations=tuple(violations),
                      message=message or "; ".join(f"{v.field}: {v.description}" for v in violations))


def duplicate_ids(household_ids: dict[int, str]) -> dict[int, FieldViolation]:
    """Items repeating a client-chosen household id already used earlier in the batch."""
    first: dict[str, int] = {}
    found = {}
    for index, household_id in sorted(household_ids.items()):
        if not household_id:
            continue
        if household_id in first:
            found[index] = FieldViolation("household_id", f"is also the id of households[{first[household_id]}] "
                                                          "in this batch")
        else:
            first[household_id] = index
    return found


def claim_people(files: dict[int, HouseholdFile], holders: dict[str, tuple[str, str]]) -> dict[int, list[FieldViolation]]:
    """Index -> violations for items whose members are held by an active
    household (`holders`: ID number -> (household id, village)) or by an
    earlier item of the batch. Items with such a problem claim nobody."""
    claimed: dict[str, int] = {}
    found: dict[int, list[FieldViolation]] = {}
    for index, household_file in sorted(files.items()):
        problems = duplicate_people(household_file, holders)
        for n, member in enumerate(household_file.members):
            earlier = claimed.get(member.national_id) if member.national_id else None
            if earlier is not None:
                problems.append(FieldViolation(f"members[{n}].national_id",
                                               f"this person is also a member of households[{earlier}] "
                                               "earlier in this batch"))
        if problems:
            found[index] = problems
        else:
            claimed.update({i: index for i in household_file.id_numbers})
    return found


@dataclass(frozen=True)
class Counts:
    registered: int
    already_registered: int
    rejected: int


def counts(results: list[ItemResult]) -> Counts:
    registered = sum(1 for r in results if r.outcome is Outcome.REGISTERED)
    already = sum(1 for r in results if r.outcome is Outcome.ALREADY_REGISTERED)
    return Counts(registered, already, len(results) - registered - already)
