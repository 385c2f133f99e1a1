"""Collective disputes: members with name, NIK and position; the members' power of attorney (surat kuasa),
checked by content, required with complete members before submitting; who may upload and download it."""

from __future__ import annotations

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disputes.mandates import PowerOfAttorney
from disputes.models import Dispute, DisputeEvent
from tests.disputes.test_evidence import EXE, HTML, PDF, PNG
from tests.helpers import assert_error
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

ANI = {"name": "Ani Suryani", "nik": "3273014501900001", "position": "Operator Produksi"}
BUDI = {"name": "Budi Santoso", "nik": "3273011203880002", "position": "Kepala Regu"}


def collective(cast, members=(ANI, BUDI)) -> Flow:
    return Flow(cast, collective=True, members=list(members))


def upload_mandate(flow: Flow, role: str = "petitioner", content: bytes = PDF, **fields):
    body = {"file": SimpleUploadedFile("kuasa.pdf", content, content_type="application/pdf"),
            "granted_by": "union", "issued_on": "2026-11-20", **fields}
    return flow.clients[role].post(f"{flow.url}powers-of-attorney/", body, format="multipart")


def test_members_are_read_back_with_nik_and_position(cast):
    flow = collective(cast)
    assert flow.get()["members"] == [ANI, BUDI]
    assert flow.get()["powers_of_attorney"] == []


def test_member_without_position_is_accepted_in_draft_and_read_as_empty(cast):
    """Existing clients send {name, nik}: the draft is still saved; the position is asked before submitting."""
    flow = collective(cast, members=[{"name": "Ani", "nik": "3273014501900001"}])
    assert flow.get()["members"] == [{"name": "Ani", "nik": "3273014501900001", "position": ""}]


def test_submit_collective_without_power_of_attorney_is_refused(cast):
    flow = collective(cast)
    details = assert_error(flow.attempt("petitioner", "submit"), 400, "invalid")
    assert "power_of_attorney" in details
    assert flow.state == "draft"


def test_submit_collective_with_member_lacking_position_is_refused(cast):
    flow = collective(cast, members=[ANI, {"name": "Budi", "nik": "3273011203880002"}])
    assert upload_mandate(flow).status_code == 201
    details = assert_error(flow.attempt("petitioner", "submit"), 400, "invalid")
    assert set(details) == {"members.1.position"}
    assert flow.state == "draft"


def test_submit_collective_with_old_member_lacking_nik_is_refused(cast):
    """A member migrated from before NIKs were required must get one before the dispute is submitted."""
    flow = collective(cast)
    Dispute.objects.filter(pk=flow.id).update(members=[{"name": "Citra", "nik": "", "position": "Staf"}])
    assert upload_mandate(flow).status_code == 201
    details = assert_error(flow.attempt("petitioner", "submit"), 400, "invalid")
    assert set(details) == {"members.0.nik"}


def test_submit_collective_complete_with_power_of_attorney_is_filed(cast):
    flow = collective(cast)
    response = upload_mandate(flow)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["granted_by"] == "union" and body["issued_on"] == "2026-11-20"
    assert body["content_type"] == "application/pdf" and len(body["sha256"]) == 64
    flow.do("petitioner", "submit")
    assert flow.state == "bipartite_invited"
    assert DisputeEvent.objects.filter(dispute_id=flow.id, name="power_of_attorney_uploaded").count() == 1


def test_individual_dispute_submits_without_power_of_attorney(cast):
    flow = Flow(cast)
    flow.do("petitioner", "submit")
    assert flow.state == "bipartite_invited"


def test_power_of_attorney_png_is_accepted_by_content(cast):
    flow = collective(cast)
    response = upload_mandate(flow, content=PNG, granted_by="members")
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "image/png"


@pytest.mark.parametrize("content", [HTML, EXE], ids=["html", "exe"])
def test_power_of_attorney_not_pdf_jpeg_png_is_refused_and_nothing_stored(cast, content):
    flow = collective(cast)
    assert_error(upload_mandate(flow, content=content), 415, "unsupported_type")
    assert PowerOfAttorney.objects.count() == 0


def test_power_of_attorney_with_unknown_grantor_is_refused(cast):
    flow = collective(cast)
    details = assert_error(upload_mandate(flow, granted_by="someone"), 400, "invalid")
    assert "granted_by" in details


@pytest.mark.parametrize("role", ["respondent", "officer", "mediator"])
def test_power_of_attorney_upload_by_other_than_petitioner_is_forbidden(cast, role):
    flow = collective(cast)
    upload_mandate(flow)
    flow.do("petitioner", "submit")
    assert_error(upload_mandate(flow, role=role), 403, "forbidden")
    assert PowerOfAttorney.objects.count() == 1


@pytest.mark.parametrize("role", ["other_worker", "other_company", "foreign_officer"])
def test_power_of_attorney_outsiders_neither_upload_nor_list_nor_download(cast, role):
    flow = collective(cast)
    mandate_id = upload_mandate(flow).json()["id"]
    flow.do("petitioner", "submit")
    flow.do("respondent", "accept_bipartite")
    assert_error(upload_mandate(flow, role=role), 404, "not_found")
    assert_error(flow.clients[role].get(f"{flow.url}powers-of-attorney/"), 404, "not_found")
    assert_error(flow.clients[role].get(f"/api/v1/powers-of-attorney/{mandate_id}/download/"), 404, "not_found")


def test_power_of_attorney_respondent_lists_and_downloads_the_same_bytes(cast):
    flow = collective(cast)
    mandate_id = upload_mandate(flow).json()["id"]
    flow.do("petitioner", "submit")
    listed = flow.clients["respondent"].get(f"{flow.url}powers-of-attorney/").json()["results"]
    assert [m["id"] for m in listed] == [mandate_id]
    response = flow.clients["respondent"].get(f"/api/v1/powers-of-attorney/{mandate_id}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"


def test_power_of_attorney_on_closed_dispute_is_refused(cast):
    flow = collective(cast)
    flow.do("petitioner", "withdraw")
    assert_error(upload_mandate(flow), 409, "conflict")


def test_migration_gives_old_members_an_empty_position_and_keeps_names(cast):
    flow = collective(cast)
    Dispute.objects.filter(pk=flow.id).update(members=[{"name": "Ani", "nik": "3273014501900001"}, "Budi"])
    migration = importlib.import_module("disputes.migrations.0005_members_proxies")
    from django.apps import apps

    migration._members_with_position(apps, None)
    assert Dispute.objects.get(pk=flow.id).members == [
        {"name": "Ani", "nik": "3273014501900001", "position": ""}, {"name": "Budi", "nik": "", "position": ""}]


def test_filing_with_petitioner_address_stores_it_on_the_account(cast):
    flow = Flow(cast, petitioner_address="Jl. Cibaduyut No. 12, Bandung")
    cast.worker.refresh_from_db()
    assert cast.worker.address == "Jl. Cibaduyut No. 12, Bandung"
    response = flow.clients["petitioner"].patch(flow.url, {"petitioner_address": "Jl. Merdeka 1"}, format="json")
    assert response.status_code == 200, response.content
    cast.worker.refresh_from_db()
    assert cast.worker.address == "Jl. Merdeka 1"


def test_patch_petitioner_address_by_another_worker_is_refused_and_changes_nothing(cast):
    flow = Flow(cast, petitioner_address="Jl. Cibaduyut No. 12, Bandung")
    response = flow.clients["other_worker"].patch(flow.url, {"petitioner_address": "Jl. Lain"}, format="json")
    assert response.status_code == 404
    cast.worker.refresh_from_db()
    cast.other_worker.refresh_from_db()
    assert cast.worker.address == "Jl. Cibaduyut No. 12, Bandung" and cast.other_worker.address == ""
