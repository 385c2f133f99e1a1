"""The page predicates (disputes/permissions.py): what a page offers is what the service accepts, for the right
user only; the dispute page shows or hides the form or button by them."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from disputes import permissions as perms
from disputes.models import Dispute, Invitation
from disputes.services import invitation_claim
from mediation.models import BipartiteMeeting, MediationSession, Recommendation, Summons
from mediation.services import meeting_sign
from sikhi.api import Conflict, Forbidden, Invalid
from tests.factories import CompanyUserFactory, WorkerFactory
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

PARTIES = ("petitioner", "respondent")
OTHERS = ("officer", "mediator", "other_mediator", "other_worker", "other_company", "foreign_officer",
          "foreign_mediator")


@pytest.fixture
def cast():
    return Cast()


def dispute_of(flow: Flow) -> Dispute:
    return Dispute.objects.select_related("office", "respondent_company").get(pk=flow.id)


def who(flow: Flow, predicate, *args, **kwargs) -> set[str]:
    """The roles of the cast for whom `predicate(user, dispute, *args)` holds."""
    dispute = dispute_of(flow)
    return {role for role, user in flow.cast.roles().items() if predicate(user, dispute, *args, **kwargs)}


def page(user, path: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


# --- the draft and whose turn it is ------------------------------------------------------------------------


def test_can_continue_draft_is_the_petitioner_s_while_it_is_a_draft(cast):
    flow = Flow(cast)
    assert who(flow, perms.can_continue_draft) == {"petitioner"}
    home = page(cast.worker, "/beranda/")
    assert f'href="/perselisihan/{flow.id}/isi/periksa/"' in home
    assert "Continue the draft" in page(cast.worker, f"/perselisihan/{flow.id}/")

    flow.do("petitioner", "submit")
    assert who(flow, perms.can_continue_draft) == set()
    home = page(cast.worker, "/beranda/")
    assert f'href="/perselisihan/{flow.id}/isi/periksa/"' not in home
    assert f'href="/perselisihan/{flow.id}/"' in home
    assert "Continue the draft" not in page(cast.worker, f"/perselisihan/{flow.id}/")


@pytest.mark.parametrize(("state", "expected"), [
    ("bipartite_invited", {"respondent"}),
    ("bipartite", {"petitioner", "respondent"}),
    ("registration_submitted", {"officer"}),
    ("mediation", {"mediator"}),
    ("settled", set()),
])
def test_is_my_turn_names_only_who_acts_next(cast, state, expected):
    from disputes.services import next_actor

    flow = Flow(cast).to(state)
    actors = next_actor(dispute_of(flow))
    assert who(flow, perms.is_my_turn, actors) == expected


def test_the_card_says_your_turn_to_the_office_s_officer_only(cast):
    flow = Flow(cast).to("registration_submitted")
    assert "Your turn to act." in page(cast.officer, "/beranda/")
    for user in (cast.worker, cast.company_user, cast.mediator):
        assert "Your turn to act." not in page(user, "/beranda/")
    assert flow.id


# --- an invitation link ------------------------------------------------------------------------------------


def test_can_claim_invitation_is_a_company_account_s(cast):
    assert perms.can_claim_invitation(cast.company_user)
    for user in (cast.worker, cast.officer, cast.mediator, AnonymousUser(), perms.SYSTEM):
        assert not perms.can_claim_invitation(user)
    gone = CompanyUserFactory(is_active=False)
    assert not perms.can_claim_invitation(gone)


def test_the_invitation_page_offers_the_link_only_to_a_company_and_the_service_agrees(cast):
    flow = Flow(cast, respondent={"name": "CV Belum Terdaftar", "email": "hrd@belum.test",
                                   "address": "Jl. Braga 5, Bandung"}).to("bipartite_invited")
    Invitation.objects.update_or_create(dispute_id=flow.id, defaults={
        "email": "hrd@belum.test", "token_hash": hashlib.sha256(b"token-1").hexdigest(),
        "expires_at": timezone.now() + dt.timedelta(days=7)})
    worker = WorkerFactory()
    assert "Link to my company" not in page(worker, "/undangan/?token=token-1")
    assert "Only a company account can answer an invitation." in page(worker, "/undangan/?token=token-1")
    with pytest.raises(Forbidden):
        invitation_claim(token="token-1", by=worker)
    company = CompanyUserFactory()
    assert "Link to my company" in page(company, "/undangan/?token=token-1")
    assert invitation_claim(token="token-1", by=company).respondent_company_id == company.company_id


# --- bipartite minutes -------------------------------------------------------------------------------------


def test_can_record_meeting_now_is_a_party_s_during_bipartite(cast):
    flow = Flow(cast).to("bipartite_invited")
    assert who(flow, perms.can_record_meeting_now) == set()
    flow.do("respondent", "accept_bipartite")
    assert who(flow, perms.can_record_meeting_now) == set(PARTIES)
    assert 'id="risalah-baru"' in page(cast.worker, f"/perselisihan/{flow.id}/")
    # the office cannot see the minutes before registration; nobody outside sees the form
    flow.do("petitioner", "propose_agreement")
    assert who(flow, perms.can_record_meeting_now) == set()
    assert 'id="risalah-baru"' not in page(cast.worker, f"/perselisihan/{flow.id}/")


def test_can_sign_meeting_minutes_once_per_side_until_registration_and_the_service_agrees(cast):
    flow = Flow(cast).to("bipartite")
    meeting = BipartiteMeeting.objects.get(pk=flow.record_meeting(sign=False))
    assert who(flow, perms.can_sign_meeting_minutes, meeting) == set(PARTIES)
    assert "Sign the minutes" in page(cast.company_user, f"/perselisihan/{flow.id}/")

    meeting_sign(meeting=meeting, by=cast.worker)
    assert who(flow, perms.can_sign_meeting_minutes, meeting) == {"respondent"}
    assert "Sign the minutes" not in page(cast.worker, f"/perselisihan/{flow.id}/")
    assert "Sign the minutes" in page(cast.company_user, f"/perselisihan/{flow.id}/")
    with pytest.raises(Conflict):
        meeting_sign(meeting=meeting, by=cast.worker)  # the refused one: already signed
    with pytest.raises(Forbidden):
        meeting_sign(meeting=meeting, by=cast.officer)

    second = BipartiteMeeting.objects.get(pk=flow.record_meeting(sign=False))
    flow.do("petitioner", "fail_bipartite")
    flow.do("petitioner", "register")
    assert who(flow, perms.can_sign_meeting_minutes, second) == set()  # registered: the minutes are closed
    assert "Sign the minutes" not in page(cast.company_user, f"/perselisihan/{flow.id}/")
    with pytest.raises(Conflict):
        meeting_sign(meeting=second, by=cast.company_user)


# --- sessions, summonses, attendance -----------------------------------------------------------------------


def test_can_schedule_session_now_is_the_assigned_mediator_s_in_mediation(cast):
    flow = Flow(cast).to("awaiting_mediator")
    assert who(flow, perms.can_schedule_session_now) == set()
    flow.do("officer", "assign_mediator")
    assert who(flow, perms.can_schedule_session_now) == {"mediator"}
    assert "/sidang/jadwal/" in page(cast.mediator, f"/perselisihan/{flow.id}/")
    for user in (cast.other_mediator, cast.officer, cast.worker):
        assert "/sidang/jadwal/" not in page(user, f"/perselisihan/{flow.id}/")
    flow.hold_session()
    flow.do("mediator", "issue_recommendation")
    assert who(flow, perms.can_schedule_session_now) == set()
    assert "/sidang/jadwal/" not in page(cast.mediator, f"/perselisihan/{flow.id}/")


def test_can_record_attendance_from_the_session_s_time_by_the_assigned_mediator(cast):
    flow = Flow(cast).to("mediation")
    session = MediationSession.objects.get(pk=flow.schedule_session())
    now = timezone.now()
    assert who(flow, perms.can_record_attendance, session, now=now) == set()  # its time has not come
    assert f"/sidang/{session.id}/kehadiran/" not in page(cast.mediator, f"/perselisihan/{flow.id}/")

    MediationSession.objects.filter(pk=session.pk).update(scheduled_for=now - dt.timedelta(minutes=1))
    session.refresh_from_db()
    assert who(flow, perms.can_record_attendance, session, now=now) == {"mediator"}
    assert f"/sidang/{session.id}/kehadiran/" in page(cast.mediator, f"/perselisihan/{flow.id}/")
    assert f"/sidang/{session.id}/kehadiran/" not in page(cast.other_mediator, f"/perselisihan/{flow.id}/")

    refused = flow.clients["other_mediator"].post(f"/api/v1/sessions/{session.id}/attendance/", {
        "petitioner": "present", "respondent": "present", "notes": ""}, format="json")
    assert refused.status_code == 403
    done = flow.clients["mediator"].post(f"/api/v1/sessions/{session.id}/attendance/", {
        "petitioner": "present", "respondent": "present", "notes": ""}, format="json")
    assert done.status_code == 200, done.content
    session.refresh_from_db()
    assert who(flow, perms.can_record_attendance, session, now=timezone.now()) == set()


def test_can_acknowledge_summons_is_the_summoned_party_s_until_acknowledged(cast):
    flow = Flow(cast).to("mediation")
    session = MediationSession.objects.get(pk=flow.schedule_session())
    summons = Summons.objects.get(session=session, side="petitioner")
    assert who(flow, perms.can_acknowledge_summons, session, summons) == {"petitioner"}
    assert "Acknowledge receipt</button>" in page(cast.worker, f"/perselisihan/{flow.id}/")
    assert "Acknowledge receipt</button>" not in page(cast.mediator, f"/perselisihan/{flow.id}/")

    response = flow.clients["petitioner"].post(f"/api/v1/sessions/{session.id}/acknowledge/")
    assert response.status_code == 200, response.content
    summons.refresh_from_db()
    assert who(flow, perms.can_acknowledge_summons, session, summons) == set()
    theirs = Summons.objects.get(session=session, side="respondent")
    assert who(flow, perms.can_acknowledge_summons, session, theirs) == {"respondent"}


def test_can_acknowledge_recommendation_once_per_party(cast):
    flow = Flow(cast).to("recommendation_issued", received=False)
    recommendation = Recommendation.objects.get(dispute_id=flow.id)
    assert who(flow, perms.can_acknowledge_recommendation, recommendation) == set(PARTIES)
    button = "Acknowledge receipt of the recommendation"
    assert button in page(cast.company_user, f"/perselisihan/{flow.id}/")
    assert button not in page(cast.mediator, f"/perselisihan/{flow.id}/")
    response = flow.clients["respondent"].post(f"{flow.url}recommendation/acknowledge/")
    assert response.status_code == 200, response.content
    assert who(flow, perms.can_acknowledge_recommendation, recommendation) == {"petitioner"}
    assert button not in page(cast.company_user, f"/perselisihan/{flow.id}/")


# --- evidence and representatives on the dispute page ------------------------------------------------------


@pytest.mark.parametrize(("state", "expected"), [
    ("draft", set()), ("bipartite", set(PARTIES)), ("mediation", set(PARTIES)), ("settled", set()),
])
def test_evidence_and_representative_forms_are_the_parties_while_open(cast, state, expected):
    flow = Flow(cast).to(state)
    assert who(flow, perms.can_upload_evidence_now) == expected
    named = who(flow, perms.can_name_representative_now)
    assert named == ({"petitioner"} if state == "draft" else expected)
    for role, user in (("petitioner", cast.worker), ("officer", cast.officer)):
        if state == "draft" and role == "officer":
            continue
        html = page(user, f"/perselisihan/{flow.id}/")
        assert ('id="evidence-add"' in html) == (role in expected)
        assert ('id="representative-add"' in html) == (role in named)
    assert not set(OTHERS) & (expected | named)


# --- the menu, and no precondition re-coded in a template --------------------------------------------------


def test_the_filing_wizard_is_a_worker_s_and_the_menu_and_the_service_agree(cast):
    from disputes.services import dispute_create

    assert perms.can_file_dispute(cast.worker)
    for user in (cast.company_user, cast.officer, cast.mediator, AnonymousUser(), perms.SYSTEM):
        assert not perms.can_file_dispute(user)
    assert 'href="/perselisihan/baru/"' in page(cast.worker, "/beranda/")
    for user in (cast.company_user, cast.officer):
        assert 'href="/perselisihan/baru/"' not in page(user, "/beranda/")
    body = {"type": "hak", "respondent": {"nib": cast.company_user.company.nib}, "workplace_regency": "32.73"}
    with pytest.raises(Forbidden):
        dispute_create(by=cast.officer, data=body)
    # A company files through the API only (issue 9: against a worker or a union), never against a company.
    with pytest.raises(Invalid) as refused:
        dispute_create(by=cast.company_user, data=body)
    assert "respondent" in refused.value.details


def test_no_template_decides_an_action_from_the_role_or_the_state():
    """What a page offers comes from a named predicate in the view's context (or the one filter), never from
    `user.role` or a dispute's state compared in a template."""
    import re
    from pathlib import Path

    from django.conf import settings

    pattern = re.compile(r"\{%-?\s*(?:el)?if\b[^%]*?(?:\buser\.role\b|\.role\s*[!=]=|\bdispute\.(?:state|status)\b)")
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    found = [f"{path}: {match.group(0)}" for root in roots for path in root.rglob("*.html")
             for match in pattern.finditer(path.read_text())]
    assert found == []
