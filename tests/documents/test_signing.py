"""The office's digital signature on the generated documents (documents/signing.py): PAdES, valid against the
development CA, broken by any change, refused configuration caught by `check --deploy`."""

from __future__ import annotations

import asyncio
import hashlib
import io

import pytest
from django.core.management import call_command
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from documents import checks, signing
from documents.models import Document
from tests.documents.conftest import documents, download
from tests.workflow import Flow


@pytest.fixture
def summons(cast, committed) -> tuple[Flow, dict, bytes]:
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.schedule_session)
    row = documents(flow, kind="summons")[0]
    return flow, row, download(flow, row)


def _status(content: bytes, ca_pem):
    (embedded,) = PdfFileReader(io.BytesIO(content)).embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_pem))])
    return embedded, validate_pdf_signature(embedded, context)


def test_a_generated_document_is_signed_by_the_office_and_validates(summons, signing_certificate):
    _flow, row, content = summons
    embedded, status = _status(content, signing_certificate.ca_pem)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert status.signing_cert.subject.native["common_name"] == signing.DEV_SIGNER_NAME
    document = Document.objects.select_related("dispute__office").get(pk=row["id"])
    assert embedded.sig_object["/Location"] == document.dispute.office.name
    assert document.number in embedded.sig_object["/Reason"]
    # The stored hash (and so /verifikasi/) is of the signed bytes.
    assert document.sha256 == hashlib.sha256(content).hexdigest() == row["sha256"]


def test_one_changed_byte_in_the_signed_range_fails_validation(summons, signing_certificate):
    content = summons[2]
    embedded, _ = _status(content, signing_certificate.ca_pem)
    start, length = embedded.byte_range[0], embedded.byte_range[1]
    at = content.index(b"SIKHI", start, start + length)  # the document information (producer), signed
    tampered = content[:at] + b"X" + content[at + 1:]
    _, status = _status(tampered, signing_certificate.ca_pem)
    assert not status.intact and not status.bottom_line


def test_a_document_is_not_trusted_against_another_root(summons, tmp_path):
    other = signing.make_dev_certificate(tmp_path / "other.p12", b"x")
    _, status = _status(summons[2], other.ca_pem)
    assert status.intact and not status.trusted and not status.bottom_line


def test_without_a_usable_certificate_nothing_is_stored(cast, committed, settings, tmp_path):
    settings.SIKHI_SIGNING_P12 = str(tmp_path / "missing.p12")
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.schedule_session)  # the generation fails after commit (logged); the session stays
    assert not Document.objects.exists()


def test_the_deploy_check_passes_with_the_certificate(signing_certificate):
    assert checks.signing_certificate() == []


@pytest.mark.parametrize("problem", ["unset", "missing", "wrong_passphrase", "not_pkcs12"])
def test_the_deploy_check_refuses_an_unusable_configuration(settings, tmp_path, problem):
    if problem == "unset":
        settings.SIKHI_SIGNING_P12 = ""
    elif problem == "missing":
        settings.SIKHI_SIGNING_P12 = str(tmp_path / "none.p12")
    elif problem == "wrong_passphrase":
        settings.SIKHI_SIGNING_PASSPHRASE = "wrong"
    else:
        (tmp_path / "junk.p12").write_bytes(b"not a pkcs12 file")
        settings.SIKHI_SIGNING_P12 = str(tmp_path / "junk.p12")
    (error,) = checks.signing_certificate()
    assert error.id == "documents.E001" and error.is_serious()


def test_the_command_is_idempotent_and_never_replaces_another_certificate(tmp_path, settings, capsys):
    settings.SIKHI_SIGNING_P12, settings.SIKHI_SIGNING_PASSPHRASE = str(tmp_path / "dev" / "office.p12"), "pw"
    call_command("make_dev_signing_cert")
    first = (tmp_path / "dev" / "office.p12").read_bytes()
    call_command("make_dev_signing_cert")
    assert (tmp_path / "dev" / "office.p12").read_bytes() == first
    assert capsys.readouterr().out.splitlines()[-1].startswith("kept:")
    assert checks.signing_certificate() == []
    settings.SIKHI_SIGNING_PASSPHRASE = "another"
    with pytest.raises(Exception, match="does not open"):
        call_command("make_dev_signing_cert", force=True)
    assert (tmp_path / "dev" / "office.p12").read_bytes() == first


def _plain_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Surat uji")
    page.save()
    return out.getvalue()


async def test_signing_works_in_a_thread_whose_event_loop_is_running(signing_certificate):
    """pyHanko's sync API calls asyncio.run(); a Playwright test (or a coroutine) has a loop running in its thread,
    where every document used to fail with "asyncio.run() cannot be called from a running event loop"."""
    signed = signing.sign_pdf(_plain_pdf(), reason="Uji", location="Dinas Tenaga Kerja Kota Bandung")
    # The validator's sync API has the same asyncio.run(): validate from a thread of its own.
    _embedded, status = await asyncio.to_thread(_status, signed, signing_certificate.ca_pem)
    assert status.intact and status.valid and status.trusted
