"""The one place national ID numbers are turned into what is stored and what
is looked up. Today: the number itself (uniqueness needs an exact key). A later
security pass replaces `stored_form`/`revealed` with encryption and
`lookup_key` with a keyed hash; nothing else in the service touches the raw
form, so that change stays here (plus a migration re-keying existing rows).
Never log or publish what passes through here."""
from __future__ import annotations


def lookup_key(number: str) -> str:
    """Deterministic key under which a person is deduplicated."""
    return number


def stored_form(number: str) -> str:
    return number


def revealed(stored: str) -> str:
    return stored
