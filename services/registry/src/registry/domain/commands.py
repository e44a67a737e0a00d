"""What callers ask the registry to do. Values arrive as words and strings;
the domain parses them and reports every problem at once. Each command names
its `actor`, set by the entrypoint from the verified token; None is the
system itself (the operator's CSV import on the host)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chassis.errors import FieldViolation

from registry.domain.rules import Guarantees, Hardship, Income

if TYPE_CHECKING:
    from chassis.security.tokens import Principal


class Command:
    """Marker base."""


@dataclass(frozen=True)
class MemberInput:
    name: str
    national_id: str = ""
    relation: str = "unspecified"
    sex: str = "unspecified"
    birth_date: str = ""
    labour_ability: str = "unspecified"
    health: str = "unspecified"
    disability: str = "unspecified"
    schooling: str = "unspecified"


@dataclass(frozen=True)
class FileInput:
    """The household file as a caller sent it."""
    village_code: str
    category: str
    members: tuple[MemberInput, ...] = field(default=())
    natural_village_code: str = ""
    income: Income = field(default_factory=Income)
    land_area_m2: int = 0
    housing_area_m2: int = 0
    housing_dilapidated: bool = False
    causes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class RegisterHousehold(Command):
    """Registers at once: the approval chain was completed outside the system."""
    village_code: str
    category: str
    members: tuple[MemberInput, ...] = field(default=())
    household_id: str = ""
    natural_village_code: str = ""
    income: Income = field(default_factory=Income)
    land_area_m2: int = 0
    housing_area_m2: int = 0
    housing_dilapidated: bool = False
    causes: tuple[str, ...] = field(default=())
    actor: Principal | None = field(default=None, compare=False, repr=False)

    @property
    def file(self) -> FileInput:
        return FileInput(self.village_code, self.category, self.members, self.natural_village_code, self.income,
                         self.land_area_m2, self.housing_area_m2, self.housing_dilapidated, self.causes)


@dataclass(frozen=True)
class SubmitHousehold(Command):
    file: FileInput
    submitted_by: str
    household_id: str = ""
    via_county_system: bool = False
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DecideStep(Command):
    household_id: str
    step: str
    decision: str
    decided_by: str
    reason: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RecordObjection(Command):
    household_id: str
    text: str
    recorded_by: str
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ResubmitHousehold(Command):
    household_id: str
    file: FileInput
    submitted_by: str
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RecordSurvey(Command):
    household_id: str
    year: int
    income: Income
    guarantees: Guarantees
    recorded_by: str
    hardship: Hardship = field(default_factory=Hardship)
    household_size: int = 0
    corrects_survey_id: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ProposeExit(Command):
    household_id: str
    proposed_by: str
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ConfirmExit(Command):
    household_id: str
    step: str
    decision: str
    decided_by: str
    reason: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ReturnToPoverty(Command):
    household_id: str
    decided_by: str
    reason: str = ""
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DivisionInput:
    code: str
    name: str
    level: str
    parent_code: str = ""


@dataclass(frozen=True)
class LoadDivisions(Command):
    divisions: tuple[DivisionInput, ...]
    actor: Principal | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class IngestSubmission(Command):
    """A county system's submission as read from the ingest topic."""
    submission_id: str
    county_system_id: str
    event_id: str
    submit: SubmitHousehold | None
    # Set instead of `submit` when the message could not be decoded.
    undecodable_reason: str = ""
    # The county system whose token the message carried (verified by the
    # consumer), or why no sender could be verified.
    sender: Principal | None = field(default=None, compare=False, repr=False)
    unauthenticated_reason: str = ""


@dataclass(frozen=True)
class UnreadableItem:
    """A batch item that could not even be read (wrong JSON types): it is
    answered with these violations and never reaches the domain."""
    violations: tuple[FieldViolation, ...]


@dataclass(frozen=True)
class RegisterHouseholds(Command):
    """Many RegisterHousehold at once; each item is answered on its own."""
    households: tuple[RegisterHousehold | UnreadableItem, ...]
    actor: Principal | None = field(default=None, compare=False, repr=False)
