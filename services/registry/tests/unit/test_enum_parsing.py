"""parse_enum answers from a lookup table (it runs a dozen times per household
of a batch); it must still accept exactly the vocabulary and name it otherwise."""
from __future__ import annotations

from typing import Any

import pytest

from chassis.errors import FieldViolation
from registry.domain.household_file import parse_enum
from registry.domain.vocabulary import Relation, Sex


@pytest.mark.parametrize("member", list(Relation))
def test_every_word_of_the_vocabulary_parses_to_its_member(member: Relation) -> None:
    violations: list[FieldViolation] = []
    assert parse_enum(Relation, member.value, "relation", violations) is member and violations == []


@pytest.mark.parametrize("value", ["HEAD", "", "spouse ", ["head"], {"head": 1}, 3])
def test_a_value_outside_the_vocabulary_is_refused_naming_the_allowed_words(value: Any) -> None:
    violations: list[FieldViolation] = []
    assert parse_enum(Relation, value, "members[0].relation", violations) is None
    [violation] = violations
    assert violation.field == "members[0].relation" and "head" in violation.description


def test_unspecified_is_refused_where_the_field_is_required() -> None:
    violations: list[FieldViolation] = []
    assert parse_enum(Sex, "unspecified", "members[0].sex", violations, required=True) is None
    assert violations == [FieldViolation("members[0].sex", "is required")]
