"""National ID numbers at rest and in sight.

- Stored encrypted (AES-256-GCM, `cryptography`), each value tagged with the id
  of the key that sealed it, so keys rotate: new values use the current key,
  old ones still open with a previous key until re-encrypted.
- Deduplicated by a keyed hash (HMAC-SHA256 with a second, separate key): equal
  numbers give equal keys, yet the table of keys reveals nothing without it.
- Masked in answers for roles that may not see them (`mask_national_id`).
- Redacted from log records, whatever a careless line passed in
  (`NationalIdRedactor`), as defence in depth."""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import re
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from chassis.security.policy import DEFAULT_POLICY, Policy
from chassis.settings import SettingError, env_str

if TYPE_CHECKING:
    from chassis.security.tokens import Principal

READ_PERSONAL = "registry.household.read_personal"

# 17 digits and a check character, not part of a longer run of digits.
NATIONAL_ID_PATTERN = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
REDACTED = "[national-id redacted]"
_FORMAT = "v1"
_NONCE_BYTES = 12
_KEY_BYTES = 32


class PersonalDataError(Exception):
    """A stored value cannot be opened (unknown key, tampered, not ours). Not a
    caller's mistake: the service reports it as an internal fault."""


# ---------------------------------------------------------------------------- masking

def mask_national_id(number: str) -> str:
    """Keeps the region (first 6) and the last 4: '441826********001X'."""
    if len(number) < 11:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_in(value: Any) -> Any:
    """A copy of a JSON-like value with every national ID inside strings masked."""
    if isinstance(value, str):
        return NATIONAL_ID_PATTERN.sub(lambda m: mask_national_id(m.group(0)), value)
    if isinstance(value, Mapping):
        return {mask_in(k): mask_in(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_in(v) for v in value]
    return value


def shown_national_id(principal: "Principal", national_id: str, division: str | None,
                      action: str = READ_PERSONAL, policy: Policy = DEFAULT_POLICY) -> str:
    """The number as an API answer may show it to this caller: whole when the
    caller may read personal data in that division, masked otherwise."""
    return national_id if policy.decide(principal, action, division).allowed else mask_national_id(national_id)


def redact(text: str) -> str:
    return NATIONAL_ID_PATTERN.sub(REDACTED, text)


def contains_national_id(text: str | bytes) -> bool:
    """For scans of logs, topics and metrics."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return NATIONAL_ID_PATTERN.search(text) is not None


# ---------------------------------------------------------------------------- keys and settings

def decode_key(value: str, name: str) -> bytes:
    try:
        key = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SettingError(f"{name} must be base64: {exc}") from exc
    if len(key) != _KEY_BYTES:
        raise SettingError(f"{name} must decode to {_KEY_BYTES} bytes, got {len(key)}")
    return key


def new_key() -> str:
    """A fresh random key, base64, for settings."""
    return base64.b64encode(os.urandom(_KEY_BYTES)).decode()


def encryption_key_id(key: bytes) -> str:
    """Names a key without revealing it (a one-way fingerprint)."""
    return hashlib.sha256(b"shuangdao-pii-key-id:" + key).hexdigest()[:8]


@dataclass(frozen=True)
class PersonalDataSettings:
    """`SHUANGDAO_PII_ENCRYPTION_KEY` (current, base64 of 32 bytes),
    `SHUANGDAO_PII_PREVIOUS_ENCRYPTION_KEYS` (comma-separated, still readable),
    `SHUANGDAO_PII_HASH_KEY` (base64 of 32 bytes, separate from the others)."""

    encryption_key: bytes
    hash_key: bytes
    previous_encryption_keys: tuple[bytes, ...] = ()

    @classmethod
    def from_env(cls, service: str) -> "PersonalDataSettings":
        current = env_str(service, "PII_ENCRYPTION_KEY", "")
        hashing = env_str(service, "PII_HASH_KEY", "")
        missing = [n for n, v in (("SHUANGDAO_PII_ENCRYPTION_KEY", current), ("SHUANGDAO_PII_HASH_KEY", hashing))
                   if not v]
        if missing:
            raise SettingError(f"{' and '.join(missing)} not set; development keys: "
                               "python -m chassis.security.keys dev --out var/keys")
        previous = tuple(decode_key(v, "SHUANGDAO_PII_PREVIOUS_ENCRYPTION_KEYS")
                         for v in env_str(service, "PII_PREVIOUS_ENCRYPTION_KEYS", "").split(",") if v.strip())
        return cls(decode_key(current, "SHUANGDAO_PII_ENCRYPTION_KEY"), decode_key(hashing, "SHUANGDAO_PII_HASH_KEY"),
                   previous)


# ---------------------------------------------------------------------------- the cipher

class PersonalDataCipher:
    """Encrypts national IDs for storage; opens them for roles that may see them.

    A stored value reads `v1.<key id>.<base64url(nonce | ciphertext | tag)>`:
    plain ASCII that fits a text column. The purpose ("national_id") is bound as
    associated data, so a value copied into another kind of column will not open."""

    def __init__(self, encryption_key: bytes, hash_key: bytes,
                 previous_encryption_keys: Iterable[bytes] = ()) -> None:
        if hmac.compare_digest(encryption_key, hash_key):
            raise SettingError("the PII hash key must differ from the PII encryption key")
        self._current_id = encryption_key_id(encryption_key)
        self._keys = {encryption_key_id(k): AESGCM(k) for k in (*previous_encryption_keys, encryption_key)}
        self._hash_key = hash_key

    @classmethod
    def from_settings(cls, settings: PersonalDataSettings) -> "PersonalDataCipher":
        return cls(settings.encryption_key, settings.hash_key, settings.previous_encryption_keys)

    @classmethod
    def from_env(cls, service: str) -> "PersonalDataCipher":
        return cls.from_settings(PersonalDataSettings.from_env(service))

    @property
    def current_key_id(self) -> str:
        return self._current_id

    def encrypt(self, national_id: str, purpose: str = "national_id") -> str:
        """Seals the value as given (the domain normalises numbers before storing them)."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._keys[self._current_id].encrypt(nonce, national_id.encode(), _aad(purpose))
        body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{_FORMAT}.{self._current_id}.{body}"

    def decrypt(self, stored: str, purpose: str = "national_id") -> str:
        kid, body = self._parts(stored)
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            return self._keys[kid].decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _aad(purpose)).decode()
        except (InvalidTag, binascii.Error, ValueError, UnicodeDecodeError) as exc:
            raise PersonalDataError(f"stored {purpose} under key {kid} does not open: tampered or not ours") from exc

    def needs_reencryption(self, stored: str) -> bool:
        """True for values sealed with a previous key (a rotation job re-encrypts them)."""
        return self._parts(stored)[0] != self._current_id

    def dedup_key(self, national_id: str) -> str:
        """Deterministic keyed hash: the same person gives the same key everywhere."""
        return hmac.new(self._hash_key, normalise(national_id).encode(), hashlib.sha256).hexdigest()

    def _parts(self, stored: str) -> tuple[str, str]:
        parts = stored.split(".") if isinstance(stored, str) else []
        if len(parts) != 3 or parts[0] != _FORMAT:
            raise PersonalDataError("stored value is not a v1 personal-data ciphertext")
        if parts[1] not in self._keys:
            raise PersonalDataError(f"stored value was sealed with key {parts[1][:16]!r}, which is not configured")
        return parts[1], parts[2]


def normalise(national_id: str) -> str:
    """Same number, same bytes: no surrounding blanks, upper-case check character."""
    return national_id.strip().upper()


def _aad(purpose: str) -> bytes:
    return f"shuangdao:{purpose}".encode()


# ---------------------------------------------------------------------------- logs

class RedactedTraceback(Exception):
    """Stands in for an exception whose text carried a national ID."""


class NationalIdRedactor(logging.Filter):
    """Rewrites a log record so no national ID survives in its message, its
    structured fields or its traceback (an IntegrityError quoting a unique key
    is the classic leak). Attach it to handlers: handler filters see records
    from every logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: the handler reports it; redact the raw parts
            record.msg, record.args = redact(str(record.msg)), None
        else:
            if NATIONAL_ID_PATTERN.search(message):
                record.msg, record.args = redact(message), None
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            record.fields = _redact_value(fields)
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info))
            if NATIONAL_ID_PATTERN.search(text):
                record.exc_info = (RedactedTraceback, RedactedTraceback(redact(text).rstrip()), None)
                record.exc_text = None
        if record.exc_text and NATIONAL_ID_PATTERN.search(record.exc_text):
            record.exc_text = redact(record.exc_text)
        if record.stack_info and NATIONAL_ID_PATTERN.search(record.stack_info):
            record.stack_info = redact(record.stack_info)
        return True


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redact_value(v) for v in value]
    return value


def install_log_redaction(logger: logging.Logger | None = None) -> NationalIdRedactor:
    """Adds the redactor to every handler of `logger` (the root by default);
    call it after `chassis.logging.configure_logging`."""
    target = logger or logging.getLogger()
    redactor = NationalIdRedactor()
    for handler in target.handlers:
        if not any(isinstance(f, NationalIdRedactor) for f in handler.filters):
            handler.addFilter(redactor)
    return redactor
