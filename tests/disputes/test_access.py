"""Who may see and do what on every non-transition path: a dispute a user may not see does not exist
for them (404); a user who may see it but may not act gets 403; anonymous callers get 401."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from disputes.models import Dispute, DisputeEvent
from mediation.models import BipartiteMeeting, MediationSession, MeetingSignature, Summons
from tests.conftest import client_for
from tests.factories import CompanyFactory
from tests.helpers import assert_error
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

DISPUTES = "/api/v1/disputes/"
OUTSIDERS = ["other_worker", "other_company", "foreign_officer", "foreign_mediator"]
STAFF = ["officer", "mediator"]



def listed_ids(client, query: str = "") -> list[int]:
    response = client.get(f"{DISPUTES}{query}")
    assert response.status_code == 200, response.content
    return [d["id"] for d in response.json()["results"]]


def to_mediation_through_failed_bipartite(flow: Flow) -> int:
    """bipartite → a signed meeting → fail → register → accept → mediation; answers the meeting id."""
    flow.to("bipartite")
    meeting_id = flow.record_meeting()
    flow.do("petitioner", "fail_bipartite")
    flow.do("respondent", "register")
    flow.do("officer", "accept_registration")
    flow.do("respondent", "choose_route", route="mediation")
    flow.do("officer", "assign_mediator")
    assert flow.state == "mediation"
    return meeting_id


def settle_in_mediation(flow: Flow) -> None:
    flow.to("mediation")
    flow.do("mediator", "reach_agreement")
    for role in ("petitioner", "respondent", "mediator"):
        flow.do(role, "sign_agreement")
    assert flow.state == "settled"


@pytest.fixture
def cast():
    return Cast()


# --- dispute list and detail ---------------------------------------------------------------------------


def test_list_disputes_as_worker_shows_only_own_filings(cast):
    mine = Flow(cast)
    theirs = client_for(cast.other_worker).post(DISPUTES, {
        "type": "hak", "respondent": {"nib": cast.company_user.company.nib}, "workplace_regency": "32.73"},
        format="json")
    assert theirs.status_code == 201, theirs.content

    assert listed_ids(mine.clients["petitioner"]) == [mine.id]
    assert listed_ids(mine.clients["other_worker"]) == [theirs.json()["id"]]


@pytest.mark.parametrize("state", ["draft", "bipartite_invited"])
def test_get_dispute_as_another_worker_answers_404(cast, state):
    flow = Flow(cast).to(state)
    assert_error(flow.clients["other_worker"].get(flow.url), 404, "not_found")
    assert flow.id not in listed_ids(flow.clients["other_worker"])


def test_get_dispute_as_petitioner_answers_200_with_the_dispute(cast):
    flow = Flow(cast)
    body = flow.get("petitioner")
    assert body["id"] == flow.id
    assert body["status"] == "draft"
    assert body["petitioner"] == {"id": cast.worker.id, "name": cast.worker.name}


@pytest.mark.parametrize("role", ["respondent", "officer", "mediator", "other_company", "foreign_officer"])
def test_get_draft_as_anyone_but_petitioner_answers_404_and_list_excludes_it(cast, role):
    flow = Flow(cast)
    assert_error(flow.clients[role].get(flow.url), 404, "not_found")
    assert flow.id not in listed_ids(flow.clients[role])
    assert_error(flow.clients[role].get(f"{flow.url}events/"), 404, "not_found")


def test_get_submitted_dispute_as_respondent_answers_200_and_lists_it(cast):
    flow = Flow(cast)
    assert_error(flow.clients["respondent"].get(flow.url), 404, "not_found")

    flow.do("petitioner", "submit")

    body = flow.get("respondent")
    assert body["status"] == "bipartite_invited"
    assert body["respondent"]["company_id"] == cast.company_user.company_id
    assert listed_ids(flow.clients["respondent"]) == [flow.id]


def test_get_submitted_dispute_as_another_company_answers_404_and_list_excludes_it(cast):
    flow = Flow(cast).to("bipartite_invited")
    assert_error(flow.clients["other_company"].get(flow.url), 404, "not_found")
    assert flow.id not in listed_ids(flow.clients["other_company"])


def test_create_dispute_naming_unverified_company_by_nib_answers_400_respondent_nib(cast):
    unverified = CompanyFactory(verified_at=None)
    response = client_for(cast.worker).post(DISPUTES, {
        "type": "phk", "respondent": {"nib": unverified.nib}, "workplace_regency": "32.73"}, format="json")
    details = assert_error(response, 400, "invalid")
    assert details["respondent"]["nib"]
    assert Dispute.objects.count() == 0


@pytest.mark.parametrize("role", STAFF)
def test_get_submitted_dispute_as_office_staff_answers_200_and_lists_it(cast, role):
    flow = Flow(cast).to("bipartite_invited")
    assert flow.get(role)["office"]["code"] == "32.73"
    assert listed_ids(flow.clients[role]) == [flow.id]


@pytest.mark.parametrize("role", ["foreign_officer", "foreign_mediator"])
def test_get_submitted_dispute_as_staff_of_another_office_answers_404_and_list_excludes_it(cast, role):
    flow = Flow(cast).to("mediation")
    assert_error(flow.clients[role].get(flow.url), 404, "not_found")
    assert listed_ids(flow.clients[role]) == []


def test_list_disputes_as_office_staff_excludes_other_offices(cast):
    here = Flow(cast).to("bipartite_invited")
    there = Flow(cast, workplace_regency="32.04").to("bipartite_invited")
    assert listed_ids(here.clients["officer"]) == [here.id]
    assert listed_ids(here.clients["foreign_officer"]) == [there.id]
    assert listed_ids(here.clients["foreign_mediator"]) == [there.id]


HUGE = "9" * 25  # past any 64-bit id


@pytest.mark.parametrize(("method", "path"), [
    ("get", f"/api/v1/disputes/{HUGE}/"),
    ("get", f"/api/v1/disputes/{HUGE}/events/"),
    ("get", f"/api/v1/disputes/{HUGE}/sessions/"),
    ("post", f"/api/v1/disputes/{HUGE}/transitions/"),
    ("get", f"/api/v1/evidence/{HUGE}/download/"),
    ("post", f"/api/v1/bipartite-meetings/{HUGE}/sign/"),
    ("post", f"/api/v1/sessions/{HUGE}/acknowledge/"),
    ("post", f"/api/v1/sessions/{HUGE}/attendance/"),
])
def test_endpoint_with_id_out_of_range_answers_404_not_found(cast, method, path):
    client = client_for(cast.worker)
    response = client.get(path) if method == "get" else client.post(path, {"name": "submit"}, format="json")
    assert_error(response, 404, "not_found")


# --- anonymous callers ----------------------------------------------------------------------------------


@pytest.fixture
def everything(cast):
    """A dispute in mediation with a real meeting, session and evidence: every kind of id exists."""
    flow = Flow(cast)
    meeting_id = to_mediation_through_failed_bipartite(flow)
    session_id = flow.schedule_session()
    upload = flow.clients["petitioner"].post(
        f"{flow.url}evidence/", {"title": "PKWT", "file": _pdf_file()}, format="multipart")
    assert upload.status_code == 201, upload.content
    return {"dispute": flow.id, "meeting": meeting_id, "session": session_id, "evidence": upload.json()["id"]}


def _pdf_file():
    return SimpleUploadedFile("pkwt.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                              content_type="application/pdf")


ENDPOINTS = [
    ("get", "/api/v1/disputes/"),
    ("post", "/api/v1/disputes/"),
    ("get", "/api/v1/disputes/{dispute}/"),
    ("patch", "/api/v1/disputes/{dispute}/"),
    ("post", "/api/v1/disputes/{dispute}/transitions/"),
    ("get", "/api/v1/disputes/{dispute}/events/"),
    ("get", "/api/v1/disputes/{dispute}/evidence/"),
    ("post", "/api/v1/disputes/{dispute}/evidence/"),
    ("get", "/api/v1/evidence/{evidence}/download/"),
    ("post", "/api/v1/disputes/{dispute}/court-registration/"),
    ("get", "/api/v1/disputes/{dispute}/bipartite-meetings/"),
    ("post", "/api/v1/disputes/{dispute}/bipartite-meetings/"),
    ("post", "/api/v1/bipartite-meetings/{meeting}/sign/"),
    ("get", "/api/v1/disputes/{dispute}/sessions/"),
    ("post", "/api/v1/disputes/{dispute}/sessions/"),
    ("post", "/api/v1/sessions/{session}/acknowledge/"),
    ("post", "/api/v1/sessions/{session}/attendance/"),
    ("get", "/api/v1/disputes/{dispute}/recommendation/"),
    ("get", "/api/v1/disputes/{dispute}/agreement/"),
    ("post", "/api/v1/invitations/abcdef/claim/"),
]


def _call(client, method: str, path: str):
    if method == "get":
        return client.get(path)
    return getattr(client, method)(path, {}, format="json")


@pytest.mark.parametrize(("method", "path"), ENDPOINTS, ids=[f"{m} {p}" for m, p in ENDPOINTS])
def test_endpoint_without_credentials_answers_401_not_authenticated(everything, method, path):
    before = (DisputeEvent.objects.count(), Summons.objects.filter(acknowledged_at__isnull=False).count())
    response = _call(APIClient(), method, path.format(**everything))
    assert_error(response, 401, "not_authenticated")
    assert "Token" in response.get("WWW-Authenticate", "")
    assert (DisputeEvent.objects.count(),
            Summons.objects.filter(acknowledged_at__isnull=False).count()) == before


@pytest.mark.parametrize(("method", "path"), ENDPOINTS, ids=[f"{m} {p}" for m, p in ENDPOINTS])
def test_endpoint_with_unknown_token_answers_401_not_authenticated(everything, method, path):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert_error(_call(client, method, path.format(**everything)), 401, "not_authenticated")


# --- events ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [
    ("petitioner", 200), ("respondent", 200), ("officer", 200), ("mediator", 200),
    ("other_worker", 404), ("other_company", 404), ("foreign_officer", 404), ("foreign_mediator", 404),
])
def test_get_events_of_submitted_dispute_follows_dispute_visibility(cast, role, status):
    flow = Flow(cast).to("bipartite_invited")
    response = flow.clients[role].get(f"{flow.url}events/")
    if status == 404:
        assert_error(response, 404, "not_found")
        return
    assert response.status_code == 200, response.content
    names = [e["name"] for e in response.json()["results"]]
    assert names == ["created", "submit"]


# --- bipartite meetings ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["petitioner", "respondent"])
def test_list_meetings_as_party_during_bipartite_answers_200(cast, role):
    flow = Flow(cast).to("bipartite")
    meeting_id = flow.record_meeting(sign=False)
    response = flow.clients[role].get(f"{flow.url}bipartite-meetings/")
    assert response.status_code == 200, response.content
    assert [m["id"] for m in response.json()["results"]] == [meeting_id]


@pytest.mark.parametrize("role", STAFF)
def test_list_meetings_as_office_staff_before_registration_answers_403(cast, role):
    flow = Flow(cast).to("bipartite")
    flow.record_meeting()
    flow.do("petitioner", "fail_bipartite")
    assert_error(flow.clients[role].get(f"{flow.url}bipartite-meetings/"), 403, "forbidden")


@pytest.mark.parametrize("role", STAFF)
def test_list_meetings_as_office_staff_after_registration_answers_200(cast, role):
    flow = Flow(cast).to("bipartite")
    meeting_id = flow.record_meeting()
    flow.do("petitioner", "fail_bipartite")
    flow.do("petitioner", "register")
    response = flow.clients[role].get(f"{flow.url}bipartite-meetings/")
    assert response.status_code == 200, response.content
    meetings = response.json()["results"]
    assert [m["id"] for m in meetings] == [meeting_id]
    assert {s["side"] for s in meetings[0]["signatures"]} == {"petitioner", "respondent"}


@pytest.mark.parametrize("role", OUTSIDERS)
def test_list_meetings_as_outsider_answers_404(cast, role):
    flow = Flow(cast).to("bipartite")
    flow.record_meeting()
    assert_error(flow.clients[role].get(f"{flow.url}bipartite-meetings/"), 404, "not_found")


MEETING = {"held_at": "2026-10-05T10:00:00+07:00", "place": "Kantor PT", "issue": "Pesangon",
           "petitioner_position": "Penuh", "respondent_position": "Setengah", "result": "Belum sepakat"}


@pytest.mark.parametrize("role", STAFF)
def test_record_meeting_as_office_staff_answers_403(cast, role):
    flow = Flow(cast).to("bipartite")
    assert_error(flow.clients[role].post(f"{flow.url}bipartite-meetings/", MEETING, format="json"), 403, "forbidden")
    assert BipartiteMeeting.objects.count() == 0


@pytest.mark.parametrize("role", OUTSIDERS)
def test_record_meeting_as_outsider_answers_404(cast, role):
    flow = Flow(cast).to("bipartite")
    assert_error(flow.clients[role].post(f"{flow.url}bipartite-meetings/", MEETING, format="json"),
                 404, "not_found")
    assert BipartiteMeeting.objects.count() == 0


@pytest.mark.parametrize("state", ["bipartite_invited", "bipartite_failed", "agreement_drafting", "mediation"])
def test_record_meeting_outside_bipartite_answers_409(cast, state):
    flow = Flow(cast).to(state)
    response = flow.clients["petitioner"].post(f"{flow.url}bipartite-meetings/", MEETING, format="json")
    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["code"] in {"conflict", "transition_not_allowed"}
    assert error["details"]["state"] == state
    assert BipartiteMeeting.objects.count() == 0


def test_record_meeting_as_respondent_answers_201_without_signatures(cast):
    flow = Flow(cast).to("bipartite")
    response = flow.clients["respondent"].post(f"{flow.url}bipartite-meetings/", MEETING, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["signatures"] == []
    assert body["place"] == "Kantor PT"
    assert BipartiteMeeting.objects.get(pk=body["id"]).recorded_by_id == cast.company_user.id


def _sign(flow: Flow, role: str, meeting_id: int):
    return flow.clients[role].post(f"/api/v1/bipartite-meetings/{meeting_id}/sign/")


def test_sign_meeting_each_side_once_then_409_conflict(cast):
    flow = Flow(cast).to("bipartite")
    meeting_id = flow.record_meeting(sign=False)

    first = _sign(flow, "petitioner", meeting_id)
    assert first.status_code == 200, first.content
    assert [(s["side"], s["user"]["id"]) for s in first.json()["signatures"]] == [("petitioner", cast.worker.id)]

    assert_error(_sign(flow, "petitioner", meeting_id), 409, "conflict")

    second = _sign(flow, "respondent", meeting_id)
    assert second.status_code == 200, second.content
    assert {(s["side"], s["user"]["id"]) for s in second.json()["signatures"]} == {
        ("petitioner", cast.worker.id), ("respondent", cast.company_user.id)}
    assert second.json()["fully_signed"] is True

    assert_error(_sign(flow, "respondent", meeting_id), 409, "conflict")
    assert MeetingSignature.objects.filter(meeting_id=meeting_id).count() == 2


@pytest.mark.parametrize("role", STAFF)
def test_sign_meeting_as_office_staff_answers_403(cast, role):
    """Staff can see the dispute (and are told 403 on its meeting list), so signing is forbidden, not hidden."""
    flow = Flow(cast).to("bipartite")
    meeting_id = flow.record_meeting(sign=False)
    assert_error(_sign(flow, role, meeting_id), 403, "forbidden")
    assert MeetingSignature.objects.count() == 0


@pytest.mark.parametrize("role", STAFF)
def test_sign_meeting_as_office_staff_after_registration_answers_403(cast, role):
    flow = Flow(cast).to("bipartite")
    meeting_id = flow.record_meeting(sign=False)
    flow.do("respondent", "fail_bipartite")
    flow.do("respondent", "register")
    assert_error(_sign(flow, role, meeting_id), 403, "forbidden")
    assert MeetingSignature.objects.count() == 0


@pytest.mark.parametrize("role", OUTSIDERS)
def test_sign_meeting_as_outsider_answers_404(cast, role):
    flow = Flow(cast).to("bipartite")
    meeting_id = flow.record_meeting(sign=False)
    assert_error(_sign(flow, role, meeting_id), 404, "not_found")
    assert MeetingSignature.objects.count() == 0


def test_sign_unknown_meeting_answers_404(cast):
    flow = Flow(cast).to("bipartite")
    assert_error(_sign(flow, "petitioner", 987654), 404, "not_found")


# --- mediation sessions ----------------------------------------------------------------------------------


SESSION = {"kind": "mediation", "scheduled_for": "2099-01-05T09:00:00+07:00", "agenda": "Klarifikasi"}


@pytest.mark.parametrize(("role", "status", "code"), [
    ("other_mediator", 403, "forbidden"),
    ("officer", 403, "forbidden"),
    ("petitioner", 403, "forbidden"),
    ("respondent", 403, "forbidden"),
    ("other_worker", 404, "not_found"),
    ("other_company", 404, "not_found"),
    ("foreign_mediator", 404, "not_found"),
])
def test_schedule_session_by_anyone_but_assigned_mediator_is_refused(cast, role, status, code):
    flow = Flow(cast).to("mediation")
    assert_error(flow.clients[role].post(f"{flow.url}sessions/", SESSION, format="json"), status, code)
    assert MediationSession.objects.count() == 0
    assert Summons.objects.count() == 0


def test_schedule_session_by_assigned_mediator_answers_201_with_summons(cast):
    flow = Flow(cast).to("mediation")
    response = flow.clients["mediator"].post(f"{flow.url}sessions/", SESSION, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "mediation"
    assert body["agenda"] == "Klarifikasi"
    assert body["attendance"] is None
    assert sorted((s["side"], s["number"], s["acknowledged_at"]) for s in body["summons"]) == [
        ("petitioner", 1, None), ("respondent", 1, None)]


def test_schedule_session_outside_mediation_answers_409(cast):
    flow = Flow(cast).to("mediation")
    flow.hold_session()
    flow.do("mediator", "issue_recommendation")
    response = flow.clients["mediator"].post(f"{flow.url}sessions/", SESSION, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["error"]["details"]["state"] == "recommendation_issued"
    assert MediationSession.objects.count() == 1


@pytest.mark.parametrize(("role", "status"), [
    ("petitioner", 200), ("respondent", 200), ("mediator", 200), ("officer", 200), ("other_mediator", 200),
    ("other_worker", 404), ("other_company", 404), ("foreign_officer", 404), ("foreign_mediator", 404),
])
def test_list_sessions_follows_dispute_visibility(cast, role, status):
    flow = Flow(cast).to("mediation")
    session_id = flow.schedule_session()
    response = flow.clients[role].get(f"{flow.url}sessions/")
    if status == 404:
        assert_error(response, 404, "not_found")
        return
    assert response.status_code == 200, response.content
    assert [s["id"] for s in response.json()["results"]] == [session_id]


def _summons(session_id: int) -> dict[str, object]:
    return {s.side: s.acknowledged_at for s in Summons.objects.filter(session_id=session_id)}


def _ack(flow: Flow, role: str, session_id: int):
    return flow.clients[role].post(f"/api/v1/sessions/{session_id}/acknowledge/")


def _summons_of(response, side: str) -> dict:
    return next(s for s in response.json()["summons"] if s["side"] == side)


def test_acknowledge_summons_sets_only_own_side_and_repeating_keeps_the_time(cast):
    flow = Flow(cast).to("mediation")
    session_id = flow.schedule_session()

    first = _ack(flow, "petitioner", session_id)
    assert first.status_code == 200, first.content
    stamped = _summons_of(first, "petitioner")["acknowledged_at"]
    assert stamped is not None
    assert _summons_of(first, "respondent")["acknowledged_at"] is None

    again = _ack(flow, "petitioner", session_id)
    assert again.status_code == 200, again.content
    assert _summons_of(again, "petitioner")["acknowledged_at"] == stamped
    assert _summons_of(again, "respondent")["acknowledged_at"] is None
    assert DisputeEvent.objects.filter(dispute_id=flow.id, name="summons_acknowledged").count() == 1

    theirs = _ack(flow, "respondent", session_id)
    assert theirs.status_code == 200, theirs.content
    assert _summons_of(theirs, "respondent")["acknowledged_at"] is not None
    assert _summons_of(theirs, "petitioner")["acknowledged_at"] == stamped
    acks = _summons(session_id)
    assert acks["petitioner"] is not None and acks["respondent"] is not None


@pytest.mark.parametrize(("role", "status", "code"), [
    ("mediator", 403, "forbidden"),
    ("officer", 403, "forbidden"),
    ("other_mediator", 403, "forbidden"),
    ("other_worker", 404, "not_found"),
    ("other_company", 404, "not_found"),
    ("foreign_officer", 404, "not_found"),
])
def test_acknowledge_summons_by_non_party_is_refused(cast, role, status, code):
    flow = Flow(cast).to("mediation")
    session_id = flow.schedule_session()
    assert_error(_ack(flow, role, session_id), status, code)
    assert _summons(session_id) == {"petitioner": None, "respondent": None}


ATTENDANCE = {"petitioner": "present", "respondent": "absent", "notes": "Tergugat tidak hadir"}


def _past_session(flow: Flow) -> int:
    session_id = flow.schedule_session()
    MediationSession.objects.filter(pk=session_id).update(scheduled_for=timezone.now() - dt.timedelta(hours=1))
    return session_id


@pytest.mark.parametrize(("role", "status", "code"), [
    ("other_mediator", 403, "forbidden"),
    ("officer", 403, "forbidden"),
    ("petitioner", 403, "forbidden"),
    ("respondent", 403, "forbidden"),
    ("other_worker", 404, "not_found"),
    ("foreign_mediator", 404, "not_found"),
])
def test_record_attendance_by_anyone_but_assigned_mediator_is_refused(cast, role, status, code):
    flow = Flow(cast).to("mediation")
    session_id = _past_session(flow)
    response = flow.clients[role].post(f"/api/v1/sessions/{session_id}/attendance/", ATTENDANCE, format="json")
    assert_error(response, status, code)
    assert MediationSession.objects.get(pk=session_id).attendance_recorded_at is None


def test_record_attendance_twice_answers_409_conflict_and_keeps_the_first(cast):
    flow = Flow(cast).to("mediation")
    session_id = _past_session(flow)
    url = f"/api/v1/sessions/{session_id}/attendance/"

    first = flow.clients["mediator"].post(url, ATTENDANCE, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["attendance"]["respondent"] == "absent"

    second = flow.clients["mediator"].post(url, {"petitioner": "absent", "respondent": "present"}, format="json")
    assert_error(second, 409, "conflict")
    session = MediationSession.objects.get(pk=session_id)
    assert (session.petitioner_attendance, session.respondent_attendance) == ("present", "absent")


# --- recommendation and agreement ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["petitioner", "respondent", "mediator", "officer"])
def test_get_recommendation_before_it_is_issued_answers_404(cast, role):
    flow = Flow(cast).to("mediation")
    flow.hold_session()
    assert_error(flow.clients[role].get(f"{flow.url}recommendation/"), 404, "not_found")


@pytest.mark.parametrize("role", ["petitioner", "respondent", "officer", "mediator"])
def test_get_recommendation_after_issue_answers_200_to_parties_and_staff(cast, role):
    flow = Flow(cast).to("recommendation_issued")
    response = flow.clients[role].get(f"{flow.url}recommendation/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["considerations"].startswith("Menimbang")
    assert body["recommendations"].startswith("1. Perusahaan")
    assert body["issued_at"]
    assert body["answers"] == []


@pytest.mark.parametrize("role", OUTSIDERS)
def test_get_recommendation_as_outsider_answers_404(cast, role):
    flow = Flow(cast).to("recommendation_issued")
    assert_error(flow.clients[role].get(f"{flow.url}recommendation/"), 404, "not_found")


@pytest.mark.parametrize("role", ["petitioner", "respondent"])
def test_get_bipartite_agreement_as_party_answers_200(cast, role):
    flow = Flow(cast).to("agreement_drafting")
    response = flow.clients[role].get(f"{flow.url}agreement/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["origin"] == "bipartite"
    assert body["required"] == ["petitioner", "respondent"]
    assert body["signatures"] == []
    assert body["terms"].startswith("Perusahaan membayar pesangon")


@pytest.mark.parametrize(("role", "status", "code"), [
    ("officer", 403, "forbidden"),
    ("mediator", 403, "forbidden"),
    ("other_worker", 404, "not_found"),
    ("foreign_officer", 404, "not_found"),
])
def test_get_bipartite_agreement_as_non_party_is_refused(cast, role, status, code):
    flow = Flow(cast).to("agreement_drafting")
    assert_error(flow.clients[role].get(f"{flow.url}agreement/"), status, code)


@pytest.mark.parametrize("role", ["petitioner", "respondent", "mediator"])
def test_get_mediation_agreement_as_party_or_assigned_mediator_answers_200(cast, role):
    flow = Flow(cast).to("mediation")
    flow.do("mediator", "reach_agreement")
    response = flow.clients[role].get(f"{flow.url}agreement/")
    assert response.status_code == 200, response.content
    assert response.json()["origin"] == "mediation"
    assert response.json()["required"] == ["petitioner", "respondent", "mediator"]


@pytest.mark.parametrize(("role", "status", "code"), [
    ("officer", 403, "forbidden"),
    ("other_mediator", 403, "forbidden"),
    ("foreign_mediator", 404, "not_found"),
])
def test_get_mediation_agreement_as_other_staff_is_refused(cast, role, status, code):
    flow = Flow(cast).to("mediation")
    flow.do("mediator", "reach_agreement")
    assert_error(flow.clients[role].get(f"{flow.url}agreement/"), status, code)


# --- court registration ------------------------------------------------------------------------------------


COURT = {"court": "PHI pada PN Bandung", "akta_number": "7/Akta/2026/PHI.Bdg", "registered_on": "2026-11-02"}


def _court_events(flow: Flow) -> list[dict]:
    return [e for e in flow.clients["petitioner"].get(f"{flow.url}events/").json()["results"]
            if e["name"] == "court_registration"]


@pytest.mark.parametrize("state", ["bipartite", "agreement_drafting", "court_referral", "withdrawn"])
def test_court_registration_outside_settled_answers_409(cast, state):
    flow = Flow(cast).to(state)
    response = flow.clients["petitioner"].post(f"{flow.url}court-registration/", COURT, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["error"]["details"]["state"] == state
    assert Dispute.objects.get(pk=flow.id).court_akta_number == ""


@pytest.mark.parametrize("role", ["petitioner", "respondent"])
def test_court_registration_by_party_in_settled_answers_200_and_is_recorded(cast, role):
    flow = Flow(cast).to("settled")
    response = flow.clients[role].post(f"{flow.url}court-registration/", COURT, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "settled"
    d = Dispute.objects.get(pk=flow.id)
    assert (d.court_name, d.court_akta_number, str(d.court_registered_on)) == (
        COURT["court"], COURT["akta_number"], COURT["registered_on"])
    [event] = _court_events(flow)
    assert event["payload"]["akta_number"] == COURT["akta_number"]


def test_court_registration_twice_answers_409_conflict(cast):
    flow = Flow(cast).to("settled")
    assert flow.clients["petitioner"].post(f"{flow.url}court-registration/", COURT, format="json").status_code == 200
    again = flow.clients["respondent"].post(f"{flow.url}court-registration/", {**COURT, "akta_number": "8/X"},
                                            format="json")
    assert_error(again, 409, "conflict")
    assert Dispute.objects.get(pk=flow.id).court_akta_number == COURT["akta_number"]


def test_court_registration_by_assigned_mediator_after_mediation_answers_200(cast):
    flow = Flow(cast)
    settle_in_mediation(flow)
    response = flow.clients["mediator"].post(f"{flow.url}court-registration/", COURT, format="json")
    assert response.status_code == 200, response.content
    [event] = _court_events(flow)
    assert event["actor"]["id"] == cast.mediator.id


@pytest.mark.parametrize(("role", "status", "code"), [
    ("officer", 403, "forbidden"),
    ("other_mediator", 403, "forbidden"),
    ("other_worker", 404, "not_found"),
    ("foreign_officer", 404, "not_found"),
])
def test_court_registration_by_non_party_is_refused(cast, role, status, code):
    flow = Flow(cast)
    settle_in_mediation(flow)
    response = flow.clients[role].post(f"{flow.url}court-registration/", COURT, format="json")
    assert_error(response, status, code)
    assert Dispute.objects.get(pk=flow.id).court_akta_number == ""


# --- per-user fields of the dispute --------------------------------------------------------------------------


def test_get_dispute_in_bipartite_invited_gives_each_user_own_available_transitions(cast):
    flow = Flow(cast).to("bipartite_invited")
    respondent, petitioner, officer = flow.get("respondent"), flow.get("petitioner"), flow.get("officer")

    assert sorted(respondent["available_transitions"]) == ["accept_bipartite", "decline_bipartite"]
    assert petitioner["available_transitions"] == ["withdraw"]
    assert officer["available_transitions"] == []
    assert respondent["next_actor"] == petitioner["next_actor"] == officer["next_actor"] == ["respondent"]


def test_get_dispute_in_bipartite_offers_fail_only_after_a_meeting(cast):
    flow = Flow(cast).to("bipartite")
    assert sorted(flow.get("petitioner")["available_transitions"]) == ["propose_agreement", "withdraw"]
    assert flow.get("respondent")["available_transitions"] == ["propose_agreement"]

    flow.record_meeting(sign=False)

    assert sorted(flow.get("petitioner")["available_transitions"]) == ["fail_bipartite", "propose_agreement",
                                                                       "withdraw"]
    assert sorted(flow.get("respondent")["available_transitions"]) == ["fail_bipartite", "propose_agreement"]
    assert sorted(flow.get("petitioner")["next_actor"]) == ["petitioner", "respondent"]


def test_get_dispute_in_mediation_offers_the_mediator_only_what_it_may_do(cast):
    flow = Flow(cast).to("mediation")
    assert flow.get("mediator")["available_transitions"] == ["reach_agreement"]
    assert flow.get("other_mediator")["available_transitions"] == []
    assert flow.get("officer")["available_transitions"] == []
    assert flow.get("petitioner")["available_transitions"] == ["withdraw"]
    assert flow.get("officer")["next_actor"] == ["mediator"]
    flow.hold_session()
    assert sorted(flow.get("mediator")["available_transitions"]) == ["issue_recommendation", "reach_agreement"]


def test_get_dispute_in_adr_offered_next_actor_drops_the_side_that_chose(cast):
    flow = Flow(cast, type="kepentingan").to("adr_offered")
    assert sorted(flow.get("officer")["next_actor"]) == ["petitioner", "respondent"]
    flow.do("respondent", "choose_route", route="arbitration")
    assert flow.get("officer")["next_actor"] == ["petitioner"]
    assert flow.get("respondent")["available_transitions"] == []
    assert flow.get("petitioner")["available_transitions"] == ["choose_route", "withdraw"]


def _room_kinds(flow: Flow, role: str) -> list[str]:
    return sorted(r["kind"] for r in flow.get(role)["rooms"])


def test_get_dispute_in_bipartite_lists_bipartite_room_to_parties_only(cast):
    flow = Flow(cast).to("bipartite")
    assert _room_kinds(flow, "petitioner") == ["bipartite"]
    assert _room_kinds(flow, "respondent") == ["bipartite"]
    assert _room_kinds(flow, "officer") == []
    assert _room_kinds(flow, "mediator") == []


def test_get_dispute_in_mediation_lists_only_rooms_the_user_is_member_of(cast):
    flow = Flow(cast)
    to_mediation_through_failed_bipartite(flow)

    assert _room_kinds(flow, "petitioner") == ["bipartite", "caucus_petitioner", "joint"]
    assert _room_kinds(flow, "respondent") == ["bipartite", "caucus_respondent", "joint"]
    assert _room_kinds(flow, "mediator") == ["caucus_petitioner", "caucus_respondent", "joint"]
    assert _room_kinds(flow, "other_mediator") == []
    assert _room_kinds(flow, "officer") == []


def test_list_disputes_gives_rooms_per_user(cast):
    flow = Flow(cast).to("mediation")
    by_role = {}
    for role in ("petitioner", "mediator", "officer"):
        response = flow.clients[role].get(DISPUTES)
        assert response.status_code == 200, response.content
        [row] = response.json()["results"]
        by_role[role] = sorted(r["kind"] for r in row["rooms"])
    assert by_role == {"petitioner": ["caucus_petitioner", "joint"],
                       "mediator": ["caucus_petitioner", "caucus_respondent", "joint"],
                       "officer": []}
