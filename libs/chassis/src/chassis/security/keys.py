"""Development keys and certificates, and tokens for trying the APIs.

    python -m chassis.security.keys dev --out var/keys
        JWT signing key pair (Ed25519), PII encryption and hash keys, and
        var/keys/dev.env with the settings that point at them. Existing keys
        are kept (re-running is harmless; replacing PII keys would make stored
        ID numbers unreadable) unless --force.
    python -m chassis.security.keys token --key var/keys/jwt-private.pem \\
            --role county_approver --jurisdiction 441826000000
        prints a signed token for that role and jurisdiction.
    python -m chassis.security.keys certs --out var/keys/tls
        a development CA and one certificate per service (server and client
        use) for mutual TLS between services.

Everything is made with `cryptography`; no openssl needed. These keys are for
development and tests only: production keys come from the province's key
management and identity provider."""
from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from chassis.security.personal_data import new_key
from chassis.security.policy import Role
from chassis.security.tokens import (DEFAULT_AUDIENCE, DEFAULT_ISSUER, TokenIssuer, generate_signing_key,
                                     load_private_key, private_pem, public_pem)

PRIVATE_KEY_FILE = "jwt-private.pem"
PUBLIC_KEY_FILE = "jwt-public.pem"
PII_FILE = "pii.env"
ENV_FILE = "dev.env"
DEFAULT_CERT_NAMES = ("registry", "cadres", "funds", "assessment", "client")


def _write(path: Path, content: bytes, secret: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    descriptor = os.open(path, flags, 0o600 if secret else 0o644)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    if secret:
        path.chmod(0o600)


# ---------------------------------------------------------------------------- dev keys

def make_dev_keys(out: Path, force: bool = False) -> list[Path]:
    """Creates what is missing under `out`; returns the files written."""
    written: list[Path] = []
    private_path, public_path = out / PRIVATE_KEY_FILE, out / PUBLIC_KEY_FILE
    if force or not private_path.exists():
        key = generate_signing_key()
        _write(private_path, private_pem(key), secret=True)
        _write(public_path, public_pem(key), secret=False)
        written += [private_path, public_path]
    elif not public_path.exists():
        _write(public_path, public_pem(load_private_key(private_path.read_bytes())), secret=False)
        written.append(public_path)
    pii_path = out / PII_FILE
    if force or not pii_path.exists():
        _write(pii_path, (f"SHUANGDAO_PII_ENCRYPTION_KEY={new_key()}\n"
                          f"SHUANGDAO_PII_HASH_KEY={new_key()}\n").encode(), secret=True)
        written.append(pii_path)
    env_path = out / ENV_FILE
    env = f"SHUANGDAO_JWT_PUBLIC_KEY_FILE={public_path}\n" + pii_path.read_text()
    if not env_path.exists() or env_path.read_text() != env:
        _write(env_path, env.encode(), secret=True)
        written.append(env_path)
    return written


# ---------------------------------------------------------------------------- certificates

def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Shuangdao development"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def make_ca(days: int = 365) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(_name("Shuangdao development CA"))
            .issuer_name(_name("Shuangdao development CA")).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False),
                           critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_leaf(ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate, name: str, hosts: Iterable[str],
              days: int = 365) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A certificate good for both ends of a call: a service serves and calls."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    alt_names: list[x509.GeneralName] = []
    for host in dict.fromkeys([name, *hosts]):
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt_names.append(x509.DNSName(host))
    cert = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def make_certs(out: Path, names: Sequence[str] = DEFAULT_CERT_NAMES,
               hosts: Sequence[str] = ("localhost", "127.0.0.1"), days: int = 365, force: bool = False) -> list[Path]:
    """`ca.pem` (+ `ca-key.pem`) and `<name>.pem` / `<name>-key.pem` per name.
    An existing CA is reused so certificates added later still chain to it."""
    written: list[Path] = []
    ca_pem, ca_key_pem = out / "ca.pem", out / "ca-key.pem"
    if force or not (ca_pem.exists() and ca_key_pem.exists()):
        ca_key, ca_cert = make_ca(days)
        _write(ca_key_pem, _key_pem(ca_key), secret=True)
        _write(ca_pem, ca_cert.public_bytes(serialization.Encoding.PEM), secret=False)
        written += [ca_key_pem, ca_pem]
        force = True  # old leaves do not chain to a new CA
    else:
        ca_key = serialization.load_pem_private_key(ca_key_pem.read_bytes(), password=None)  # type: ignore[assignment]
        ca_cert = x509.load_pem_x509_certificate(ca_pem.read_bytes())
    for name in names:
        cert_path, key_path = out / f"{name}.pem", out / f"{name}-key.pem"
        if not force and cert_path.exists() and key_path.exists():
            continue
        key, cert = make_leaf(ca_key, ca_cert, name, hosts, days)  # type: ignore[arg-type]
        _write(key_path, _key_pem(key), secret=True)
        _write(cert_path, cert.public_bytes(serialization.Encoding.PEM), secret=False)
        written += [key_path, cert_path]
    return written


# ---------------------------------------------------------------------------- command line

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m chassis.security.keys",
                                     description="Development keys, certificates and tokens for Shuangdao.")
    commands = parser.add_subparsers(dest="command", required=True)
    dev = commands.add_parser("dev", help="JWT key pair and PII keys (keeps existing ones)")
    dev.add_argument("--out", type=Path, default=Path("var/keys"))
    dev.add_argument("--force", action="store_true", help="replace existing keys (stored ID numbers become unreadable)")
    token = commands.add_parser("token", help="print a signed token")
    token.add_argument("--key", type=Path, default=Path("var/keys") / PRIVATE_KEY_FILE)
    token.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    token.add_argument("--jurisdiction", required=True, help="12-digit division code")
    token.add_argument("--subject", default="dev-user")
    token.add_argument("--agency", default="development")
    token.add_argument("--ttl-minutes", type=int, default=60)
    token.add_argument("--issuer", default=DEFAULT_ISSUER)
    token.add_argument("--audience", default=DEFAULT_AUDIENCE)
    certs = commands.add_parser("certs", help="development CA and per-service certificates for mutual TLS")
    certs.add_argument("--out", type=Path, default=Path("var/keys/tls"))
    certs.add_argument("--name", action="append", help=f"certificate names (default: {', '.join(DEFAULT_CERT_NAMES)})")
    certs.add_argument("--host", action="append", help="extra DNS names / IPs (default: localhost, 127.0.0.1)")
    certs.add_argument("--days", type=int, default=365)
    certs.add_argument("--force", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "dev":
        written = make_dev_keys(args.out, args.force)
        print("\n".join(f"wrote {p}" for p in written) or f"keys under {args.out} already exist (kept)")
        print(f"settings: set -a; . {args.out / ENV_FILE}; set +a")
        return 0
    if args.command == "token":
        if not args.key.exists():
            parser.error(f"no signing key at {args.key}: run 'python -m chassis.security.keys dev' first")
        issuer = TokenIssuer(load_private_key(args.key.read_bytes()), args.issuer, args.audience)
        try:
            print(issuer.issue(args.subject, args.agency, args.role, args.jurisdiction,
                               ttl=timedelta(minutes=args.ttl_minutes)))
        except Exception as exc:  # Unauthenticated from the claim check: say it plainly
            parser.error(str(exc))
        return 0
    hosts = args.host or ["localhost", "127.0.0.1"]
    written = make_certs(args.out, args.name or DEFAULT_CERT_NAMES, hosts, args.days, args.force)
    print("\n".join(f"wrote {p}" for p in written) or f"certificates under {args.out} already exist (kept)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
