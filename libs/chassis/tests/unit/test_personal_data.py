"""National IDs: encrypted at rest, keyed hashes for dedup, masked in answers,
redacted from logs."""
from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chassis.logging import JsonFormatter
from chassis.security.personal_data import (REDACTED, NationalIdRedactor, PersonalDataCipher, PersonalDataError,
                                            PersonalDataSettings, contains_national_id, install_log_redaction,
                                            mask_in, mask_national_id, new_key, shown_national_id)
from chassis.security.policy import Role
from chassis.security.tokens import Principal
from chassis.settings import SettingError

ID = "44182619700101001X"
OTHER_ID = "441826198503150021"


def keys() -> tuple[bytes, bytes]:
    return os.urandom(32), os.urandom(32)


@pytest.fixture
def cipher() -> PersonalDataCipher:
    return PersonalDataCipher(*keys())


def test_a_national_id_is_masked_to_its_region_and_last_four() -> None:
    assert mask_national_id(ID) == "441826********001X"


@pytest.mark.parametrize("value, expected", [("441826700101001", "441826*****1001"), ("1234", "****"), ("", "")])
def test_short_or_old_numbers_are_masked_without_revealing_more(value: str, expected: str) -> None:
    assert mask_national_id(value) == expected


def test_masking_reaches_every_string_inside_a_json_like_value() -> None:
    value = {"members": [{"national_id": ID, "note": f"spouse of {OTHER_ID}"}], "count": 2}

    assert mask_in(value) == {"members": [{"national_id": "441826********001X",
                                           "note": "spouse of 441826********0021"}], "count": 2}


def test_an_encrypted_number_opens_again_and_shows_nothing_of_itself(cipher: PersonalDataCipher) -> None:
    stored = cipher.encrypt(ID)

    assert cipher.decrypt(stored) == ID
    assert "441826" not in stored and "001X" not in stored and not contains_national_id(stored)
    assert stored.startswith(f"v1.{cipher.current_key_id}.")


def test_the_same_number_encrypts_differently_each_time(cipher: PersonalDataCipher) -> None:
    assert cipher.encrypt(ID) != cipher.encrypt(ID)


def test_the_dedup_key_is_the_same_for_the_same_number_however_it_was_typed(cipher: PersonalDataCipher) -> None:
    assert cipher.dedup_key(ID) == cipher.dedup_key(" 44182619700101001x ")
    assert cipher.dedup_key(ID) != cipher.dedup_key(OTHER_ID)
    assert len(cipher.dedup_key(ID)) == 64 and ID not in cipher.dedup_key(ID)


def test_the_dedup_key_depends_on_the_secret_hash_key() -> None:
    encryption = os.urandom(32)
    one, two = PersonalDataCipher(encryption, os.urandom(32)), PersonalDataCipher(encryption, os.urandom(32))

    assert one.dedup_key(ID) != two.dedup_key(ID)


def test_a_tampered_ciphertext_does_not_open(cipher: PersonalDataCipher) -> None:
    stored = cipher.encrypt(ID)
    flipped = stored[:-2] + ("A" if stored[-2] != "A" else "B") + stored[-1]

    with pytest.raises(PersonalDataError, match="tampered or not ours"):
        cipher.decrypt(flipped)


def test_a_ciphertext_moved_to_another_purpose_does_not_open(cipher: PersonalDataCipher) -> None:
    with pytest.raises(PersonalDataError):
        cipher.decrypt(cipher.encrypt(ID, purpose="national_id"), purpose="phone")


@pytest.mark.parametrize("garbage", ["", "plain", "v1.x", "v2.abcd1234.AAAA", "v1.abcd1234.AAAA"])
def test_values_that_are_not_our_ciphertexts_are_refused_clearly(cipher: PersonalDataCipher, garbage: str) -> None:
    with pytest.raises(PersonalDataError):
        cipher.decrypt(garbage)


def test_after_rotation_old_values_still_open_and_are_marked_for_reencryption() -> None:
    old_key, hash_key, new_key_bytes = os.urandom(32), os.urandom(32), os.urandom(32)
    before = PersonalDataCipher(old_key, hash_key)
    stored_long_ago = before.encrypt(ID)
    after = PersonalDataCipher(new_key_bytes, hash_key, previous_encryption_keys=[old_key])

    assert after.decrypt(stored_long_ago) == ID
    assert after.needs_reencryption(stored_long_ago)
    assert not after.needs_reencryption(after.encrypt(ID))
    assert after.dedup_key(ID) == before.dedup_key(ID)


def test_a_value_sealed_with_a_key_no_longer_configured_names_that_key() -> None:
    stored = PersonalDataCipher(*keys()).encrypt(ID)

    with pytest.raises(PersonalDataError, match="not configured"):
        PersonalDataCipher(*keys()).decrypt(stored)


def test_the_hash_key_must_differ_from_the_encryption_key() -> None:
    same = os.urandom(32)

    with pytest.raises(SettingError, match="must differ"):
        PersonalDataCipher(same, same)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=64))
def test_any_text_survives_the_round_trip(text: str) -> None:
    cipher = PersonalDataCipher(b"k" * 32, b"h" * 32)

    assert cipher.decrypt(cipher.encrypt(text)) == text


def test_settings_read_base64_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    encryption, hashing, previous = new_key(), new_key(), new_key()
    monkeypatch.setenv("SHUANGDAO_PII_ENCRYPTION_KEY", encryption)
    monkeypatch.setenv("SHUANGDAO_PII_HASH_KEY", hashing)
    monkeypatch.setenv("SHUANGDAO_PII_PREVIOUS_ENCRYPTION_KEYS", previous)

    loaded = PersonalDataSettings.from_env("registry")

    assert len(loaded.encryption_key) == 32 and len(loaded.previous_encryption_keys) == 1
    assert PersonalDataCipher.from_env("registry").decrypt(PersonalDataCipher.from_env("registry").encrypt(ID)) == ID


@pytest.mark.parametrize("encryption, hashing, problem", [
    ("", "", "SHUANGDAO_PII_ENCRYPTION_KEY and SHUANGDAO_PII_HASH_KEY not set"),
    ("not base64!", new_key(), "must be base64"),
    ("c2hvcnQ=", new_key(), "must decode to 32 bytes"),
])
def test_missing_or_malformed_keys_refuse_to_start(monkeypatch: pytest.MonkeyPatch, encryption: str, hashing: str,
                                                   problem: str) -> None:
    monkeypatch.setenv("SHUANGDAO_PII_ENCRYPTION_KEY", encryption)
    monkeypatch.setenv("SHUANGDAO_PII_HASH_KEY", hashing)

    with pytest.raises(SettingError, match=problem):
        PersonalDataSettings.from_env("registry")


@pytest.mark.parametrize("role, jurisdiction, shown", [
    (Role.COUNTY_APPROVER, "441826000000", ID),
    (Role.COUNTY_APPROVER, "441825000000", "441826********001X"),
    (Role.SUPPORT_UNIT, "441826100201", "441826********001X"),
    (Role.AUDITOR, "440000000000", ID),
    (Role.OPERATOR, "440000000000", "441826********001X"),
])
def test_an_answer_shows_the_whole_number_only_to_roles_that_may_read_personal_data_there(
        role: Role, jurisdiction: str, shown: str) -> None:
    caller = Principal("x", "agency", frozenset({role}), jurisdiction)

    assert shown_national_id(caller, ID, "441826100201") == shown


# ---------------------------------------------------------------- logs

@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("test"))
    logger = logging.getLogger(f"redaction-test-{id(stream)}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    install_log_redaction(logger)
    yield logger, stream
    logger.handlers.clear()


def test_a_log_line_never_carries_a_national_id_whatever_was_passed(
        captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    logger.info("member %s joined", ID)
    logger.info(f"inline {OTHER_ID.lower()}")
    logger.info("structured", extra={"fields": {"member": {"id": ID}, "ids": [OTHER_ID]}})
    try:
        raise ValueError(f'duplicate key value violates unique constraint: Key (national_id)=({ID})')
    except ValueError:
        logger.exception("insert failed")

    output = stream.getvalue()
    assert not contains_national_id(output)
    assert output.count(REDACTED) >= 5
    lines = [json.loads(line) for line in output.splitlines()]
    assert lines[0]["msg"] == f"member {REDACTED} joined"
    assert lines[2]["member"] == {"id": REDACTED}
    assert "ValueError: duplicate key value" in lines[3]["exc"]


def test_lines_without_a_national_id_are_left_untouched(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    logger.info("offset %d of partition %s; trace 1234567890123456789012", 42, "p-1")

    assert json.loads(stream.getvalue())["msg"] == "offset 42 of partition p-1; trace 1234567890123456789012"


def test_a_broken_format_string_is_still_redacted_and_does_not_raise_at_the_caller() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, f"bad %d {ID}", ("not a number",), None)

    assert NationalIdRedactor().filter(record) is True
    assert ID not in str(record.msg)


def test_installing_the_redactor_twice_adds_it_once(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, _ = captured
    install_log_redaction(logger)

    assert sum(isinstance(f, NationalIdRedactor) for f in logger.handlers[0].filters) == 1
