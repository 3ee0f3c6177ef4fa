"""A throw-away CA and an agency certificate for the demo and the tests (``manage.py make_demo_ca``).

Made at run time with ``cryptography``, never committed: a self-signed root ("Demo CA …") and the
agency's signing certificate (CN = the Department's name, O, C=VN; key usage digital signature and
non-repudiation), written as ``ca.pem`` (the trust root), ``agency.p12`` (key + certificate + CA,
under a random passphrase) and ``passphrase`` (mode 600). Real deployments use the certificate
the Government CA issues (docs/digital-signature.md).
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

CA_FILE, PKCS12_FILE, PASSPHRASE_FILE = "ca.pem", "agency.p12", "passphrase"


@dataclass(frozen=True)
class DemoCa:
    folder: Path
    ca_pem: Path
    pkcs12: Path
    passphrase_file: Path
    passphrase: str


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_certificates(
    agency: str, organisation: str, *, ca_name: str = "Demo CA hoinghi (không dùng thật)", days: int = 3650
) -> tuple[x509.Certificate, rsa.RSAPrivateKey, x509.Certificate]:
    """(CA certificate, agency key, agency certificate)."""
    now = datetime.now(tz=UTC) - timedelta(minutes=5)
    ca_key, agency_key = _key(), _key()
    ca_subject = _name(ca_name, ca_name)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_subject)
        .issuer_name(ca_subject)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    agency_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(agency, organisation))
        .issuer_name(ca_subject)
        .public_key(agency_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=min(days, 3 * 365)))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(agency_key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return ca_cert, agency_key, agency_cert


def write_demo_ca(folder: Path, agency: str, organisation: str, *, passphrase: str | None = None) -> DemoCa:
    """The CA's PEM, the agency's PKCS#12 and its passphrase in ``folder`` (created, mode 700)."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    passphrase = passphrase or secrets.token_urlsafe(24)
    ca_cert, agency_key, agency_cert = make_certificates(agency, organisation)
    ca_pem = folder / CA_FILE
    ca_pem.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    ca_pem.chmod(0o644)  # public: the trust root the verify page reads
    bundle = pkcs12.serialize_key_and_certificates(
        b"agency",
        agency_key,
        agency_cert,
        [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    p12 = folder / PKCS12_FILE
    p12.write_bytes(bundle)
    p12.chmod(0o600)
    secret = folder / PASSPHRASE_FILE
    secret.write_text(passphrase, encoding="utf-8")
    secret.chmod(0o600)
    return DemoCa(folder, ca_pem, p12, secret, passphrase)
