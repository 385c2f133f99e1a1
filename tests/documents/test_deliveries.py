"""Notice that stands up (issue 9): a party not on SIKHI receives every summons and anjuran by an e-mailed link or
a delivery recorded by the office; a party reached by neither is flagged to the office's staff.

Through the API and the pages: the DocumentLink (opens its one document, wrong/revoked/expired refused, only the
token's hash stored, the opening recorded as receipt), the deliveries endpoints and their permissions, the
warning on the dispute page and on the officer's desk, and the summons' notice counted from the delivery."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from disputes.models import Dispute
from documents.models import Document
from documents.notice_models import Delivery, DocumentLink, DocumentReceipt
from mediation.models import Summons
from tests.conftest import client_for
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

OFFLINE = {"name": "PT Luring Abadi", "email": "hrd@luring.test", "address": "Jl. Pos No. 1, Bandung"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _expire_invitation(flow: Flow) -> None:
    from django.core.management import call_command

    due = Dispute.objects.get(pk=flow.id).deadlines.get(key="invitation_response").due_at
    call_command("process_deadlines", now=(due + dt.timedelta(seconds=1)).isoformat(), stdout=io.StringIO())


def offline_flow(committed, *, email: bool = True) -> Flow:
    """A dispute against a company that never joined SIKHI (no account), in mediation; without `email`, the
    address it was filed with is gone (a bounced, removed address; a party with none)."""
    flow = Flow(Cast(), respondent=OFFLINE)
    committed(flow.do, "petitioner", "submit")
    _expire_invitation(flow)
    assert flow.state == "bipartite_failed"
    committed(flow.do, "petitioner", "register")
    committed(flow.do, "officer", "accept_registration")
    committed(flow.do, "petitioner", "choose_route", route="mediation")
    committed(flow.do, "officer", "assign_mediator")
    if not email:
        Dispute.objects.filter(pk=flow.id).update(respondent_email="")
    return flow


def _links_in(outbox) -> list[str]:
    return [m for message in outbox for m in re.findall(r"http://[^\s\"<>]+/dokumen/[A-Za-z0-9_\-]+/", message.body)]


def _summons_document(flow: Flow, side: str = "respondent") -> Document:
    return Document.objects.get(dispute_id=flow.id, kind="summons", summons__side=side)


# --- the e-mailed link --------------------------------------------------------------------------------------


def test_a_summons_to_a_company_not_on_sikhi_is_e_mailed_as_a_link_that_opens_that_one_document(committed):
    flow = offline_flow(committed)
    mail.outbox.clear()
    committed(flow.schedule_session)
    document = _summons_document(flow)
    [message] = [m for m in mail.outbox if m.to == [OFFLINE["email"]]]
    assert document.title in message.subject
    [url] = set(_links_in([message]))
    token = url.rstrip("/").rsplit("/", 1)[-1]
    link = DocumentLink.objects.get(document=document)
    # Only the token's SHA-256 is stored, never the token.
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not DocumentLink.objects.filter(token_hash=token).exists()
    assert token not in str(list(DocumentLink.objects.values()))
    # The worker has an account: no link for the petitioner's summons.
    assert not DocumentLink.objects.filter(document=_summons_document(flow, "petitioner")).exists()

    anonymous = Client()
    page = anonymous.get(f"/dokumen/{token}/")
    assert page.status_code == 200
    assert document.title in page.content.decode()
    assert not DocumentReceipt.objects.exists()  # looking at the page (a mail scanner) records nothing
    opened = anonymous.post(f"/dokumen/{token}/")
    assert opened.status_code == 200
    content = b"".join(opened.streaming_content)
    assert hashlib.sha256(content).hexdigest() == document.sha256
    receipt = DocumentReceipt.objects.get(document=document)
    assert (receipt.side, receipt.via, receipt.user) == ("respondent", "link", None)
    summons = Summons.objects.get(pk=document.summons_id)
    assert summons.acknowledged_at == receipt.at  # the opening is its acknowledgement of receipt
    link.refresh_from_db()
    assert link.open_count == 1 and link.first_opened_at == receipt.at
    names = [e["name"] for e in flow.get("mediator")["events"]] if "events" in flow.get("mediator") else None
    events = flow.clients["mediator"].get(f"{flow.url}events/").json()["results"]
    assert "document_received" in [e["name"] for e in events], names


def test_a_wrong_revoked_or_expired_link_is_refused(committed):
    flow = offline_flow(committed)
    mail.outbox.clear()
    committed(flow.schedule_session)
    [url] = set(_links_in(mail.outbox))
    token = url.rstrip("/").rsplit("/", 1)[-1]
    anonymous = Client()
    assert anonymous.get(f"/dokumen/{token}x/").status_code == 404
    assert anonymous.post(f"/dokumen/{'A' * 43}/").status_code == 404
    link = DocumentLink.objects.get()

    # Revoked by a party or another office's staff: refused; by the assigned mediator: done.
    for role in ("petitioner", "other_mediator", "foreign_officer"):
        response = flow.clients[role].post(f"/api/v1/document-links/{link.pk}/revoke/")
        assert response.status_code in (403, 404), (role, response.status_code)
    revoked = flow.clients["mediator"].post(f"/api/v1/document-links/{link.pk}/revoke/")
    assert revoked.status_code == 200, revoked.content
    assert anonymous.get(f"/dokumen/{token}/").status_code == 410
    assert anonymous.post(f"/dokumen/{token}/").status_code == 410
    assert not DocumentReceipt.objects.exists()
    assert flow.clients["mediator"].post(f"/api/v1/document-links/{link.pk}/revoke/").status_code == 409

    DocumentLink.objects.filter(pk=link.pk).update(revoked_at=None, expires_at=timezone.now() - dt.timedelta(1))
    assert anonymous.post(f"/dokumen/{token}/").status_code == 410
    assert not DocumentReceipt.objects.exists()


def test_a_party_on_sikhi_gets_no_link_and_its_download_is_its_receipt(committed):
    flow = Flow(Cast())
    committed(flow.to, "mediation")
    committed(flow.schedule_session)
    assert not DocumentLink.objects.exists()
    document = _summons_document(flow)
    response = flow.clients["respondent"].get(f"/api/v1/documents/{document.pk}/download/")
    assert response.status_code == 200
    receipt = DocumentReceipt.objects.get(document=document)
    assert (receipt.side, receipt.via, receipt.user_id) == ("respondent", "download", flow.cast.company_user.pk)
    # The worker downloading the company's summons is not the company's receipt (nor its own: not addressed to it).
    flow.clients["petitioner"].get(f"/api/v1/documents/{document.pk}/download/")
    assert DocumentReceipt.objects.count() == 1


# --- deliveries: the API and its permissions -----------------------------------------------------------------


def _delivery_body(document: Document, **extra) -> dict:
    return {"document": document.pk, "side": "respondent", "method": "post",
            "delivered_on": timezone.localdate().isoformat(), "receipt_number": "RR123456789ID", **extra}


def test_the_officer_records_a_delivery_by_post_with_a_scan_checked_by_content(committed):
    flow = offline_flow(committed, email=False)
    committed(flow.schedule_session)
    document = _summons_document(flow)
    url = f"{flow.url}deliveries/"
    bad = flow.clients["officer"].post(url, {**_delivery_body(document),
                                              "scan": SimpleUploadedFile("resi.pdf", b"MZ not a pdf")},
                                       format="multipart")
    assert bad.status_code == 415, bad.content
    missing = flow.clients["officer"].post(url, _delivery_body(document, receipt_number=""), format="json")
    assert missing.status_code == 400 and "receipt_number" in missing.json()["error"]["details"]
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    assert flow.clients["officer"].post(url, _delivery_body(document, delivered_on=future),
                                        format="json").status_code == 400
    wrong_side = flow.clients["officer"].post(url, _delivery_body(document, side="petitioner"), format="json")
    assert wrong_side.status_code == 400 and "side" in wrong_side.json()["error"]["details"]

    created = flow.clients["officer"].post(url, {**_delivery_body(document),
                                                  "scan": SimpleUploadedFile("resi.pdf", PDF)}, format="multipart")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["side"], body["method"], body["receipt_number"]) == ("respondent", "post", "RR123456789ID")
    assert body["scan_sha256"] == hashlib.sha256(PDF).hexdigest()
    scan = flow.clients["mediator"].get(body["scan_url"])
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == PDF
    assert flow.clients["officer"].get(url).json()["results"][0]["id"] == body["id"]


def test_delivery_endpoints_refuse_the_wrong_users(committed):
    flow = offline_flow(committed, email=False)
    committed(flow.schedule_session)
    document = _summons_document(flow)
    url = f"{flow.url}deliveries/"
    # Parties, a mediator of the office not assigned to the case, another office's staff, outsiders: refused.
    for role, status in (("petitioner", 403), ("other_mediator", 403), ("foreign_officer", 404),
                         ("foreign_mediator", 404), ("other_worker", 404), ("other_company", 404)):
        response = flow.clients[role].post(url, _delivery_body(document), format="json")
        assert response.status_code == status, (role, response.status_code, response.content)
    assert client_for(None).post(url, _delivery_body(document), format="json").status_code in (401, 403)
    assert not Delivery.objects.exists()
    png = SimpleUploadedFile("resi.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    created = flow.clients["mediator"].post(url, {**_delivery_body(document), "scan": png}, format="multipart")
    assert created.status_code == 201, created.content
    scan_url = created.json()["scan_url"]
    # The list: staff see it; the worker (not its side) sees none; outsiders 404.
    assert len(flow.clients["other_mediator"].get(url).json()["results"]) == 1
    assert flow.clients["petitioner"].get(url).json()["results"] == []
    for role in ("foreign_officer", "other_worker", "other_company"):
        assert flow.clients[role].get(url).status_code == 404, role
    # The scan: the office's staff; never the other party nor outsiders.
    assert flow.clients["officer"].get(scan_url).status_code == 200
    for role in ("petitioner", "foreign_officer", "foreign_mediator", "other_worker", "other_company"):
        assert flow.clients[role].get(scan_url).status_code == 404, role
    assert client_for(None).get(scan_url).status_code in (401, 403)


def test_a_party_sees_the_deliveries_to_its_own_side():
    flow = Flow(Cast())
    flow.to("mediation")
    flow.schedule_session()
    from documents.services import document_generate_summons

    for summons in Summons.objects.filter(session__dispute_id=flow.id):
        document_generate_summons(summons=summons)
    document = _summons_document(flow)
    created = flow.clients["officer"].post(f"{flow.url}deliveries/", _delivery_body(document, method="by_hand",
                                                                                     receipt_number=""),
                                           format="json")
    assert created.status_code == 201, created.content
    assert [d["id"] for d in flow.clients["respondent"].get(f"{flow.url}deliveries/").json()["results"]] == [
        created.json()["id"]]
    assert flow.clients["petitioner"].get(f"{flow.url}deliveries/").json()["results"] == []


# --- nobody to tell: the warning -------------------------------------------------------------------------


def test_a_party_with_no_account_and_no_e_mail_is_flagged_until_a_delivery_is_recorded(committed):
    flow = offline_flow(committed, email=False)
    mail.outbox.clear()
    committed(flow.schedule_session)
    assert not DocumentLink.objects.exists() and not [m for m in mail.outbox if OFFLINE["email"] in m.to]
    document = _summons_document(flow)
    officer, mediator = Client(), Client()
    officer.force_login(flow.cast.officer)
    mediator.force_login(flow.cast.mediator)
    warning = f"{OFFLINE['name']} has not been notified of {document.title}: record a delivery."
    page = officer.get(f"/perselisihan/{flow.id}/", HTTP_ACCEPT_LANGUAGE="en")
    assert warning in page.content.decode()
    assert 'id="delivery-form"' in page.content.decode()
    desk = officer.get("/beranda/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert warning in desk and f"/perselisihan/{flow.id}/#deliveries-h" in desk
    # The parties are not shown the office's warning.
    worker = Client()
    worker.force_login(flow.cast.worker)
    seen = worker.get(f"/perselisihan/{flow.id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "has not been notified" not in seen
    api = flow.clients["officer"].get(f"{flow.url}notices/").json()
    assert [(r["side"], r["state"]) for r in api["letters"] if r["document"]["id"] == document.pk] == [
        ("respondent", "not_notified")]

    # The mediator records the delivery by hand through the page's form: the warning goes.
    posted = mediator.post(f"/perselisihan/{flow.id}/pengiriman/", {
        "letter": f"{document.pk}:respondent", "method": "by_hand",
        "delivered_on": timezone.localdate().isoformat(), "receipt_number": "", "note": "Diterima satpam"})
    assert posted.status_code == 302, posted.content.decode()[:2000]
    assert Delivery.objects.get().recorded_by == flow.cast.mediator
    assert "has not been notified" not in officer.get(f"/perselisihan/{flow.id}/",
                                                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "has not been notified" not in officer.get("/beranda/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_page_form_shows_errors_beside_the_fields_and_keeps_the_input(committed):
    flow = offline_flow(committed, email=False)
    committed(flow.schedule_session)
    document = _summons_document(flow)
    officer = Client()
    officer.force_login(flow.cast.officer)
    response = officer.post(f"/perselisihan/{flow.id}/pengiriman/", {
        "letter": f"{document.pk}:respondent", "method": "courier",
        "delivered_on": timezone.localdate().isoformat(), "receipt_number": "", "note": "JNE"},
        HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the receipt number of the post or courier." in html and "JNE" in html
    assert not Delivery.objects.exists()
    # A party may not post the form.
    worker = Client()
    worker.force_login(flow.cast.worker)
    assert worker.post(f"/perselisihan/{flow.id}/pengiriman/", {}).status_code == 403


# --- the summons' notice counts from the delivery for a party without an account ----------------------------


def test_the_minimum_notice_of_a_summons_counts_from_its_delivery_for_a_party_not_on_sikhi(committed):
    flow = offline_flow(committed, email=False)
    committed(flow.schedule_session)  # the session is 14 days ahead
    summons = Summons.objects.select_related("session__dispute__office").get(session__dispute_id=flow.id,
                                                                             side="respondent")
    worker_summons = Summons.objects.get(session__dispute_id=flow.id, side="petitioner")
    assert worker_summons.proper  # sent through SIKHI to an account, with the notice
    assert not summons.proper  # never reached the company: not a proper summons
    document = _summons_document(flow)
    session = summons.session
    # Delivered by post one calendar day before the session: short of the 3 working days' notice.
    late = timezone.localdate(session.scheduled_for) - dt.timedelta(days=1)
    Document.objects.filter(pk=document.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    with_date = _delivery_body(Document.objects.get(pk=document.pk), delivered_on=late.isoformat())
    # A delivery date after today is refused, so move the session instead: it is "today + 1 day".
    from mediation.models import MediationSession

    MediationSession.objects.filter(pk=session.pk).update(scheduled_for=timezone.now() + dt.timedelta(days=1))
    with_date["delivered_on"] = timezone.localdate().isoformat()
    assert flow.clients["officer"].post(f"{flow.url}deliveries/", with_date, format="json").status_code == 201
    summons = Summons.objects.select_related("session__dispute__office").get(pk=summons.pk)
    assert summons.acknowledged_at is None
    assert not summons.proper  # delivered today for tomorrow: not the office's minimum notice

    Delivery.objects.all().delete()
    MediationSession.objects.filter(pk=session.pk).update(scheduled_for=timezone.now() + dt.timedelta(days=14))
    assert flow.clients["officer"].post(f"{flow.url}deliveries/", _delivery_body(document),
                                        format="json").status_code == 201
    assert Summons.objects.select_related("session__dispute__office").get(pk=summons.pk).proper



def test_a_letter_is_sent_again_to_a_new_address_and_the_old_link_stops_working(committed):
    """The respondent's address bounced or was mistyped: the mediator sends the summons to the new address; the
    link to the old one is revoked, the letters still to come go to the new one, and nobody else may do it."""
    flow = offline_flow(committed)
    mail.outbox.clear()
    committed(flow.schedule_session)
    document = _summons_document(flow)
    [old_url] = set(_links_in(mail.outbox))
    old_token = old_url.rstrip("/").rsplit("/", 1)[-1]
    url = f"/api/v1/documents/{document.pk}/links/"
    body = {"side": "respondent", "email": "hrd.baru@luring.test"}

    # The parties and other offices' staff may not; strangers do not learn the letter exists.
    for role in ("petitioner", "other_mediator", "foreign_officer"):
        assert flow.clients[role].post(url, body, format="json").status_code in (403, 404), role
    assert client_for(Cast().other_worker).post(url, body, format="json").status_code == 404
    assert Client().post(url, body, content_type="application/json").status_code in (401, 403)
    # Bad input: not an address; a side the letter is not addressed to. Nothing is sent.
    bad = flow.clients["mediator"].post(url, {**body, "email": "bukan-alamat"}, format="json")
    assert bad.status_code == 400 and "email" in bad.json()["error"]["details"]
    wrong_side = flow.clients["mediator"].post(url, {**body, "side": "petitioner"}, format="json")
    assert wrong_side.status_code == 400 and "side" in wrong_side.json()["error"]["details"]
    assert DocumentLink.objects.count() == 1 and not [m for m in mail.outbox if m.to == [body["email"]]]

    mail.outbox.clear()
    resent = committed(lambda: flow.clients["mediator"].post(url, body, format="json"))
    assert resent.status_code == 201, resent.content
    old_link = DocumentLink.objects.get(document=document, email=OFFLINE["email"])
    assert resent.json()["revoked"] == [old_link.pk] and resent.json()["email"] == body["email"]
    [sent] = [m for m in mail.outbox if m.to == [body["email"]]]
    [new_url] = set(_links_in([sent]))
    assert new_url != old_url and document.title in sent.subject
    anonymous = Client()
    assert anonymous.post(f"/dokumen/{old_token}/").status_code == 410  # the old address's link is revoked
    new_token = new_url.rstrip("/").rsplit("/", 1)[-1]
    assert anonymous.get(f"/dokumen/{new_token}/").status_code == 200
    assert Dispute.objects.get(pk=flow.id).respondent_email == body["email"]  # the letters to come go there
    events = [e["name"] for e in flow.clients["mediator"].get(f"{flow.url}events/").json()["results"]]
    assert "document_link_revoked" in events and events.count("document_link_sent") >= 2

    mail.outbox.clear()
    committed(flow.schedule_session)  # the next summons reaches the new address
    assert [m.to for m in mail.outbox if _links_in([m])] == [[body["email"]]]
