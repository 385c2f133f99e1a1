"""The court bundle: a party's zip for a claim at the PHI court, only once the dispute is in court_referral."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from documents.models import Document
from tests.documents.conftest import documents, pdf_text, to_court_referral
from tests.helpers import assert_error
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

EVIDENCE_PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def bundle(flow: Flow, role: str = "petitioner") -> zipfile.ZipFile:
    response = flow.clients[role].get(f"{flow.url}court-bundle/")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def court(cast, committed) -> Flow:
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    response = flow.clients["petitioner"].post(
        f"{flow.url}evidence/", {"title": "Surat PHK", "file": SimpleUploadedFile("phk.pdf", EVIDENCE_PDF)},
        format="multipart")
    assert response.status_code == 201, response.content
    flow.evidence = response.json()
    return to_court_referral(flow, committed)


def test_bundle_holds_the_minutes_the_recommendation_and_the_evidence_index(court):
    archive = bundle(court)

    names = sorted(archive.namelist())
    evidence_name = f"bukti/{court.evidence['id']}-Surat-PHK.pdf"
    assert names == sorted(["risalah-penyelesaian.pdf", "anjuran-tertulis.pdf", "risalah-bipartit-1.pdf",
                            "bukti/daftar-bukti.csv", evidence_name, "daftar-isi.txt"])
    listed = {row["kind"]: row for row in documents(court)}
    for name, kind in [("risalah-penyelesaian.pdf", "settlement_minutes"), ("anjuran-tertulis.pdf", "recommendation"),
                       ("risalah-bipartit-1.pdf", "bipartite_minutes")]:
        assert hashlib.sha256(archive.read(name)).hexdigest() == listed[kind]["sha256"]
    minutes = pdf_text(archive.read("risalah-penyelesaian.pdf"))
    assert "Pihak Pengusaha Menolak Terlalu mahal" in minutes  # the answers travel in the settlement minutes
    assert "tidak tercapai kesepakatan" in minutes

    assert archive.read(evidence_name) == EVIDENCE_PDF
    [row] = list(csv.DictReader(io.StringIO(archive.read("bukti/daftar-bukti.csv").decode())))
    assert row == {
        "title": "Surat PHK", "file_name": evidence_name, "original_name": "phk.pdf",
        "content_type": "application/pdf", "size": str(len(EVIDENCE_PDF)),
        "sha256": hashlib.sha256(EVIDENCE_PDF).hexdigest(), "uploaded_at": court.evidence["uploaded_at"],
        "uploaded_by": f"{court.cast.worker.name} (Pihak Pekerja/Buruh)",
    }
    index = archive.read("daftar-isi.txt").decode()
    for document in Document.objects.filter(dispute_id=court.id, kind__in=["settlement_minutes", "recommendation",
                                                                           "bipartite_minutes"]):
        assert document.sha256 in index
        assert f"/verifikasi/{document.verification_code}/" in index


def test_bundle_is_the_same_for_both_parties_and_on_a_second_request(court):
    first = bundle(court)
    second = bundle(court, "respondent")

    assert first.namelist() == second.namelist()
    for name in first.namelist():
        assert first.read(name) == second.read(name)


def test_bundle_generates_missing_documents_first(court):
    Document.objects.filter(dispute_id=court.id, kind="settlement_minutes").delete()

    archive = bundle(court)

    assert "tidak tercapai kesepakatan" in pdf_text(archive.read("risalah-penyelesaian.pdf"))
    assert Document.objects.filter(dispute_id=court.id, kind="settlement_minutes").count() == 1


@pytest.mark.parametrize("role", ["officer", "mediator"])
def test_bundle_is_refused_to_staff(court, role):
    assert_error(court.clients[role].get(f"{court.url}court-bundle/"), 403, "forbidden")


@pytest.mark.parametrize("role", ["other_worker", "other_company", "foreign_officer"])
def test_bundle_is_404_to_who_may_not_see_the_dispute(court, role):
    assert_error(court.clients[role].get(f"{court.url}court-bundle/"), 404, "not_found")


def test_bundle_needs_authentication(court):
    assert_error(APIClient().get(f"{court.url}court-bundle/"), 401, "not_authenticated")


@pytest.mark.parametrize("state", ["mediation", "recommendation_issued", "settled", "struck_off"])
def test_bundle_in_another_state_is_409(cast, committed, state):
    flow = Flow(cast)
    committed(flow.to, state)

    details = assert_error(flow.clients["petitioner"].get(f"{flow.url}court-bundle/"), 409, "conflict")

    assert details == {"state": state}
