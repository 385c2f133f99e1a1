"""Bipartite meetings as proof, mediation sessions and summons, and the clocks that sessions drive."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from disputes.models import Dispute
from mediation.models import MediationSession, Summons
from tests.conftest import client_for
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return Cast()


def deadlines(flow: Flow, key: str) -> list[dict]:
    return [d for d in flow.get("officer")["deadlines"] if d["key"] == key]


def sessions(flow: Flow, role: str = "petitioner") -> list[dict]:
    response = flow.clients[role].get(f"{flow.url}sessions/")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def summons_numbers(session: dict) -> dict[str, int]:
    return {s["side"]: s["number"] for s in session["summons"]}


def events(flow: Flow, name: str) -> list[dict]:
    response = flow.clients["petitioner"].get(f"{flow.url}events/")
    assert response.status_code == 200, response.content
    return [e for e in response.json()["results"] if e["name"] == name]


def hold(flow: Flow, session_id: int, *, petitioner: str = "present", respondent: str = "present"):
    MediationSession.objects.filter(pk=session_id).update(scheduled_for=timezone.now() - dt.timedelta(minutes=1))
    response = flow.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/", {
        "petitioner": petitioner, "respondent": respondent, "notes": "Dicatat oleh mediator"}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


# --- summons ----------------------------------------------------------------------------------------------


def test_schedule_sessions_numbers_summons_per_party_across_sessions(cast):
    flow = Flow(cast).to("mediation")
    ids = [flow.schedule_session("clarification"), flow.schedule_session(), flow.schedule_session()]

    listed = sessions(flow)
    assert [s["id"] for s in listed] == ids
    assert [summons_numbers(s) for s in listed] == [
        {"petitioner": 1, "respondent": 1}, {"petitioner": 2, "respondent": 2}, {"petitioner": 3, "respondent": 3}]
    for session in listed:
        assert len(session["summons"]) == 2
        assert all(s["sent_at"] and s["acknowledged_at"] is None for s in session["summons"])
    assert Summons.objects.filter(session__dispute_id=flow.id).count() == 6
    assert [e["payload"]["session_id"] for e in events(flow, "session_scheduled")] == ids


def test_schedule_session_in_another_dispute_starts_summons_at_one(cast):
    first = Flow(cast).to("mediation")
    first.schedule_session()
    first.schedule_session()
    second = Flow(cast).to("mediation")

    second.schedule_session()

    assert [summons_numbers(s) for s in sessions(second)] == [{"petitioner": 1, "respondent": 1}]


def test_schedule_session_answers_201_with_the_contract_fields(cast):
    flow = Flow(cast).to("mediation")
    when = timezone.now() + dt.timedelta(days=14)
    response = flow.clients["mediator"].post(f"{flow.url}sessions/", {
        "kind": "clarification", "scheduled_for": when.isoformat(), "agenda": "Klarifikasi tuntutan"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {"id", "kind", "scheduled_for", "agenda", "summons", "attendance"} <= set(body)
    assert body["kind"] == "clarification"
    assert dt.datetime.fromisoformat(body["scheduled_for"]) == when
    assert body["attendance"] is None
    assert sorted(s["side"] for s in body["summons"]) == ["petitioner", "respondent"]


def test_list_sessions_shows_attendance_null_before_and_values_after(cast):
    flow = Flow(cast).to("mediation")
    session_id = flow.schedule_session()
    assert [s["attendance"] for s in sessions(flow, "respondent")] == [None]

    hold(flow, session_id, petitioner="present", respondent="absent")

    [session] = sessions(flow, "officer")
    attendance = session["attendance"]
    assert (attendance["petitioner"], attendance["respondent"]) == ("present", "absent")
    assert attendance["notes"] == "Dicatat oleh mediator"
    assert attendance["recorded_at"]
    [event] = events(flow, "attendance_recorded")
    assert event["payload"] == {"session_id": session_id, "petitioner": "present", "respondent": "absent"}


# --- the clocks a held session drives ------------------------------------------------------------------------


def test_hold_first_mediation_session_meets_first_session_and_starts_recommendation_issue(cast):
    flow = Flow(cast).to("mediation")
    assert [d["state"] for d in deadlines(flow, "first_session")] == ["open"]
    assert deadlines(flow, "recommendation_issue") == []

    session_id = flow.schedule_session("mediation")
    hold(flow, session_id)

    assert [d["state"] for d in deadlines(flow, "first_session")] == ["met"]
    [issue] = deadlines(flow, "recommendation_issue")
    assert issue["state"] == "open"
    assert issue["owed_by"] == ["mediator"]
    # From the session's date, not from the moment attendance was typed in.
    assert dt.datetime.fromisoformat(issue["starts_at"]) == MediationSession.objects.get(pk=session_id).scheduled_for
    assert dt.datetime.fromisoformat(issue["due_at"]) > dt.datetime.fromisoformat(issue["starts_at"])
    assert [d["state"] for d in deadlines(flow, "mediation")] == ["open"]


def test_hold_clarification_session_neither_meets_first_session_nor_starts_recommendation_issue(cast):
    flow = Flow(cast).to("mediation")

    hold(flow, flow.schedule_session("clarification"))

    assert [d["state"] for d in deadlines(flow, "first_session")] == ["open"]
    assert deadlines(flow, "recommendation_issue") == []


def test_hold_mediation_session_after_clarification_meets_first_session(cast):
    flow = Flow(cast).to("mediation")
    hold(flow, flow.schedule_session("clarification"))

    hold(flow, flow.schedule_session("mediation"))

    assert [d["state"] for d in deadlines(flow, "first_session")] == ["met"]
    assert [d["state"] for d in deadlines(flow, "recommendation_issue")] == ["open"]


def test_hold_second_mediation_session_starts_no_second_recommendation_clock(cast):
    flow = Flow(cast).to("mediation")
    hold(flow, flow.schedule_session())
    [first] = deadlines(flow, "recommendation_issue")

    hold(flow, flow.schedule_session())

    assert deadlines(flow, "recommendation_issue") == [first]


def test_issue_recommendation_before_a_mediation_session_is_held_answers_409(cast):
    flow = Flow(cast).to("mediation")

    refused = flow.attempt("mediator", "issue_recommendation")
    assert refused.status_code == 409, refused.content
    error = refused.json()["error"]
    assert error["code"] == "transition_not_allowed"
    assert error["details"]["state"] == "mediation"
    assert "issue_recommendation" not in error["details"]["allowed"]
    assert "reach_agreement" in error["details"]["allowed"]

    flow.schedule_session()  # scheduled, not held
    assert flow.attempt("mediator", "issue_recommendation").status_code == 409
    hold(flow, flow.schedule_session("clarification"))  # held, but not a mediation session
    assert flow.attempt("mediator", "issue_recommendation").status_code == 409
    assert flow.state == "mediation"
    assert events(flow, "issue_recommendation") == []


def test_issue_recommendation_after_a_mediation_session_is_held_answers_200_and_meets_its_clock(cast):
    flow = Flow(cast).to("mediation")
    hold(flow, flow.schedule_session(), petitioner="present", respondent="absent")

    body = flow.do("mediator", "issue_recommendation")

    assert body["status"] == "recommendation_issued"
    assert [d["state"] for d in deadlines(flow, "recommendation_issue")] == ["met"]
    # Each party's answer clock starts at its own receipt (UU 2/2004 Art. 13(2)(c)), not at the issue.
    assert deadlines(flow, "recommendation_answer") == []
    for side in ("petitioner", "respondent"):
        flow.acknowledge_recommendation(side)
    answers = deadlines(flow, "recommendation_answer")
    assert sorted(d["owed_by"][0] for d in answers) == ["petitioner", "respondent"]
    assert {d["state"] for d in answers} == {"open"}


# --- bipartite meetings as the precondition and the proof -------------------------------------------------------


def test_fail_bipartite_before_a_meeting_is_recorded_answers_409(cast):
    flow = Flow(cast).to("bipartite")

    refused = flow.attempt("petitioner", "fail_bipartite")

    assert refused.status_code == 409, refused.content
    error = refused.json()["error"]
    assert error["code"] == "transition_not_allowed"
    assert error["details"]["state"] == "bipartite"
    assert "fail_bipartite" not in error["details"]["allowed"]
    assert flow.state == "bipartite"
    assert events(flow, "fail_bipartite") == []


def test_fail_bipartite_after_a_meeting_is_recorded_answers_200_with_no_agreement(cast):
    flow = Flow(cast).to("bipartite")
    flow.record_meeting(role="respondent", sign=False)

    body = flow.do("respondent", "fail_bipartite")

    assert body["status"] == "bipartite_failed"
    assert body["failure_reason"] == "no_agreement"
    [event] = events(flow, "fail_bipartite")
    assert event["payload"]["reason"] == "Tidak tercapai kesepakatan."


def test_register_after_decline_attaches_the_declined_invitation_as_proof(cast):
    flow = Flow(cast).to("bipartite_failed")
    submitted_at = flow.get()["submitted_at"]

    flow.do("respondent", "register")

    [event] = events(flow, "register")
    proof = event["payload"]["proof"]
    assert proof["failure_reason"] == "declined"
    assert proof["signed_meetings"] == []
    invitation = proof["invitation"]
    assert invitation["answered"] is True
    assert invitation["to"] == cast.company_user.company.email
    assert dt.datetime.fromisoformat(invitation["sent_at"]) == dt.datetime.fromisoformat(submitted_at)
    assert invitation["decline_reason"] == "Kami menolak berunding."
    [declined] = events(flow, "decline_bipartite")
    assert dt.datetime.fromisoformat(invitation["declined_at"]) == dt.datetime.fromisoformat(declined["at"])
    assert Dispute.objects.get(pk=flow.id).registration_proof == proof


def test_register_after_unanswered_invitation_attaches_it_as_proof(cast):
    flow = Flow(cast, respondent={"name": "CV Belum Terdaftar", "email": "hrd@belum.test",
                                  "address": "Jl. Soekarno-Hatta 1, Bandung"})
    flow.do("petitioner", "submit")
    call_command("process_deadlines", "--now", (timezone.now() + dt.timedelta(days=60)).isoformat())
    assert flow.get()["failure_reason"] == "no_response"

    flow.do("petitioner", "register")

    [event] = events(flow, "register")
    proof = event["payload"]["proof"]
    assert proof["failure_reason"] == "no_response"
    assert proof["invitation"]["answered"] is False
    assert proof["invitation"]["to"] == "hrd@belum.test"
    assert proof["invitation"]["claimed_at"] is None
    assert "declined_at" not in proof["invitation"]


def test_register_after_fail_attaches_only_fully_signed_meetings_as_proof(cast):
    flow = Flow(cast).to("bipartite")
    signed = flow.record_meeting()
    half_signed = flow.record_meeting(role="respondent", sign=False)
    sign = flow.clients["respondent"].post(f"/api/v1/bipartite-meetings/{half_signed}/sign/")
    assert sign.status_code == 200, sign.content
    flow.record_meeting(sign=False)
    flow.do("petitioner", "fail_bipartite")

    flow.do("petitioner", "register")

    [event] = events(flow, "register")
    proof = event["payload"]["proof"]
    assert proof["failure_reason"] == "no_agreement"
    assert proof["signed_meetings"] == [signed]
    assert "invitation" not in proof
    meetings = flow.clients["officer"].get(f"{flow.url}bipartite-meetings/").json()["results"]
    assert [m["fully_signed"] for m in meetings] == [True, False, False]


def test_sign_meeting_after_registration_answers_409(cast):
    flow = Flow(cast).to("bipartite")
    meeting_id = flow.record_meeting(sign=False)
    flow.do("petitioner", "fail_bipartite")
    flow.do("petitioner", "register")

    response = client_for(cast.company_user).post(f"/api/v1/bipartite-meetings/{meeting_id}/sign/")

    assert response.status_code == 409, response.content
    assert response.json()["error"]["details"]["state"] == "registration_submitted"
    [event] = events(flow, "register")
    assert event["payload"]["proof"]["signed_meetings"] == []
