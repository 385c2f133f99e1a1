"""The public document check page (/verifikasi/, the QR code's target): what a document is, never its content."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.test import Client
from django.utils import timezone

from disputes.models import Dispute
from documents.models import Document
from documents.services import verification_url
from tests.documents.conftest import documents
from tests.workflow import Flow


@pytest.fixture
def summons(cast, committed) -> tuple[Flow, Document]:
    flow = Flow(cast)
    committed(flow.to, "mediation")
    committed(flow.schedule_session)
    row = documents(flow, kind="summons")[0]
    return flow, Document.objects.get(pk=row["id"])


def _text(response) -> str:
    return response.content.decode()


def test_verify_form_is_public(db):
    response = Client().get("/verifikasi/")
    assert response.status_code == 200
    body = _text(response)
    assert 'name="key"' in body and 'method="get"' in body
    assert "SHA-256" in body and response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("field", ["verification_code", "sha256"])
def test_verify_form_leads_to_the_result_page_for_a_code_or_a_hash(summons, field):
    _, document = summons
    key = getattr(document, field)
    pasted = f"  {key[:16].upper()} {key[16:]}\n"  # as copied from a printout: spaces, capitals
    response = Client().get("/verifikasi/", {"key": pasted})
    assert response.status_code == 302
    assert response["Location"] == f"/verifikasi/{key}/"


@pytest.mark.parametrize("bad", ["", "xyz", "0" * 31, "g" * 32, "a" * 40])
def test_verify_form_with_a_malformed_key_shows_the_error(db, bad):
    response = Client().get("/verifikasi/", {"key": bad})
    assert response.status_code == 400
    assert 'class="error"' in _text(response)


@pytest.mark.parametrize("field", ["verification_code", "sha256"])
def test_result_page_shows_kind_title_dispute_number_and_date_only(summons, cast, field):
    flow, document = summons
    response = Client().get(f"/verifikasi/{getattr(document, field)}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = _text(response)
    dispute = Dispute.objects.get(pk=flow.id)
    created = timezone.localtime(document.created_at)
    for shown in ("Dokumen terverifikasi", "Surat panggilan", document.title, dispute.number,
                  f"{created.day} ", f"{created.year}, {created:%H:%M} WIB"):
        assert shown in body, shown
    # Nothing of the content: not the letter's own number, the parties, the agenda or the session.
    for hidden in (document.number, cast.worker.name, cast.company_user.company.name,
                   "Mendengar keterangan para pihak", dispute.summary):
        assert hidden not in body, hidden


def test_result_page_follows_the_language(summons):
    _, document = summons
    body = _text(Client().get(f"/verifikasi/{document.verification_code}/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Document verified" in body and ">Summons<" in body


def test_the_qr_code_address_opens_the_result_page(summons):
    _, document = summons
    path = urlparse(verification_url(document.verification_code)).path
    assert path == f"/verifikasi/{document.verification_code}/"
    assert Client().get(path).status_code == 200


def test_page_and_api_agree(summons):
    _, document = summons
    api = Client().get(f"/api/v1/documents/verify/{document.sha256}/").json()
    body = _text(Client().get(f"/verifikasi/{document.sha256}/"))
    assert api["title"] in body and api["dispute_number"] in body


@pytest.mark.parametrize("key", ["0" * 32, "f" * 64, "bukan-kode", "<b>tebal<b>"])
def test_unknown_key_shows_the_not_found_page(db, key):
    response = Client().get(f"/verifikasi/{key}/")
    assert response.status_code == 404
    body = _text(response)
    assert "Dokumen tidak ditemukan" in body and 'name="key"' in body
    assert "<b>tebal" not in body


def test_unknown_key_in_english(db):
    response = Client().get(f"/verifikasi/{'0' * 32}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "Document not found" in _text(response)


def test_verify_pages_answer_only_get(summons):
    _, document = summons
    assert Client().post("/verifikasi/", {"key": document.verification_code}).status_code == 405
    assert Client().post(f"/verifikasi/{document.verification_code}/").status_code == 405
