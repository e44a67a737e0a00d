"""`python -m chassis.security.keys`: development keys, tokens and certificates
that the services accept as they are."""
from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509

from chassis.security import keys
from chassis.security.personal_data import PersonalDataCipher
from chassis.security.policy import Role
from chassis.security.tokens import TokenVerifier


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "chassis.security.keys", *args], capture_output=True, text=True,
                          timeout=60)


def load_env(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chassis.security.testing import security_env

    for name in security_env():  # the test session's own keys must not win over the file's
        monkeypatch.delenv(name, raising=False)
    for line in path.read_text().splitlines():
        name, _, value = line.partition("=")
        monkeypatch.setenv(name, value)


def test_dev_keys_give_a_service_everything_its_security_settings_need(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "keys"

    made = run("dev", "--out", str(out))
    token = run("token", "--key", str(out / "jwt-private.pem"), "--role", "county_system",
                "--jurisdiction", "441826000000", "--subject", "liannan-system", "--agency", "Liannan county")

    assert made.returncode == 0 and token.returncode == 0, made.stderr + token.stderr
    load_env(out / "dev.env", monkeypatch)
    caller = TokenVerifier.from_env("registry").verify(token.stdout.strip())
    assert (caller.subject, caller.roles, caller.jurisdiction) == ("liannan-system", {Role.COUNTY_SYSTEM},
                                                                   "441826000000")
    cipher = PersonalDataCipher.from_env("registry")
    assert cipher.decrypt(cipher.encrypt("44182619700101001X")) == "44182619700101001X"


def test_secret_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    keys.make_dev_keys(tmp_path)

    for name in ("jwt-private.pem", "pii.env", "dev.env"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name


def test_running_dev_again_keeps_existing_keys_so_stored_ids_stay_readable(tmp_path: Path) -> None:
    keys.make_dev_keys(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    assert keys.make_dev_keys(tmp_path) == []
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    keys.make_dev_keys(tmp_path, force=True)
    assert (tmp_path / "pii.env").read_bytes() != before["pii.env"]


def test_a_token_for_an_impossible_claim_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    keys.make_dev_keys(tmp_path)

    result = run("token", "--key", str(tmp_path / "jwt-private.pem"), "--role", "auditor",
                 "--jurisdiction", "44")

    assert result.returncode == 2 and "12-digit division code" in result.stderr


def test_asking_for_a_token_before_making_keys_says_what_to_run(tmp_path: Path) -> None:
    result = run("token", "--key", str(tmp_path / "missing.pem"), "--role", "auditor",
                 "--jurisdiction", "440000000000")

    assert result.returncode == 2 and "chassis.security.keys dev" in result.stderr


def test_certificates_chain_to_the_dev_ca_and_name_their_hosts(tmp_path: Path) -> None:
    result = run("certs", "--out", str(tmp_path), "--name", "registry", "--host", "registry.shuangdao.svc")

    assert result.returncode == 0, result.stderr
    ca = x509.load_pem_x509_certificate((tmp_path / "ca.pem").read_bytes())
    leaf = x509.load_pem_x509_certificate((tmp_path / "registry.pem").read_bytes())
    leaf.verify_directly_issued_by(ca)
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(names.get_values_for_type(x509.DNSName)) == {"registry", "registry.shuangdao.svc"}
    assert stat.S_IMODE((tmp_path / "registry-key.pem").stat().st_mode) == 0o600


def test_certificates_added_later_chain_to_the_same_ca(tmp_path: Path) -> None:
    keys.make_certs(tmp_path, names=("registry",))
    ca_before = (tmp_path / "ca.pem").read_bytes()

    keys.make_certs(tmp_path, names=("registry", "funds"))

    assert (tmp_path / "ca.pem").read_bytes() == ca_before
    ca = x509.load_pem_x509_certificate(ca_before)
    x509.load_pem_x509_certificate((tmp_path / "funds.pem").read_bytes()).verify_directly_issued_by(ca)
