"""Resident identity numbers (GB 11643-1999): 17 digits and a check character."""
from __future__ import annotations

import re
from datetime import date

_SHAPE = re.compile(r"^\d{17}[\dX]$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_character(first17: str) -> str:
    # map() over the digits: this runs for every member of every registration.
    return _CHECK[sum(map(int.__mul__, map(int, first17), _WEIGHTS)) % 11]


def checked(number: str) -> tuple[date | None, str | None]:
    """(the birth date it carries, None) when the number is well formed, else
    (None, what is wrong with it): one parse serves both the check and the
    comparison with the stated birth date."""
    if not _SHAPE.match(number):
        return None, "must be 17 digits followed by a digit or X"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None, "birth date part is not a date"
    if check_character(number[:17]) != number[17]:
        return None, "check digit does not match (GB 11643)"
    return born, None


def problem_with(number: str) -> str | None:
    """None when the number is well formed, else what is wrong with it."""
    return checked(number)[1]


def normalise(number: str) -> str:
    return number.strip().upper()
