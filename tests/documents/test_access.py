"""Listing, downloading and verifying documents: who may, what they get, and that the bytes never change."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from rest_framework.test import APIClient

from documents.models import Document
from tests.documents.conftest import documents, download, pdf_text, to_court_referral, verification_code
from tests.helpers import assert_error
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

SEES = ["petitioner", "respondent", "officer", "mediator", "other_mediator"]
OUTSIDERS = ["other_worker", "other_company", "foreign_officer", "foreign_mediator"]


@pytest.fixture
def court(cast, committed) -> Flow:
    return to_court_referral(Flow(cast), committed)


# The court-referral path's documents: the bipartite minutes, the receipt of registration and the offer of
# conciliation, four summonses and two berita acara, the anjuran and the risalah penyelesaian.
COURT_DOCUMENTS = 11


def test_list_shows_each_document_with_its_hash_and_download_address(court):
    rows = documents(court)

    assert len(rows) == COURT_DOCUMENTS
    for row in rows:
        assert set(row) == {"id", "kind", "title", "number", "created_at", "sha256", "url"}
        assert row["url"] == f"/api/v1/documents/{row['id']}/download/"
        assert row["created_at"].endswith("+07:00")
        document = Document.objects.get(pk=row["id"])
        assert row["sha256"] == document.sha256 == hashlib.sha256(document.file.open("rb").read()).hexdigest()


def test_download_serves_the_stored_bytes_identical_every_time(court):
    for row in documents(court):
        first = download(court, row)
        second = download(court, row, role="respondent")
        assert first == second
        assert hashlib.sha256(first).hexdigest() == row["sha256"]
        response = court.clients["officer"].get(row["url"])
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == first


def test_documents_are_stored_privately_without_a_url(court, _private_media):
    document = Document.objects.filter(dispute_id=court.id).first()

    assert document.file.path.startswith(str(_private_media))
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - the property itself must refuse


@pytest.mark.parametrize("role", SEES)
def test_who_may_see_the_dispute_lists_and_downloads_its_documents(court, role):
    rows = documents(court, role)

    assert len(rows) == COURT_DOCUMENTS
    for row in rows:
        download(court, row, role)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_who_may_not_see_the_dispute_gets_404(court, role):
    rows = documents(court)
    client = court.clients[role]

    assert_error(client.get(f"{court.url}documents/"), 404, "not_found")
    for row in rows:
        assert_error(client.get(row["url"]), 404, "not_found")


def test_anonymous_gets_401(court):
    rows = documents(court)
    anonymous = APIClient()

    assert_error(anonymous.get(f"{court.url}documents/"), 401, "not_authenticated")
    assert_error(anonymous.get(rows[0]["url"]), 401, "not_authenticated")


def test_unknown_document_is_404(court):
    assert_error(court.clients["petitioner"].get("/api/v1/documents/999999/download/"), 404, "not_found")


def test_bipartite_minutes_reach_office_staff_only_after_registration(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.record_meeting)
    [minutes] = documents(flow)

    assert documents(flow, "officer") == []
    assert_error(flow.clients["officer"].get(minutes["url"]), 404, "not_found")

    committed(flow.do, "petitioner", "fail_bipartite")
    committed(flow.do, "petitioner", "register")

    assert [r["id"] for r in documents(flow, "officer")] == [minutes["id"]]
    download(flow, minutes, "officer")


def test_agreement_from_bipartite_is_the_parties_only(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "settled")
    agreement, request = documents(flow)
    assert (agreement["kind"], request["kind"]) == ("agreement", "registration_request")

    download(flow, agreement, "respondent")
    download(flow, request, "respondent")
    assert documents(flow, "officer") == []
    assert_error(flow.clients["officer"].get(agreement["url"]), 404, "not_found")
    assert_error(flow.clients["officer"].get(request["url"]), 404, "not_found")


def test_documents_never_contain_caucus_messages(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    rooms = {r["kind"]: r["id"] for r in flow.get("mediator")["rooms"]}
    secret = "RAHASIA-KAUKUS-7781"
    for kind in ("caucus_petitioner", "caucus_respondent"):
        response = flow.clients["mediator"].post(f"/api/v1/rooms/{rooms[kind]}/messages/",
                                                 {"client_id": str(uuid.uuid4()), "body": secret}, format="json")
        assert response.status_code == 201, response.content
    committed(flow.hold_session)
    committed(flow.do, "mediator", "issue_recommendation")
    committed(flow.do, "respondent", "respond_recommendation", accept=False, reason="Tidak setuju")

    for row in documents(flow):
        assert secret not in pdf_text(download(flow, row))


# --- public verification -------------------------------------------------------------------------------------


def test_verify_by_file_hash_answers_only_what_the_document_is(court):
    row = documents(court, kind="settlement_minutes")[0]
    content = download(court, row)
    anonymous = APIClient()

    response = anonymous.get(f"/api/v1/documents/verify/{hashlib.sha256(content).hexdigest()}/")

    assert response.status_code == 200, response.content
    assert response.json() == {"kind": "settlement_minutes", "title": row["title"],
                               "dispute_number": court.get()["number"], "created_at": row["created_at"]}


def test_verify_by_the_code_printed_on_the_document(court):
    for row in documents(court):
        code = verification_code(pdf_text(download(court, row)))
        response = APIClient().get(f"/api/v1/documents/verify/{code}/")
        assert response.status_code == 200, response.content
        body = response.json()
        assert set(body) == {"kind", "title", "dispute_number", "created_at"}
        assert (body["kind"], body["title"], body["created_at"]) == (row["kind"], row["title"], row["created_at"])


def test_verify_accepts_upper_case_and_ignores_a_bad_token(court):
    row = documents(court)[0]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get(f"/api/v1/documents/verify/{row['sha256'].upper()}/")

    assert response.status_code == 200, response.content
    assert response.json()["kind"] == row["kind"]


@pytest.mark.parametrize("key", [
    "0" * 64,  # a well-formed hash nobody has
    "f" * 32,  # a well-formed code nobody has
    "not-a-hash",
    "1" * 63,
])
def test_verify_unknown_or_malformed_is_404(court, key):
    assert_error(APIClient().get(f"/api/v1/documents/verify/{key}/"), 404, "not_found")


def test_verify_a_changed_file_is_404(court):
    content = bytearray(download(court, documents(court)[0]))
    content[-10] ^= 1

    assert_error(APIClient().get(f"/api/v1/documents/verify/{hashlib.sha256(content).hexdigest()}/"), 404,
                 "not_found")
