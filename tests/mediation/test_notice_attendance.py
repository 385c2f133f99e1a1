"""Summons notice, sessions recorded after the fact, excused absences, the no-show rules and the clocks they drive
(Permenakertrans 17/2014 Art. 10(3), 13, 14)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.calendar import add_working_days, due_at
from disputes.models import Deadline, Dispute
from mediation.forms import JAKARTA
from mediation.models import MediationSession, Summons, earliest_session_day
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow():
    return Flow(Cast()).to("mediation")


def _schedule(flow: Flow, when: dt.datetime, **extra):
    return flow.clients["mediator"].post(f"{flow.url}sessions/", {
        "kind": "mediation", "scheduled_for": when.isoformat(), "agenda": "Sidang mediasi", **extra}, format="json")


def _at_ten(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=JAKARTA)


def _delegated_days_ago(flow: Flow, days: int = 20) -> None:
    """The dispute was delegated `days` ago (the first_session clock starts at the delegation)."""
    Deadline.objects.filter(dispute_id=flow.id, key="first_session").update(
        starts_at=timezone.now() - dt.timedelta(days=days))


def _held(flow: Flow, held_at: dt.datetime, **attendance):
    _delegated_days_ago(flow)
    body = {"kind": "mediation", "held_at": held_at.isoformat(), "agenda": "Sidang di kantor",
            "petitioner": "present", "respondent": "present", **attendance}
    return flow.clients["mediator"].post(f"{flow.url}sessions/held/", body, format="json")


# --- notice ---------------------------------------------------------------------------------------------------


def test_a_session_before_the_minimum_notice_is_refused_without_a_reason_and_kept_with_one(flow):
    soon = _at_ten(earliest_session_day(timezone.now(), 3) - dt.timedelta(days=1))
    if soon <= timezone.now():
        soon = timezone.now() + dt.timedelta(hours=2)
    refused = _schedule(flow, soon)
    assert refused.status_code == 400
    assert "short_notice_reason" in refused.json()["error"]["details"]
    assert MediationSession.objects.count() == 0
    kept = _schedule(flow, soon, short_notice_reason="Para pihak meminta sidang segera")
    assert kept.status_code == 201, kept.content
    assert kept.json()["short_notice_reason"] == "Para pihak meminta sidang segera"
    assert [s["proper"] for s in kept.json()["summons"]] == [False, False]


def test_a_session_on_the_earliest_day_needs_no_reason_and_its_summons_are_proper(flow):
    response = _schedule(flow, _at_ten(earliest_session_day(timezone.now(), 3)))
    assert response.status_code == 201, response.content
    assert response.json()["short_notice_reason"] == ""
    assert [s["proper"] for s in response.json()["summons"]] == [True, True]


def test_the_notice_is_a_setting_of_the_office(flow):
    office = Dispute.objects.get(pk=flow.id).office
    office.summons_notice_days = 6
    office.save()
    day = earliest_session_day(timezone.now(), 3)
    assert day < earliest_session_day(timezone.now(), 6)
    assert _schedule(flow, _at_ten(day)).status_code == 400
    assert _schedule(flow, _at_ten(earliest_session_day(timezone.now(), 6))).status_code == 201


def test_an_acknowledged_short_notice_summons_is_proper(flow):
    session_id = _schedule(flow, timezone.now() + dt.timedelta(hours=2), short_notice_reason="Mendesak").json()["id"]
    assert flow.clients["petitioner"].post(f"/api/v1/sessions/{session_id}/acknowledge/").status_code == 200
    summons = {s.side: s.proper for s in Summons.objects.filter(session_id=session_id)}
    assert summons == {"petitioner": True, "respondent": False}


# --- a session held offline -------------------------------------------------------------------------------------


def test_the_mediator_records_a_session_held_offline_without_summons(flow):
    response = _held(flow, timezone.now() - dt.timedelta(hours=3), respondent="excused",
                     respondent_reason="Direktur sakit")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["held_offline"] is True and body["summons"] == []
    assert body["attendance"]["respondent"] == "excused"
    assert body["attendance"]["respondent_reason"] == "Direktur sakit"
    assert flow.get()["status"] == "mediation"


@pytest.mark.parametrize(("when", "field"), [
    (lambda: timezone.now() + dt.timedelta(hours=1), "held_at"),
    (lambda: timezone.now() - dt.timedelta(days=400), "held_at"),
])
def test_a_held_session_in_the_future_or_before_the_delegation_is_refused(flow, when, field):
    response = _held(flow, when())
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]
    assert MediationSession.objects.count() == 0


@pytest.mark.parametrize("role", ["petitioner", "respondent", "officer", "other_mediator"])
def test_only_the_assigned_mediator_records_a_held_session(flow, role):
    response = flow.clients[role].post(f"{flow.url}sessions/held/", {
        "kind": "mediation", "held_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(), "agenda": "x",
        "petitioner": "present", "respondent": "present"}, format="json")
    assert response.status_code in (403, 404)
    assert MediationSession.objects.count() == 0


def test_a_held_session_is_refused_outside_mediation():
    flow = Flow(Cast()).to("recommendation_issued")
    assert _held(flow, timezone.now() - dt.timedelta(hours=1)).status_code == 409


def test_an_excused_absence_needs_its_reason(flow):
    session_id = flow.schedule_session()
    MediationSession.objects.filter(pk=session_id).update(scheduled_for=timezone.now() - dt.timedelta(minutes=5))
    url = f"/api/v1/sessions/{session_id}/attendance/"
    refused = flow.clients["mediator"].post(url, {"petitioner": "excused", "respondent": "present"}, format="json")
    assert refused.status_code == 400
    assert "petitioner_reason" in refused.json()["error"]["details"]
    assert MediationSession.objects.get(pk=session_id).attendance_recorded_at is None


# --- striking off and the recommendation on the data at hand ----------------------------------------------------


def _strike(flow: Flow):
    return flow.clients["mediator"].post(f"{flow.url}transitions/", {"name": "strike_off"}, format="json")


def _excused(flow: Flow):
    session_id = flow.schedule_session()
    MediationSession.objects.filter(pk=session_id).update(scheduled_for=timezone.now() - dt.timedelta(minutes=1))
    Summons.objects.filter(session_id=session_id).update(sent_at=timezone.now() - dt.timedelta(days=14))
    response = flow.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/", {
        "petitioner": "excused", "respondent": "present", "petitioner_reason": "Sakit, surat dokter"}, format="json")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("steps", [
    pytest.param(["absent", "excused", "absent"], id="excused_between"),
    pytest.param(["absent", "absent", "excused"], id="one_excused"),
    pytest.param(["absent", "absent", "present", "absent"], id="not_consecutive"),
    pytest.param(["absent", "absent", "clarification"], id="third_at_a_clarification"),
    pytest.param(["absent", "absent", "offline"], id="third_without_summons"),
    pytest.param(["absent", "absent", "short_notice"], id="third_after_short_notice"),
])
def test_strike_off_is_refused_without_three_consecutive_unexcused_absences_after_proper_summons(flow, steps):
    for step in steps:
        if step == "excused":
            _excused(flow)
        elif step == "clarification":
            flow.hold_session(petitioner="absent", kind="clarification")
        elif step == "offline":
            assert _held(flow, timezone.now() - dt.timedelta(minutes=30), petitioner="absent").status_code == 201
        elif step == "short_notice":
            session_id = flow.schedule_session()
            MediationSession.objects.filter(pk=session_id).update(scheduled_for=timezone.now()
                                                                 - dt.timedelta(minutes=1))
            response = flow.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/", {
                "petitioner": "absent", "respondent": "present"}, format="json")
            assert response.status_code == 200
        else:
            flow.hold_session(petitioner=step)
    response = _strike(flow)
    assert response.status_code == 409, response.content
    assert flow.get()["status"] == "mediation"


def test_strike_off_after_three_unexcused_absences_following_an_excused_one(flow):
    _excused(flow)
    for _ in range(3):
        flow.hold_session(petitioner="absent")
    assert _strike(flow).status_code == 200
    assert flow.get()["status"] == "struck_off"


def _issue(flow: Flow, **extra):
    return flow.clients["mediator"].post(f"{flow.url}transitions/", {
        "name": "issue_recommendation", "considerations": "Pertimbangan", "recommendations": "Anjuran", **extra},
        format="json")


def test_the_recommendation_on_the_data_at_hand_needs_three_respondent_absences_and_is_recorded(flow):
    flow.hold_session(respondent="absent")
    flow.hold_session(respondent="absent")
    refused = _issue(flow, on_available_data=True)
    assert refused.status_code == 400
    assert "on_available_data" in refused.json()["error"]["details"]
    flow.hold_session(respondent="absent")
    assert _issue(flow, on_available_data=True).status_code == 200
    body = flow.clients["petitioner"].get(f"{flow.url}recommendation/").json()
    assert body["on_available_data"] is True


def test_an_ordinary_recommendation_is_not_on_the_data_at_hand(flow):
    flow.hold_session()
    assert _issue(flow).status_code == 200
    assert flow.clients["petitioner"].get(f"{flow.url}recommendation/").json()["on_available_data"] is False


# --- clocks -----------------------------------------------------------------------------------------------------


def _deadline(flow: Flow, key: str) -> list[dict]:
    return [d for d in flow.get("officer")["deadlines"] if d["key"] == key]


def _sweep(now: dt.datetime) -> str:
    out = io.StringIO()
    call_command("process_deadlines", now=now.isoformat(), stdout=out)
    return out.getvalue()


def test_a_clarification_session_does_not_meet_first_session_so_the_sweep_marks_it_overdue(flow):
    flow.hold_session(kind="clarification")
    [first] = _deadline(flow, "first_session")
    assert first["state"] == "open"
    _sweep(dt.datetime.fromisoformat(first["due_at"]) + dt.timedelta(minutes=1))
    assert _deadline(flow, "first_session")[0]["state"] == "overdue"
    assert _deadline(flow, "recommendation_issue") == []


def test_recommendation_issue_runs_from_the_date_of_the_session_held_not_from_the_typing(flow):
    held_at = timezone.now() - dt.timedelta(days=5)
    assert _held(flow, held_at).status_code == 201
    [issue] = _deadline(flow, "recommendation_issue")
    assert dt.datetime.fromisoformat(issue["due_at"]) == due_at(held_at, 10)
    assert _deadline(flow, "first_session")[0]["state"] == "met"
    day_ten = add_working_days(held_at.astimezone(JAKARTA).date(), 10)
    _sweep(dt.datetime.combine(day_ten, dt.time(23, 0), tzinfo=JAKARTA))
    assert _deadline(flow, "recommendation_issue")[0]["state"] == "open"
    _sweep(dt.datetime.combine(day_ten + dt.timedelta(days=1), dt.time(0, 30), tzinfo=JAKARTA))
    assert _deadline(flow, "recommendation_issue")[0]["state"] == "overdue"
