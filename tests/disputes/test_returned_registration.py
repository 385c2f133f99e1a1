"""A returned registration: the petitioner's 7-working-day clock to complete it (Permenakertrans 17/2014
Art. 4(2)), the missing documents uploaded from the dispute page with the resubmission; and a rights dispute
skipping the route choice (UU 2/2004 Art. 4(3)-(6))."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from disputes.models import Deadline, Dispute, Evidence
from tests.disputes.test_deadlines import _assert_started, _deadline, _deadlines, _last_event
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECOND = dt.timedelta(seconds=1)


def _sweep(now: dt.datetime) -> str:
    out = io.StringIO()
    call_command("process_deadlines", now=now.isoformat(), stdout=out)
    return out.getvalue()


def page(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(user)
    return client


def _pdf(name="risalah.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# --- the petitioner's clock -----------------------------------------------------------------------------------


def test_return_registration_starts_registration_completion_of_7_days_owed_by_the_petitioner():
    flow = Flow(Cast()).to("registration_returned")
    _assert_started(_deadline(flow, "registration_completion"), at=_last_event(flow, "return_registration")["at"],
                    days=7, owed_by=["petitioner"])


def test_resubmit_registration_meets_registration_completion_and_starts_the_officers_check():
    flow = Flow(Cast()).to("registration_returned")
    flow.do("petitioner", "resubmit_registration")
    assert _deadline(flow, "registration_completion")["state"] == "met"
    assert [d["state"] for d in _deadlines(flow, "registration_check")] == ["met", "open"]


def test_sweep_after_registration_completion_due_marks_it_overdue_and_late_resubmission_meets_it():
    flow = Flow(Cast()).to("registration_returned")
    due = Deadline.objects.get(dispute_id=flow.id, key="registration_completion").due_at
    assert "overdue=0" in _sweep(due - SECOND)
    assert _deadline(flow, "registration_completion")["state"] == "open"
    assert "overdue=1" in _sweep(due + SECOND)
    assert flow.state == "registration_returned"  # no automatic effect: the office decides
    assert _deadline(flow, "registration_completion")["state"] == "overdue"
    flow.do("petitioner", "resubmit_registration")
    assert _deadline(flow, "registration_completion")["state"] == "met"


def test_withdrawing_a_returned_registration_closes_the_petitioners_clock():
    flow = Flow(Cast()).to("registration_returned")
    flow.do("petitioner", "withdraw", reason="Sudah damai.")
    assert _deadline(flow, "registration_completion")["state"] == "met"


def test_petitioner_sees_their_completion_deadline_on_the_page_and_not_the_officers_check():
    flow = Flow(Cast()).to("registration_returned")
    html = page(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()
    assert "Melengkapi pencatatan yang dikembalikan" in html
    assert "Pasal 4 ayat (2)" in html
    assert "Pemeriksaan kelengkapan pencatatan" not in html  # the office's own service standard


def test_officer_sees_the_check_as_a_service_standard():
    flow = Flow(Cast()).to("registration_submitted")
    html = page(flow.cast.officer).get(f"/perselisihan/{flow.id}/").content.decode()
    assert "Pemeriksaan kelengkapan pencatatan (standar layanan)" in html
    worker_html = page(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()
    assert "standar layanan" not in worker_html


# --- the missing documents with the resubmission -------------------------------------------------------------


def test_petitioner_resubmits_from_the_page_with_the_missing_document_and_the_note():
    flow = Flow(Cast()).to("registration_returned")
    response = page(flow.cast.worker).post(f"/perselisihan/{flow.id}/aksi/resubmit_registration/", {
        "resubmit_registration-note": "Risalah bipartit terlampir.",
        "resubmit_registration-title": "Risalah bipartit",
        "resubmit_registration-file": _pdf(),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    dispute = Dispute.objects.get(pk=flow.id)
    assert dispute.state == "registration_submitted"
    evidence = Evidence.objects.get(dispute=dispute)
    assert (evidence.title, evidence.content_type) == ("Risalah bipartit", "application/pdf")
    assert dispute.events.get(name="resubmit_registration").payload == {"note": "Risalah bipartit terlampir."}


@pytest.mark.parametrize(("name", "content"), [("risalah.pdf", b"<html><script>x</script></html>"),
                                               ("risalah.exe", b"MZ\x90\x00" + b"\x00" * 40)])
def test_resubmission_with_a_file_that_is_not_pdf_jpeg_or_png_is_refused_and_nothing_changes(name, content):
    flow = Flow(Cast()).to("registration_returned")
    response = page(flow.cast.worker).post(f"/perselisihan/{flow.id}/aksi/resubmit_registration/", {
        "resubmit_registration-note": "Terlampir.", "resubmit_registration-title": "Risalah",
        "resubmit_registration-file": _pdf(name, content),
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "Hanya berkas PDF, JPEG, dan PNG" in html or "PDF, JPEG" in html
    assert 'value="Risalah"' in html  # what was typed is kept
    assert Dispute.objects.get(pk=flow.id).state == "registration_returned"
    assert not Evidence.objects.filter(dispute_id=flow.id).exists()


def test_resubmission_with_a_file_but_no_title_asks_for_the_title():
    flow = Flow(Cast()).to("registration_returned")
    response = page(flow.cast.worker).post(f"/perselisihan/{flow.id}/aksi/resubmit_registration/", {
        "resubmit_registration-file": _pdf()})
    assert response.status_code == 400
    assert Dispute.objects.get(pk=flow.id).state == "registration_returned"
    assert not Evidence.objects.filter(dispute_id=flow.id).exists()


def test_the_company_cannot_resubmit_the_registration_from_the_page():
    flow = Flow(Cast()).to("registration_returned")
    response = page(flow.cast.company_user).post(f"/perselisihan/{flow.id}/aksi/resubmit_registration/", {
        "resubmit_registration-title": "Risalah", "resubmit_registration-file": _pdf()})
    assert response.status_code == 400
    assert Dispute.objects.get(pk=flow.id).state == "registration_returned"


@pytest.mark.parametrize("role", ["worker", "company_user"])
def test_each_party_uploads_evidence_from_the_dispute_page(role):
    flow = Flow(Cast()).to("registration_returned")
    user = getattr(flow.cast, role)
    html = page(user).get(f"/perselisihan/{flow.id}/").content.decode()
    assert 'id="evidence-page-form"' in html
    response = page(user).post(f"/perselisihan/{flow.id}/bukti/", {"title": "Slip gaji", "file": _pdf()})
    assert response.status_code == 302
    assert Evidence.objects.get(dispute_id=flow.id).uploaded_by == user


def test_evidence_from_the_page_is_content_checked():
    flow = Flow(Cast()).to("bipartite")
    response = page(flow.cast.worker).post(f"/perselisihan/{flow.id}/bukti/",
                                           {"title": "Slip", "file": _pdf("slip.pdf", b"GIF89a....")})
    assert response.status_code == 400
    assert 'value="Slip"' in response.content.decode()
    assert not Evidence.objects.filter(dispute_id=flow.id).exists()


@pytest.mark.parametrize(("role", "status"), [("officer", 403), ("other_worker", 404), ("foreign_officer", 404)])
def test_staff_and_strangers_cannot_upload_evidence_from_the_page(role, status):
    flow = Flow(Cast()).to("registration_returned")
    user = flow.cast.roles()[role]
    response = page(user).post(f"/perselisihan/{flow.id}/bukti/", {"title": "X", "file": _pdf()})
    assert response.status_code == status
    assert not Evidence.objects.filter(dispute_id=flow.id).exists()


def test_staff_are_shown_no_evidence_upload_form():
    flow = Flow(Cast()).to("registration_returned")
    assert 'id="evidence-page-form"' not in page(flow.cast.officer).get(f"/perselisihan/{flow.id}/").content.decode()


def test_no_evidence_upload_on_a_closed_dispute():
    flow = Flow(Cast()).to("withdrawn")
    response = page(flow.cast.worker).post(f"/perselisihan/{flow.id}/bukti/", {"title": "X", "file": _pdf()})
    assert response.status_code == 400
    assert not Evidence.objects.filter(dispute_id=flow.id).exists()


# --- a rights dispute has no route to choose ------------------------------------------------------------------


def test_accepting_a_rights_dispute_goes_straight_to_awaiting_mediator_without_a_route_choice():
    flow = Flow(Cast(), type="hak").to("registration_submitted")
    flow.do("officer", "accept_registration")
    assert flow.state == "awaiting_mediator"
    assert _deadlines(flow, "route_choice") == []
    event = _last_event(flow, "accept_registration")
    assert (event["source"], event["target"]) == ("registration_submitted", "awaiting_mediator")
    assert flow.attempt("petitioner", "choose_route", route="mediation").status_code == 409
    html = page(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()
    assert 'id="action-choose_route"' not in html


@pytest.mark.parametrize("type", ["phk", "kepentingan"])  # antar_serikat: tests/disputes/test_parties.py
def test_other_types_are_offered_the_route_choice(type):
    flow = Flow(Cast(), type=type).to("registration_submitted")
    flow.do("officer", "accept_registration")
    assert flow.state == "adr_offered"
    assert _deadline(flow, "route_choice")["state"] == "open"


def test_different_routes_chosen_the_page_says_it_waits_and_mediation_is_the_default():
    flow = Flow(Cast(), type="kepentingan").to("adr_offered")
    flow.do("petitioner", "choose_route", route="conciliation")
    flow.do("respondent", "choose_route", route="arbitration")
    assert flow.state == "adr_offered"
    html = page(flow.cast.worker).get(f"/perselisihan/{flow.id}/").content.decode()
    assert 'id="route-status"' in html
    assert "memilih jalur yang berbeda" in html and "mediasi" in html and "Pasal 4 ayat (4)" in html


def test_one_route_chosen_the_page_says_whom_it_waits_for():
    flow = Flow(Cast(), type="kepentingan").to("adr_offered")
    flow.do("petitioner", "choose_route", route="arbitration")
    html = page(flow.cast.company_user).get(f"/perselisihan/{flow.id}/").content.decode()
    assert 'id="route-status"' in html and "Arbitrase" in html


@pytest.mark.parametrize(("language", "text"), [("id", "Perselisihan hak tidak ditawari pilihan"),
                                                ("en", "A rights\ndispute is offered no choice")])
def test_the_guide_says_a_rights_dispute_skips_the_route_choice(language, text):
    html = Client(HTTP_ACCEPT_LANGUAGE=language).get("/panduan/jenis-perselisihan/").content.decode()
    assert text in html
