"""The one place national ID numbers are turned into what is stored and what
is looked up: encrypted at rest (AES-GCM, `chassis.security.personal_data`),
deduplicated by a keyed hash, so the members table and the persons table
reveal nothing without the keys. Members without a number store "".
Never log or publish what passes through here."""
from __future__ import annotations

from chassis.security.personal_data import PersonalDataCipher


class Identity:
    def __init__(self, cipher: PersonalDataCipher) -> None:
        self.cipher = cipher
        # A batch looks each person's key up twice (who holds them, then the
        # rows to write); one Identity serves one unit of work, so this lives
        # no longer than the batch's own copy of the numbers.
        self._keys: dict[str, str] = {}

    def lookup_key(self, number: str) -> str:
        """Deterministic key under which a person is deduplicated."""
        key = self._keys.get(number)
        if key is None:
            key = self._keys[number] = self.cipher.dedup_key(number)
        return key

    def stored_form(self, number: str) -> str:
        return self.cipher.encrypt(number) if number else ""

    def revealed(self, stored: str) -> str:
        return self.cipher.decrypt(stored) if stored else ""
