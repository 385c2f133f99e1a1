"""Who can be a party (issue 9): a side is a worker, a company or a union (UU 2/2004 Art. 1(1)-(5)).

Path tests through the API: a company files a termination dispute against a worker (the worker claims the
invitation and negotiates), a union files an interests dispute, two unions of one company dispute; refusals of
the pairs the law does not allow; each side kind's users act for it and nobody else does."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import Client

from accounts.models import Union
from tests.conftest import client_for
from tests.disputes.test_members import upload_mandate
from tests.documents.conftest import documents, download, pdf_text
from tests.factories import CompanyFactory, CompanyUserFactory, OfficerFactory, WorkerFactory
from tests.helpers import assert_error
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

BODY = {"workplace_regency": "32.73", "summary": "Pokok perselisihan", "chronology": "Kronologi singkat.",
        "demands": "Tuntutan"}


def union_for(worker, *, number: str, name: str = "SP Maju Bersama", company=None, verify: bool = True) -> dict:
    """The worker records their union through the API and becomes its officer."""
    body = {"name": name, "registration_number": number, "address": "Jl. Buruh 1, Bandung", "regency": "32.73",
            "email": f"{number.replace('/', '')}@sp.test"}
    if company is not None:
        body["company_nib"] = company.nib
    response = client_for(worker).post("/api/v1/unions/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["verified_at"] is None
    if verify:  # the office where it is recorded checks its number against its register
        verified = client_for(OfficerFactory()).post(f"/api/v1/unions/{response.json()['id']}/verify/")
        assert verified.status_code == 200, verified.content
    worker.refresh_from_db()
    return response.json()


def invitation_token(address: str) -> str:
    message = next(m for m in mail.outbox if m.to == [address])
    return re.search(r"\?undangan=([A-Za-z0-9_\-]+)", message.body).group(1)


@dataclass
class SidesCast(Cast):
    """A cast whose petitioner and respondent are whoever the test says (a company, a union officer, a worker)."""

    petitioner: object = None
    respondent: object = None

    def roles(self) -> dict[str, object]:
        return {**super().roles(), "petitioner": self.petitioner, "respondent": self.respondent}


def claim(flow: Flow, token: str, user) -> None:
    response = client_for(user).post(f"/api/v1/invitations/{token}/claim/")
    assert response.status_code == 200, response.content
    flow.clients["respondent"] = client_for(user)


# --- a company files against a worker ----------------------------------------------------------------------


def test_company_files_termination_against_worker_who_claims_the_invitation_and_negotiates(
        django_capture_on_commit_callbacks):
    cast = Cast()
    worker = cast.worker
    worker.address = "Jl. Cibaduyut 7, Bandung"
    worker.save()
    sides = SidesCast(petitioner=cast.company_user, respondent=worker)
    flow = Flow(sides, type="phk", respondent={"kind": "worker", "nik": worker.nik, "name": worker.name,
                                               "email": worker.email, "address": worker.address}, **BODY)
    got = flow.get()
    assert (got["petitioner_kind"], got["respondent_kind"]) == ("company", "worker")
    assert got["petitioner"] == {"id": cast.company_user.id, "name": cast.company_user.company.name}
    assert got["petitioner_company"]["nib"] == cast.company_user.company.nib
    assert got["respondent_worker"] == {"id": None, "name": worker.name, "nik": worker.nik}
    assert got["respondent"] == {"company_id": None, "name": worker.name, "nib": None}

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        flow.do("petitioner", "submit")
    token = invitation_token(worker.email)
    assert "peran=worker" in mail.outbox[0].body
    assert cast.company_user.company.name in mail.outbox[0].body  # who filed, not "a worker ... your company"

    # The wrong people cannot claim it: another worker (another NIK), a company, the petitioner itself.
    for wrong in (cast.other_worker, cast.other_company_user, cast.company_user):
        refused = client_for(wrong).post(f"/api/v1/invitations/{token}/claim/")
        assert_error(refused, 403, "forbidden")
    assert client_for(worker).get(flow.url).status_code == 404  # not the respondent before claiming

    claim(flow, token, worker)
    got = flow.get("respondent")
    assert got["respondent_worker"]["id"] == worker.id
    assert sorted(got["available_transitions"]) == ["accept_bipartite", "decline_bipartite"]
    flow.do("respondent", "accept_bipartite")
    assert flow.state == "bipartite"
    assert any(r["kind"] == "bipartite" for r in flow.get("respondent")["rooms"])
    with django_capture_on_commit_callbacks(execute=True):  # the minutes are made after the commit
        flow.record_meeting("respondent")

    minutes = documents(flow, "respondent", kind="bipartite_minutes")
    assert len(minutes) == 1
    text = pdf_text(download(flow, minutes[0], "respondent"))
    assert "I. Pihak Pengusaha" in text and "II. Pihak Pekerja/Buruh" in text
    assert f"NIB {cast.company_user.company.nib}" in text or cast.company_user.company.nib in text
    assert worker.nik in text and "Jl. Cibaduyut 7" in text

    # Strangers never learn of it; the worker's own list has it.
    for stranger in (cast.other_worker, cast.other_company_user):
        assert client_for(stranger).get(flow.url).status_code == 404
    listed = client_for(worker).get("/api/v1/disputes/").json()["results"]
    assert [d["id"] for d in listed] == [flow.id]


def test_unverified_company_cannot_file():
    company_user = CompanyUserFactory(company=CompanyFactory(verified_at=None))
    worker = WorkerFactory()
    response = client_for(company_user).post("/api/v1/disputes/", {
        "type": "phk", "respondent": {"kind": "worker", "nik": worker.nik, "name": worker.name,
                                      "email": worker.email, "address": "Jl. A"}, **BODY}, format="json")
    assert_error(response, 403, "forbidden")


# --- a union files ------------------------------------------------------------------------------------------


def test_union_files_interests_dispute_against_the_company_and_its_officers_act_for_it():
    cast = Cast()
    officer = cast.worker
    union = union_for(officer, number="568/SP/2019", company=cast.company_user.company)
    me = client_for(officer).get("/api/v1/me/").json()
    assert me["union"]["registration_number"] == "568/SP/2019"

    flow = Flow(cast, type="kepentingan", petitioner_kind="union", collective=True,
                members=[{"name": "Budi", "nik": "3273010101900001", "position": "Operator"}], **BODY)
    got = flow.get()
    assert got["petitioner_kind"] == "union" and got["respondent_kind"] == "company"
    assert got["petitioner"]["name"] == "SP Maju Bersama"
    assert got["petitioner_union"] == {"id": union["id"], "name": "SP Maju Bersama",
                                       "registration_number": "568/SP/2019"}

    # A second officer of the same union acts for it too; a worker outside it does not see it.
    second = WorkerFactory(union_id=union["id"])
    assert client_for(second).get(flow.url).status_code == 200
    assert client_for(cast.other_worker).get(flow.url).status_code == 404

    _submit_with_mandate(flow)
    flow.do("respondent", "accept_bipartite")
    assert flow.state == "bipartite"
    # The union's other officer proposes; the company cannot act as the petitioner's side.
    assert client_for(cast.company_user).post(f"{flow.url}transitions/", {"name": "withdraw", "reason": "x"},
                                              format="json").status_code == 403
    response = client_for(second).post(f"{flow.url}transitions/", {"name": "withdraw", "reason": "Selesai."},
                                       format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"


def _submit_with_mandate(flow: Flow) -> None:
    upload_mandate(flow, granted_by="union")
    flow.do("petitioner", "submit")


def test_union_cannot_file_a_rights_dispute_and_a_worker_without_a_union_cannot_file_for_one():
    cast = Cast()
    union_for(cast.worker, number="1/SP/2020")
    body = {"type": "hak", "petitioner_kind": "union", "respondent": {"nib": cast.company_user.company.nib}, **BODY}
    details = assert_error(client_for(cast.worker).post("/api/v1/disputes/", body, format="json"), 400, "invalid")
    assert "type" in details
    body["type"] = "phk"
    details = assert_error(client_for(cast.other_worker).post("/api/v1/disputes/", body, format="json"),
                           400, "invalid")
    assert "petitioner_kind" in details


# --- between unions -----------------------------------------------------------------------------------------


def test_two_unions_of_one_company_dispute_the_invited_union_claims_and_the_case_is_offered_a_route(
        django_capture_on_commit_callbacks):
    cast = Cast()
    company = cast.company_user.company
    ours = cast.worker
    union_for(ours, number="10/SP/2018", name="SP Pertama", company=company)
    theirs_officer, stranger_officer = WorkerFactory(), WorkerFactory()
    sides = SidesCast(petitioner=ours, respondent=theirs_officer)
    flow = Flow(sides, type="antar_serikat", respondent={
        "kind": "union", "registration_number": "11/SB/2019", "name": "SB Kedua", "email": "sb2@sp.test",
        "address": "Jl. Kedua 2"}, **BODY)
    got = flow.get()
    assert (got["petitioner_kind"], got["respondent_kind"]) == ("union", "union")
    assert got["respondent_union"] == {"id": None, "name": "SB Kedua", "registration_number": "11/SB/2019"}
    assert got["respondent"]["company_id"] is None  # no company is named as respondent any more

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        flow.do("petitioner", "submit")
    token = invitation_token("sb2@sp.test")

    union_for(theirs_officer, number="11/SB/2019", name="SB Kedua", company=company)
    union_for(stranger_officer, number="12/SP/2021", name="SP Ketiga", company=company)
    for wrong in (stranger_officer, cast.other_worker, cast.company_user):
        assert_error(client_for(wrong).post(f"/api/v1/invitations/{token}/claim/"), 403, "forbidden")
    claim(flow, token, theirs_officer)
    assert flow.get("respondent")["respondent_union"]["registration_number"] == "11/SB/2019"
    assert client_for(stranger_officer).get(flow.url).status_code == 404

    flow.do("respondent", "decline_bipartite")
    flow.do("petitioner", "register")
    flow.do("officer", "accept_registration")
    assert flow.state == "adr_offered"
    assert "choose_route" in flow.get("respondent")["available_transitions"]


def test_worker_cannot_file_a_dispute_between_unions():
    cast = Cast()
    body = {"type": "antar_serikat", "respondent": {"nib": cast.company_user.company.nib}, **BODY}
    details = assert_error(client_for(cast.worker).post("/api/v1/disputes/", body, format="json"), 400, "invalid")
    assert details["type"] == ["Hanya serikat pekerja/serikat buruh yang dapat mengajukan perselisihan antar "
                               "serikat pekerja/serikat buruh (UU 2/2004 Pasal 1 angka 5)."]
    english = client_for(cast.worker).post("/api/v1/disputes/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_error(english, 400, "invalid")["type"] == [
        "Only a union can file a dispute between unions (UU 2/2004 Art. 1(5))."]


def test_unions_of_different_companies_and_a_union_against_itself_are_refused():
    cast = Cast()
    union_for(cast.worker, number="20/SP/2020", company=cast.company_user.company)
    union_for(cast.other_worker, number="21/SP/2020", company=cast.other_company_user.company)
    body = {"type": "antar_serikat", "petitioner_kind": "union",
            "respondent": {"kind": "union", "registration_number": "21/SP/2020"}, **BODY}
    details = assert_error(client_for(cast.worker).post("/api/v1/disputes/", body, format="json"), 400, "invalid")
    assert "registration_number" in details["respondent"]
    body["respondent"]["registration_number"] = "20/SP/2020"
    details = assert_error(client_for(cast.worker).post("/api/v1/disputes/", body, format="json"), 400, "invalid")
    assert "registration_number" in details["respondent"]


def test_company_cannot_file_against_a_company_nor_a_dispute_between_unions():
    cast = Cast()
    client = client_for(cast.company_user)
    body = {"type": "phk", "respondent": {"nib": cast.other_company_user.company.nib}, **BODY}
    details = assert_error(client.post("/api/v1/disputes/", body, format="json"), 400, "invalid")
    assert "kind" in details["respondent"]
    body = {"type": "antar_serikat", "respondent": {"kind": "union", "registration_number": "9/SP/2000",
                                                    "name": "SP", "email": "sp@sp.test", "address": "Jl."}, **BODY}
    details = assert_error(client.post("/api/v1/disputes/", body, format="json"), 400, "invalid")
    assert "type" in details


def test_company_may_file_an_interests_dispute_against_a_worker():
    """UU 2/2004 Art. 1(1) and (3) do not limit who files an interests dispute within the employment relation."""
    cast = Cast()
    body = {"type": "kepentingan", "respondent": {"kind": "worker", "nik": cast.worker.nik, "name": "W",
                                                  "email": "w@w.test", "address": "Jl."}, **BODY}
    response = client_for(cast.company_user).post("/api/v1/disputes/", body, format="json")
    assert response.status_code == 201, response.content


# --- permissions per side kind ------------------------------------------------------------------------------


def _company_vs_worker(cast):
    return SidesCast(petitioner=cast.company_user, respondent=cast.worker), {
        "type": "phk", "respondent": {"kind": "worker", "nik": cast.worker.nik, "name": cast.worker.name,
                                      "email": cast.worker.email, "address": "Jl. A"}}


def _union_vs_company(cast):
    union_for(cast.worker, number="30/SP/2022")
    return SidesCast(petitioner=cast.worker, respondent=cast.company_user), {
        "type": "phk", "petitioner_kind": "union", "respondent": {"nib": cast.company_user.company.nib}}


def _worker_vs_company(cast):
    return SidesCast(petitioner=cast.worker, respondent=cast.company_user), {
        "type": "phk", "respondent": {"nib": cast.company_user.company.nib}}


@pytest.mark.parametrize("build", [_company_vs_worker, _union_vs_company, _worker_vs_company])
def test_each_side_acts_only_for_itself_and_strangers_see_nothing(build, django_capture_on_commit_callbacks):
    cast = Cast()
    sides, fields = build(cast)
    flow = Flow(sides, **fields, **BODY)
    with django_capture_on_commit_callbacks(execute=True):
        flow.do("petitioner", "submit")
    if flow.get()["respondent_kind"] == "worker":
        claim(flow, invitation_token(cast.worker.email), cast.worker)
    # The respondent may not withdraw (the petitioner's act); the petitioner may not accept (the respondent's).
    assert flow.attempt("respondent", "withdraw", reason="x").status_code == 403
    assert flow.attempt("petitioner", "accept_bipartite").status_code == 403
    outsiders = [cast.other_worker, cast.other_company_user, WorkerFactory(union=None)]
    for outsider in outsiders:
        client = client_for(outsider)
        assert client.get(flow.url).status_code == 404
        assert client.post(f"{flow.url}transitions/", {"name": "accept_bipartite"},
                           format="json").status_code == 404
    flow.do("respondent", "accept_bipartite")
    assert flow.state == "bipartite"


# --- a union is verified by the office where it is recorded ----------------------------------------------------


def test_only_the_recording_office_verifies_a_union_and_until_then_it_neither_files_nor_answers(
        django_capture_on_commit_callbacks):
    """UU 21/2000 Art. 18-20: the union's nomor bukti pencatatan comes from the office, which checks it; a worker
    who merely types a number acts for nobody."""
    cast = Cast()
    union = union_for(cast.worker, number="50/SP/2025", verify=False)
    url = f"/api/v1/unions/{union['id']}/verify/"
    for wrong in (cast.worker, cast.other_worker, cast.company_user, cast.mediator):
        assert client_for(wrong).post(url).status_code == 403, wrong
    assert client_for(cast.foreign_officer).post(url).status_code == 404  # another office's officer
    # Unverified: it cannot file, is not found by its number, and is not linked when named as a respondent.
    refused = client_for(cast.worker).post("/api/v1/disputes/", {
        "type": "phk", "petitioner_kind": "union", "respondent": {"nib": cast.company_user.company.nib}, **BODY},
        format="json")
    assert_error(refused, 403, "forbidden")
    assert client_for(cast.company_user).get(
        "/api/v1/unions/lookup/", {"registration_number": "50/SP/2025"}).status_code == 404
    flow = Flow(SidesCast(petitioner=cast.company_user, respondent=cast.worker), type="phk", respondent={
        "kind": "union", "registration_number": "50/SP/2025", "name": "SP Lima", "email": "sp5@sp.test",
        "address": "Jl. Lima 5"}, **BODY)
    assert flow.get()["respondent_union"]["id"] is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        flow.do("petitioner", "submit")
    token = invitation_token("sp5@sp.test")
    assert_error(client_for(cast.worker).post(f"/api/v1/invitations/{token}/claim/"), 403, "forbidden")
    assert client_for(cast.worker).get(flow.url).status_code == 404

    verified = client_for(cast.officer).post(url)
    assert verified.status_code == 200 and verified.json()["verified_at"]
    assert client_for(cast.officer).post(url).json()["verified_at"] == verified.json()["verified_at"]  # idempotent
    claim(flow, token, cast.worker)
    assert flow.get("respondent")["respondent_union"]["registration_number"] == "50/SP/2025"


def test_the_office_desk_lists_the_unions_to_verify_and_verifies_one_with_a_confirmation(client):
    cast = Cast()
    union = union_for(cast.worker, number="60/SP/2025", name="SP Enam", verify=False)
    client.force_login(cast.officer)
    desk = client.get("/beranda/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Serikat yang perlu diverifikasi" in desk and "60/SP/2025" in desk
    form = re.search(rf'<form method="post" action="/serikat/{union["id"]}/verifikasi/"[^>]*>', desk).group(0)
    assert "data-confirm=" in form  # the deliberate step before a change that cannot be undone here
    path = f"/serikat/{union['id']}/verifikasi/"
    for wrong in (cast.foreign_officer, cast.worker, cast.company_user):
        other = Client()
        other.force_login(wrong)
        assert other.post(path).status_code in (403, 404), wrong
    assert client.get(path)["Location"] == "/beranda/"  # a GET changes nothing (as the company's verification)
    assert Union.objects.get(pk=union["id"]).verified_at is None  # nobody else verified it
    done = client.post(path, HTTP_ACCEPT_LANGUAGE="id")
    assert done.status_code == 302 and done["Location"] == "/beranda/"
    assert Union.objects.get(pk=union["id"]).verified_by == cast.officer
    assert "60/SP/2025" not in client.get("/beranda/").content.decode()
