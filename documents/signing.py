"""The office's digital signature on every generated document (PAdES baseline B-B, with pyHanko).

The certificate and its key come from a PKCS#12 file (`SIKHI_SIGNING_P12`, passphrase
`SIKHI_SIGNING_PASSPHRASE`). `sign_pdf` is the one function the store path calls: the bytes it returns are the
ones stored, hashed (SHA-256) and checked by /verifikasi/. `make_dev_certificate` makes the local development CA
and a signing certificate (`manage.py make_dev_signing_cert`); `configuration_problem` is what the system check
reports.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import io
import os
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

FIELD_NAME = "TandaTanganKantor"
DEV_SIGNER_NAME = "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat"
DEV_CA_NAME = "SIKHI Development CA (bukan untuk produksi)"
DEV_VALID_DAYS = 825
# Room for the CMS signature container (certificates and chain included); pyHanko would otherwise sign once more,
# as a dry run, to measure it. A chain that does not fit makes signing fail loudly, never a broken file.
SIGNATURE_BYTES = 16 * 1024


class SigningNotConfigured(Exception):
    """The PKCS#12 file is missing, unreadable, or its passphrase is wrong."""


def _passphrase() -> bytes | None:
    value = settings.SIKHI_SIGNING_PASSPHRASE
    return value.encode() if value else None


class OfficeSigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner with its private key parsed once: SimpleSigner parses it on every signature, and
    pyca's check of an RSA key on loading costs about as much as the rest of the signing together."""

    def __init__(self, loaded: signers.SimpleSigner):
        super().__init__(signing_cert=loaded.signing_cert, signing_key=loaded.signing_key,
                         cert_registry=loaded.cert_registry)
        self.private_key = serialization.load_der_private_key(loaded.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        key, digest = self.private_key, get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), digest)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(digest))
        return super().sign_raw(data, digest_algorithm)  # other key types: pyHanko's own (slower) way


@functools.lru_cache(maxsize=4)
def _load(path: str, passphrase: bytes | None, mtime_ns: int) -> OfficeSigner:
    """The signer of one version of the file (the modification time is part of the key: a new file is reloaded)."""
    try:
        data = Path(path).read_bytes()
        return OfficeSigner(signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase))
    except (OSError, ValueError) as e:
        raise SigningNotConfigured(f"cannot load the signing PKCS#12 file {path}: {e}") from e


def signer() -> OfficeSigner:
    """The office's signer, from the configured PKCS#12 file."""
    path = str(settings.SIKHI_SIGNING_P12 or "")
    if not path:
        raise SigningNotConfigured("SIKHI_SIGNING_P12 is not set")
    try:
        mtime_ns = os.stat(path).st_mtime_ns
    except OSError as e:
        raise SigningNotConfigured(f"cannot read the signing PKCS#12 file {path}: {e}") from e
    return _load(path, _passphrase(), mtime_ns)


def sign_pdf(content: bytes, *, reason: str, location: str) -> bytes:
    """`content` (a PDF) signed by the office: an invisible signature field, PAdES baseline B-B, SHA-256."""
    meta = PdfSignatureMetadata(field_name=FIELD_NAME, md_algorithm="sha256", reason=reason, location=location,
                                subfilter=fields.SigSeedSubFilter.PADES)
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    pdf_signer = PdfSigner(meta, signer=signer(), new_field_spec=fields.SigFieldSpec(FIELD_NAME))
    out = _run_coroutine(lambda: pdf_signer.async_sign_pdf(writer, bytes_reserved=SIGNATURE_BYTES))
    return out.getvalue()


def _run_coroutine(make: Callable[[], Awaitable[io.BytesIO]]) -> io.BytesIO:
    """pyHanko signs with asyncio. Its sync API calls asyncio.run(), which fails in a thread whose event loop is
    running (a Playwright test, code called from a coroutine without a thread hop): run it on a thread of its own
    then. Web requests and the worker have no loop in their thread and sign in place."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sikhi-sign") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()  # type: ignore[arg-type]


def configuration_problem() -> str | None:
    """Why documents cannot be signed with the configuration, or None when they can."""
    try:
        cert = signer().signing_cert
    except SigningNotConfigured as e:
        return str(e)
    if cert is None:
        return "the signing PKCS#12 file holds no certificate"
    if cert.not_valid_after < dt.datetime.now(dt.UTC):
        return f"the signing certificate expired on {cert.not_valid_after:%Y-%m-%d}"
    return None


# --- the local development CA and certificate -------------------------------------------------------------------


@dataclass(frozen=True)
class DevCertificate:
    p12: Path
    ca_pem: Path
    created: bool


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Provinsi Jawa Barat"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: x509.Name, key: rsa.RSAPrivateKey, issuer: x509.Name, issuer_key: rsa.RSAPrivateKey, *,
                 ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
               .not_valid_after(now + dt.timedelta(days=DEV_VALID_DAYS))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
               .add_extension(x509.KeyUsage(digital_signature=not ca, content_commitment=not ca,
                                            key_encipherment=False, data_encipherment=False, key_agreement=False,
                                            key_cert_sign=ca, crl_sign=ca, encipher_only=False,
                                            decipher_only=False), critical=True))
    if not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                                        critical=False)
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(path: Path, data: bytes) -> None:
    """Atomically (two runs at once never leave half a file), readable by the owner only."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.chmod(0o600)
    os.replace(tmp, path)


def _load_p12(p12: Path, passphrase: bytes | None) -> x509.Certificate | None:
    try:
        _key, cert, _chain = pkcs12.load_key_and_certificates(p12.read_bytes(), passphrase)
    except (OSError, ValueError):
        return None
    return cert


def _is_dev(cert: x509.Certificate) -> bool:
    return cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == DEV_CA_NAME


def make_dev_certificate(p12: Path, passphrase: bytes | None, *, signer_name: str = DEV_SIGNER_NAME,
                         force: bool = False) -> DevCertificate:
    """A development CA (`ca.pem` beside `p12`) and a certificate for `signer_name` issued by it (the PKCS#12 file
    `p12`, the CA in its chain). Kept when they are there, load, and are valid for another day (unless `force`);
    a file that is not a development certificate is never replaced."""
    ca_pem = p12.with_name("ca.pem")
    cert = _load_p12(p12, passphrase)
    if cert is not None and not _is_dev(cert):
        raise SigningNotConfigured(f"{p12} holds a certificate not issued by the development CA: left alone")
    if p12.exists() and cert is None:
        raise SigningNotConfigured(f"{p12} exists but does not open with the passphrase: left alone")
    fresh = cert is not None and cert.not_valid_after_utc > dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    if fresh and ca_pem.exists() and not force:
        return DevCertificate(p12=p12, ca_pem=ca_pem, created=False)
    p12.parent.mkdir(parents=True, exist_ok=True)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_cert = _certificate(_name(DEV_CA_NAME), ca_key, _name(DEV_CA_NAME), ca_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _certificate(_name(signer_name), key, ca_cert.subject, ca_key, ca=False)
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    _write(ca_pem, ca_cert.public_bytes(serialization.Encoding.PEM))
    _write(p12, pkcs12.serialize_key_and_certificates(b"sikhi-dev", key, cert, [ca_cert], encryption))
    return DevCertificate(p12=p12, ca_pem=ca_pem, created=True)
