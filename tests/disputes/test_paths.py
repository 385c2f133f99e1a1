"""Every path through workflow.md, end to end through the HTTP API only.

At each step: the dispute's status, next_actor and available_transitions for the parties and the office's
staff, its number / registration_number / closed_at, and the audit trail (one event per transition with
its name, source, target and actor). The documents of state (recommendation answers, agreement
signatures) are read through GET /recommendation/ and /agreement/.

The expectations are written from the spec (workflow.md, api.md), not imported from the application."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import client_for
from tests.factories import CompanyUserFactory
from tests.workflow import ALL_TRANSITIONS, VALID_PAYLOADS, Cast, Flow

pytestmark = pytest.mark.django_db

TERMINAL = {"settled", "court_referral", "referred_conciliation", "referred_arbitration", "struck_off",
            "withdrawn"}
ROLES = ("petitioner", "respondent", "officer", "mediator")
NUMBER_RE = re.compile(r"^32\.73/PHI/(\d{4})/\d{5}$")
REGISTRATION_RE = re.compile(r"^32\.73/REG/(\d{4})/\d{5}$")
TERMS = VALID_PAYLOADS["propose_agreement"]["terms"]
MEDIATION_TERMS = VALID_PAYLOADS["reach_agreement"]["terms"]
RECOMMENDATION = VALID_PAYLOADS["issue_recommendation"]


def _actor(user) -> dict | None:
    return None if user is None else {"id": user.id, "name": user.name, "role": user.role}


def _after(iso: str, seconds: int = 1) -> str:
    return (dt.datetime.fromisoformat(iso) + dt.timedelta(seconds=seconds)).isoformat()


class Journey:
    """A Flow whose every step is checked against the spec, for all four actors at once."""

    def __init__(self, cast: Cast | None = None, **fields):
        self.cast = cast or Cast()
        self.flow = Flow(self.cast, **fields)
        self.clients = dict(self.flow.clients)
        self.users = dict(self.cast.roles())
        self.state = "draft"
        self.number: str | None = None
        self.registration_number: str | None = None
        self.transitions: list[tuple] = []  # (name, source, target, actor) as the spec says they happened
        self.hidden: set[str] = set()  # roles that may not see the dispute at all
        self.check(next_actor=["petitioner"], avail={"petitioner": ["submit", "withdraw"]})

    @property
    def url(self) -> str:
        return self.flow.url

    def get(self, role: str = "petitioner") -> dict:
        response = self.clients[role].get(self.url)
        assert response.status_code == 200, (role, response.content)
        return response.json()

    def post(self, role: str, body: dict):
        return self.clients[role].post(f"{self.url}transitions/", body, format="json")

    def do(self, role: str, name: str, *, to: str, next_actor: list[str], avail: dict[str, list[str]],
           **payload) -> dict:
        """Make the transition as `role`; it must lead to `to`, then everything is checked."""
        if not payload and name != "assign_mediator":
            payload = VALID_PAYLOADS[name]
        if name == "assign_mediator":
            payload = {"mediator": self.cast.mediator.id, **payload}
        response = self.post(role, {"name": name, **payload})
        assert response.status_code == 200, (name, role, response.content)
        body = response.json()
        assert body["status"] == to, (name, body["status"])
        self.transitions.append((name, self.state, to, _actor(self.users[role])))
        self._moved(name, to, body)
        self.check(next_actor=next_actor, avail=avail)
        return body

    def system(self, name: str, *, to: str, next_actor: list[str], avail: dict[str, list[str]]) -> None:
        """A system transition the sweep just made: recorded with no actor."""
        self.transitions.append((name, self.state, to, None))
        self._moved(name, to, self.get())
        self.check(next_actor=next_actor, avail=avail)

    def _moved(self, name: str, to: str, body: dict) -> None:
        self.state = to
        if name == "submit":
            match = NUMBER_RE.match(body["number"] or "")
            assert match, body["number"]
            assert match.group(1) == body["submitted_at"][:4]
            self.number = body["number"]
        if name == "accept_registration":
            match = REGISTRATION_RE.match(body["registration_number"] or "")
            assert match, body["registration_number"]
            self.registration_number = body["registration_number"]

    def refuse(self, role: str, body: dict, status: int, code: str) -> dict:
        """A transition request that must be refused without changing anything."""
        before = len(self.events())
        response = self.post(role, body)
        assert response.status_code == status, (body, role, response.content)
        error = response.json()["error"]
        assert error["code"] == code, error
        if code == "transition_not_allowed":
            assert error["details"]["state"] == self.state
            assert error["details"]["allowed"] == self.get(role)["available_transitions"]
        assert len(self.events()) == before
        assert self.get()["status"] == self.state
        return error

    def events(self, role: str = "petitioner") -> list[dict]:
        response = self.clients[role].get(f"{self.url}events/")
        assert response.status_code == 200, response.content
        return response.json()["results"]

    def transition_events(self) -> list[dict]:
        return [e for e in self.events() if e["name"] in ALL_TRANSITIONS]

    def check(self, *, next_actor: list[str], avail: dict[str, list[str]]) -> None:
        """Status, next_actor, available_transitions (roles not named may do nothing), numbers,
        closed_at, and the audit trail: one event per transition made so far, in order."""
        assert not set(avail) - set(ROLES), avail
        for role in ROLES:
            response = self.clients[role].get(self.url)
            if role in self.hidden or (self.number is None and role != "petitioner"):
                # Never submitted: nobody but the petitioner can learn the dispute exists.
                assert response.status_code == 404, (role, response.content)
                assert response.json()["error"]["code"] == "not_found"
                continue
            assert response.status_code == 200, (role, response.content)
            body = response.json()
            assert body["status"] == self.state, (role, body["status"])
            assert sorted(body["next_actor"]) == sorted(next_actor), (role, body["next_actor"])
            assert sorted(body["available_transitions"]) == sorted(avail.get(role, [])), (
                self.state, role, body["available_transitions"])
            assert body["number"] == self.number
            assert body["registration_number"] == self.registration_number
            assert (body["closed_at"] is not None) == (self.state in TERMINAL), (self.state, body["closed_at"])
        seen = [(e["name"], e["source"], e["target"], e["actor"]) for e in self.transition_events()]
        assert seen == self.transitions, seen

    def rooms(self, role: str) -> set[str]:
        return {r["kind"] for r in self.get(role)["rooms"]}

    def agreement(self, role: str = "petitioner") -> dict:
        response = self.clients[role].get(f"{self.url}agreement/")
        assert response.status_code == 200, response.content
        return response.json()

    def recommendation(self, role: str = "petitioner") -> dict:
        response = self.clients[role].get(f"{self.url}recommendation/")
        assert response.status_code == 200, response.content
        return response.json()

    def deadlines(self) -> dict[tuple[str, tuple[str, ...]], dict]:
        return {(d["key"], tuple(d["owed_by"])): d for d in self.get()["deadlines"]}


# --- shared stretches of road, each step checked ------------------------------------------------------------


def _submit(j: Journey) -> None:
    j.do("petitioner", "submit", to="bipartite_invited", next_actor=["respondent"],
         avail={"petitioner": ["withdraw"], "respondent": ["accept_bipartite", "decline_bipartite"]})


def _accept(j: Journey) -> None:
    j.do("respondent", "accept_bipartite", to="bipartite", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["propose_agreement", "withdraw"], "respondent": ["propose_agreement"]})


def _decline_and_register(j: Journey, *, by: str = "petitioner") -> None:
    j.do("respondent", "decline_bipartite", to="bipartite_failed", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["register", "withdraw"], "respondent": ["register"]})
    assert j.get()["failure_reason"] == "declined"
    j.do(by, "register", to="registration_submitted", next_actor=["officer"],
         avail={"petitioner": ["withdraw"], "officer": ["return_registration", "accept_registration"]})


def _accept_registration(j: Journey) -> None:
    j.do("officer", "accept_registration", to="adr_offered", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["choose_route", "withdraw"], "respondent": ["choose_route"]})


def _to_mediation(j: Journey) -> None:
    _submit(j)
    _decline_and_register(j)
    _accept_registration(j)
    j.do("respondent", "choose_route", route="mediation", to="awaiting_mediator", next_actor=["officer"],
         avail={"petitioner": ["withdraw"], "officer": ["assign_mediator"]})
    j.do("officer", "assign_mediator", to="mediation", next_actor=["mediator"],
         avail={"petitioner": ["withdraw"], "mediator": ["reach_agreement"]})
    assert j.get()["mediator"] == {"id": j.cast.mediator.id, "name": j.cast.mediator.name}


def _hold_first_session(j: Journey) -> None:
    j.flow.hold_session()
    j.check(next_actor=["mediator"],
            avail={"petitioner": ["withdraw"], "mediator": ["reach_agreement", "issue_recommendation"]})


def _issue_recommendation(j: Journey) -> None:
    j.do("mediator", "issue_recommendation", to="recommendation_issued", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["respond_recommendation", "withdraw"], "respondent": ["respond_recommendation"]})
    rec = j.recommendation()
    assert rec["considerations"] == RECOMMENDATION["considerations"]
    assert rec["recommendations"] == RECOMMENDATION["recommendations"]
    assert rec["answers"] == []


def _sign_three(j: Journey) -> None:
    """Both parties and the mediator as witness sign; settled only after the third signature."""
    j.do("petitioner", "sign_agreement", to="agreement_drafting", next_actor=["respondent", "mediator"],
         avail={"petitioner": ["reject_agreement", "withdraw"], "respondent": ["sign_agreement", "reject_agreement"],
                "mediator": ["sign_agreement"]})
    j.do("respondent", "sign_agreement", to="agreement_drafting", next_actor=["mediator"],
         avail={"petitioner": ["reject_agreement", "withdraw"], "respondent": ["reject_agreement"],
                "mediator": ["sign_agreement"]})
    j.do("mediator", "sign_agreement", to="settled", next_actor=[], avail={})
    agreement = j.agreement("mediator")
    assert [(s["role"], s["user"]["id"]) for s in agreement["signatures"]] == [
        ("petitioner", j.cast.worker.id), ("respondent", j.cast.company_user.id), ("mediator", j.cast.mediator.id)]


MEDIATION_AGREEMENT_AVAIL = {"petitioner": ["sign_agreement", "reject_agreement", "withdraw"],
                             "respondent": ["sign_agreement", "reject_agreement"], "mediator": ["sign_agreement"]}


# --- a. settled in bipartite -------------------------------------------------------------------------------


def test_bipartite_agreement_signed_by_both_settles_and_court_registration_is_recorded_once():
    j = Journey()
    _submit(j)
    _accept(j)
    assert j.rooms("petitioner") == j.rooms("respondent") == {"bipartite"}
    assert j.rooms("officer") == j.rooms("mediator") == set()  # the bipartite room is not for staff

    meeting_id = j.flow.record_meeting("petitioner")
    meetings = j.clients["respondent"].get(f"{j.url}bipartite-meetings/").json()["results"]
    assert [(m["id"], sorted(s["side"] for s in m["signatures"])) for m in meetings] == [
        (meeting_id, ["petitioner", "respondent"])]
    j.check(next_actor=["petitioner", "respondent"],
            avail={"petitioner": ["propose_agreement", "fail_bipartite", "withdraw"],
                   "respondent": ["propose_agreement", "fail_bipartite"]})

    j.do("respondent", "propose_agreement", to="agreement_drafting", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["sign_agreement", "reject_agreement", "withdraw"],
                "respondent": ["sign_agreement", "reject_agreement"]})
    agreement = j.agreement("respondent")
    assert (agreement["terms"], agreement["origin"], agreement["required"], agreement["signatures"]) == (
        TERMS, "bipartite", ["petitioner", "respondent"], [])
    # The agreement of a bipartite negotiation is the parties' business only.
    for role in ("officer", "mediator"):
        response = j.clients[role].get(f"{j.url}agreement/")
        assert response.status_code == 403, (role, response.content)
        assert response.json()["error"]["code"] == "forbidden"

    j.do("petitioner", "sign_agreement", to="agreement_drafting", next_actor=["respondent"],
         avail={"petitioner": ["reject_agreement", "withdraw"], "respondent": ["sign_agreement", "reject_agreement"]})
    assert [s["role"] for s in j.agreement()["signatures"]] == ["petitioner"]
    j.do("respondent", "sign_agreement", to="settled", next_actor=[], avail={})
    agreement = j.agreement()
    assert [(s["role"], s["user"]["id"]) for s in agreement["signatures"]] == [
        ("petitioner", j.cast.worker.id), ("respondent", j.cast.company_user.id)]
    assert {d["key"]: d["state"] for d in j.get()["deadlines"]} == {
        "invitation_response": "met", "bipartite": "met", "agreement_drafting": "met"}

    registration = {"court": "PHI pada PN Bandung", "akta_number": "12/Akta/PHI/2026", "registered_on": "2026-11-20"}
    response = j.clients["respondent"].post(f"{j.url}court-registration/", registration, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "settled"
    assert response.json()["id"] == j.flow.id
    recorded = [e for e in j.events() if e["name"] == "court_registration"]
    assert [(e["actor"], e["payload"]) for e in recorded] == [(_actor(j.cast.company_user), registration)]

    again = j.clients["petitioner"].post(f"{j.url}court-registration/",
                                         {**registration, "akta_number": "13/Akta/PHI/2026"}, format="json")
    assert again.status_code == 409, again.content
    assert again.json()["error"]["code"] == "conflict"
    assert [e["payload"]["akta_number"] for e in j.events() if e["name"] == "court_registration"] == [
        "12/Akta/PHI/2026"]


# --- b. declined, registered, returned, resubmitted, mediation, agreement in mediation --------------------


def test_declined_case_returned_resubmitted_mediated_and_settled_with_mediator_as_witness():
    j = Journey()
    _submit(j)
    j.do("respondent", "decline_bipartite", to="bipartite_failed", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["register", "withdraw"], "respondent": ["register"]})
    assert j.get()["failure_reason"] == "declined"
    assert j.transition_events()[-1]["payload"]["reason"] == VALID_PAYLOADS["decline_bipartite"]["reason"]

    j.do("respondent", "register", to="registration_submitted", next_actor=["officer"],
         avail={"petitioner": ["withdraw"], "officer": ["return_registration", "accept_registration"]})
    missing = ["Salinan PKWT", "Slip gaji tiga bulan terakhir"]
    j.do("officer", "return_registration", missing_items=missing, to="registration_returned",
         next_actor=["petitioner"], avail={"petitioner": ["resubmit_registration", "withdraw"]})
    assert j.transition_events()[-1]["payload"]["missing_items"] == missing
    j.do("petitioner", "resubmit_registration", to="registration_submitted", next_actor=["officer"],
         avail={"petitioner": ["withdraw"], "officer": ["return_registration", "accept_registration"]})
    _accept_registration(j)

    j.do("petitioner", "choose_route", route="mediation", to="awaiting_mediator", next_actor=["officer"],
         avail={"petitioner": ["withdraw"], "officer": ["assign_mediator"]})
    assert all(j.rooms(role) == set() for role in ROLES)
    j.do("officer", "assign_mediator", to="mediation", next_actor=["mediator"],
         avail={"petitioner": ["withdraw"], "mediator": ["reach_agreement"]})
    assert j.rooms("petitioner") == {"joint", "caucus_petitioner"}
    assert j.rooms("respondent") == {"joint", "caucus_respondent"}
    assert j.rooms("mediator") == {"joint", "caucus_petitioner", "caucus_respondent"}
    assert j.rooms("officer") == set()
    assert j.get("other_mediator")["rooms"] == []

    _hold_first_session(j)
    j.do("mediator", "reach_agreement", to="agreement_drafting", next_actor=["petitioner", "respondent", "mediator"],
         avail=MEDIATION_AGREEMENT_AVAIL)
    agreement = j.agreement("mediator")
    assert (agreement["terms"], agreement["origin"], agreement["required"], agreement["signatures"]) == (
        MEDIATION_TERMS, "mediation", ["petitioner", "respondent", "mediator"], [])
    _sign_three(j)

    # A second dispute gets a different number and registration number, in the same format.
    other = Journey(j.cast)
    _submit(other)
    _decline_and_register(other)
    _accept_registration(other)
    assert other.number != j.number
    assert other.registration_number != j.registration_number


# --- c. recommendation accepted by both, then signed ---------------------------------------------------------


def test_recommendation_accepted_by_both_becomes_the_agreement_and_settles_after_three_signatures():
    j = Journey()
    _to_mediation(j)
    _hold_first_session(j)
    _issue_recommendation(j)
    j.do("petitioner", "respond_recommendation", accept=True, to="recommendation_issued", next_actor=["respondent"],
         avail={"petitioner": ["withdraw"], "respondent": ["respond_recommendation"]})
    j.do("respondent", "respond_recommendation", accept=True, to="agreement_drafting",
         next_actor=["petitioner", "respondent", "mediator"], avail=MEDIATION_AGREEMENT_AVAIL)
    answers = j.recommendation("officer")["answers"]
    assert [(a["side"], a["accept"], a["by_silence"]) for a in answers] == [
        ("petitioner", True, False), ("respondent", True, False)]
    agreement = j.agreement()
    # The draft's items are the anjuran's recommendations (without their numbering), not the anjuran letter.
    assert (agreement["terms"], agreement["origin"], agreement["required"]) == (
        "Perusahaan membayar pesangon 2 x ketentuan.", "mediation", ["petitioner", "respondent", "mediator"])
    assert [(i["kind"], i["description"]) for i in agreement["items"]] == [
        ("obligation", "Perusahaan membayar pesangon 2 x ketentuan.")]
    _sign_three(j)


# --- d. recommendation rejected by one party ----------------------------------------------------------------


def test_recommendation_rejected_by_one_party_refers_to_court_and_the_other_cannot_answer():
    j = Journey()
    _to_mediation(j)
    _hold_first_session(j)
    _issue_recommendation(j)
    error = j.refuse("respondent", {"name": "respond_recommendation", "accept": False}, 400, "invalid")
    assert "reason" in error["details"]
    j.do("respondent", "respond_recommendation", accept=False, reason="Nilai pesangon terlalu tinggi",
         to="court_referral", next_actor=[], avail={})
    j.refuse("petitioner", {"name": "respond_recommendation", "accept": True}, 409, "transition_not_allowed")
    answers = j.recommendation("mediator")["answers"]
    assert [(a["side"], a["accept"], a["reason"], a["by_silence"]) for a in answers] == [
        ("respondent", False, "Nilai pesangon terlalu tinggi", False)]
    assert j.transition_events()[-1]["payload"]["accept"] is False


# --- e. rejected by silence, through the management command ------------------------------------------------


def test_recommendation_unanswered_by_one_party_is_rejected_by_silence_by_the_sweep_command():
    j = Journey()
    _to_mediation(j)
    _hold_first_session(j)
    _issue_recommendation(j)
    for side in ("petitioner", "respondent"):  # each one's clock runs from its receipt (UU 2/2004 Art. 13(2)(c))
        j.flow.acknowledge_recommendation(side)
    j.do("petitioner", "respond_recommendation", accept=True, to="recommendation_issued", next_actor=["respondent"],
         avail={"petitioner": ["withdraw"], "respondent": ["respond_recommendation"]})
    due = j.deadlines()[("recommendation_answer", ("respondent",))]["due_at"]

    out = io.StringIO()
    call_command("process_deadlines", now=_after(due), stdout=out)
    assert "expired=1" in out.getvalue(), out.getvalue()
    j.system("expire_recommendation", to="court_referral", next_actor=[], avail={})
    event = j.transition_events()[-1]
    assert event["payload"]["rejected_by_silence"] == ["respondent"]

    answers = {a["side"]: a for a in j.recommendation()["answers"]}
    assert (answers["petitioner"]["accept"], answers["petitioner"]["by_silence"]) == (True, False)
    assert (answers["respondent"]["accept"], answers["respondent"]["by_silence"]) == (False, True)
    deadlines = j.deadlines()
    assert deadlines[("recommendation_answer", ("petitioner",))]["state"] == "met"
    assert deadlines[("recommendation_answer", ("respondent",))]["state"] == "expired"
    j.refuse("respondent", {"name": "respond_recommendation", "accept": True}, 409, "transition_not_allowed")

    before = j.events()
    out = io.StringIO()
    call_command("process_deadlines", now=_after(due, 3600), stdout=out)
    assert "expired=0" in out.getvalue(), out.getvalue()
    assert j.events() == before
    assert j.deadlines() == deadlines


# --- f. struck off after three absences ------------------------------------------------------------------


def test_strike_off_refused_after_two_absences_and_allowed_after_the_third():
    j = Journey()
    _to_mediation(j)
    both = ["reach_agreement", "issue_recommendation"]
    for _ in range(2):
        j.flow.hold_session(petitioner="absent")
    j.check(next_actor=["mediator"], avail={"petitioner": ["withdraw"], "mediator": both})
    j.refuse("mediator", {"name": "strike_off"}, 409, "transition_not_allowed")

    j.flow.hold_session(petitioner="absent")
    j.check(next_actor=["mediator"], avail={"petitioner": ["withdraw"], "mediator": [*both, "strike_off"]})
    j.do("mediator", "strike_off", to="struck_off", next_actor=[], avail={})

    sessions = j.clients["mediator"].get(f"{j.url}sessions/").json()["results"]
    numbers = {side: [s["number"] for session in sessions for s in session["summons"] if s["side"] == side]
               for side in ("petitioner", "respondent")}
    assert numbers == {"petitioner": [1, 2, 3], "respondent": [1, 2, 3]}
    assert [s["attendance"]["petitioner"] for s in sessions] == ["absent"] * 3


# --- g. withdrawn ---------------------------------------------------------------------------------------


def test_withdraw_from_bipartite_with_reason_ends_withdrawn():
    j = Journey()
    _submit(j)
    _accept(j)
    j.do("petitioner", "withdraw", reason="Sudah berdamai", to="withdrawn", next_actor=[], avail={})
    assert j.transition_events()[-1]["payload"]["reason"] == "Sudah berdamai"
    assert all(d["state"] == "met" for d in j.get()["deadlines"])


def test_withdraw_from_draft_without_reason_ends_withdrawn():
    j = Journey()
    response = j.post("petitioner", {"name": "withdraw"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    j.transitions.append(("withdraw", "draft", "withdrawn", _actor(j.cast.worker)))
    j.state = "withdrawn"
    j.check(next_actor=[], avail={})


@pytest.mark.parametrize("body", [{"name": "withdraw"}, {"name": "withdraw", "reason": ""},
                                  {"name": "withdraw", "reason": "   "}])
def test_withdraw_after_draft_without_reason_is_refused_400(body):
    j = Journey()
    _submit(j)
    _accept(j)
    error = j.refuse("petitioner", body, 400, "invalid")
    assert "reason" in error["details"], error
    j.check(next_actor=["petitioner", "respondent"],
            avail={"petitioner": ["propose_agreement", "withdraw"], "respondent": ["propose_agreement"]})


# --- h. routes --------------------------------------------------------------------------------------------


def test_choose_arbitration_by_both_parties_of_interests_dispute_refers_to_arbitration():
    j = Journey(type="kepentingan")
    _submit(j)
    _decline_and_register(j)
    _accept_registration(j)
    j.do("petitioner", "choose_route", route="arbitration", to="adr_offered", next_actor=["respondent"],
         avail={"petitioner": ["withdraw"], "respondent": ["choose_route"]})
    j.do("respondent", "choose_route", route="arbitration", to="referred_arbitration", next_actor=[], avail={})
    assert [e["payload"]["route"] for e in j.transition_events() if e["name"] == "choose_route"] == [
        "arbitration", "arbitration"]


def test_choose_conciliation_by_both_parties_refers_to_conciliation():
    j = Journey(type="phk")
    _submit(j)
    _decline_and_register(j)
    _accept_registration(j)
    j.do("respondent", "choose_route", route="conciliation", to="adr_offered", next_actor=["petitioner"],
         avail={"petitioner": ["choose_route", "withdraw"]})
    j.do("petitioner", "choose_route", route="conciliation", to="referred_conciliation", next_actor=[], avail={})
    assert {d["key"]: d["state"] for d in j.get()["deadlines"]}["route_choice"] == "met"


@pytest.mark.parametrize(("dispute_type", "route"), [("hak", "conciliation"), ("hak", "arbitration"),
                                                     ("phk", "arbitration")])
def test_choose_route_not_allowed_for_type_is_refused_400(dispute_type, route):
    # A rights dispute now skips the route choice; one registered before that rule still stands in adr_offered.
    j = Journey(type="phk")
    _submit(j)
    _decline_and_register(j)
    _accept_registration(j)
    from disputes.models import Dispute

    Dispute.objects.filter(pk=j.flow.id).update(type=dispute_type)
    for role in ("petitioner", "respondent"):
        error = j.refuse(role, {"name": "choose_route", "route": route}, 400, "invalid")
        assert list(error["details"]) == ["route"], error
    j.check(next_actor=["petitioner", "respondent"],
            avail={"petitioner": ["choose_route", "withdraw"], "respondent": ["choose_route"]})


def test_choose_different_other_routes_stays_offered_then_sweep_defaults_to_mediation():
    j = Journey(type="kepentingan")
    _submit(j)
    _decline_and_register(j)
    _accept_registration(j)
    j.do("petitioner", "choose_route", route="conciliation", to="adr_offered", next_actor=["respondent"],
         avail={"petitioner": ["withdraw"], "respondent": ["choose_route"]})
    # Each party chooses once; with two different choices nobody can choose again: the clock decides.
    j.do("respondent", "choose_route", route="arbitration", to="adr_offered", next_actor=[],
         avail={"petitioner": ["withdraw"]})
    due = j.deadlines()[("route_choice", ("petitioner", "respondent"))]
    assert due["state"] == "open"

    out = io.StringIO()
    call_command("process_deadlines", "--now", _after(due["due_at"]), stdout=out)
    assert "expired=1" in out.getvalue(), out.getvalue()
    j.system("expire_route_choice", to="awaiting_mediator", next_actor=["officer"],
             avail={"petitioner": ["withdraw"], "officer": ["assign_mediator"]})
    assert j.deadlines()[("route_choice", ("petitioner", "respondent"))]["state"] == "expired"


# --- bipartite ends without agreement; an agreement rejected in bipartite --------------------------------


def test_fail_bipartite_refused_without_a_meeting_then_fails_as_no_agreement_and_is_registered():
    j = Journey()
    _submit(j)
    _accept(j)
    j.refuse("respondent", {"name": "fail_bipartite", "reason": "Buntu"}, 409, "transition_not_allowed")
    j.flow.record_meeting("respondent")
    j.do("respondent", "fail_bipartite", to="bipartite_failed", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["register", "withdraw"], "respondent": ["register"]})
    assert j.get()["failure_reason"] == "no_agreement"
    assert j.transition_events()[-1]["payload"]["reason"] == VALID_PAYLOADS["fail_bipartite"]["reason"]
    j.do("petitioner", "register", to="registration_submitted", next_actor=["officer"],
         avail={"petitioner": ["withdraw"], "officer": ["return_registration", "accept_registration"]})
    meetings = j.clients["officer"].get(f"{j.url}bipartite-meetings/")
    assert meetings.status_code == 200, meetings.content  # the minutes are the registration's proof
    assert len(meetings.json()["results"]) == 1


def test_reject_agreement_from_bipartite_returns_to_bipartite_and_clears_signatures():
    j = Journey()
    _submit(j)
    _accept(j)
    j.do("petitioner", "propose_agreement", to="agreement_drafting", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["sign_agreement", "reject_agreement", "withdraw"],
                "respondent": ["sign_agreement", "reject_agreement"]})
    j.do("petitioner", "sign_agreement", to="agreement_drafting", next_actor=["respondent"],
         avail={"petitioner": ["reject_agreement", "withdraw"], "respondent": ["sign_agreement", "reject_agreement"]})
    j.do("respondent", "reject_agreement", to="bipartite", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["propose_agreement", "withdraw"], "respondent": ["propose_agreement"]})
    response = j.clients["petitioner"].get(f"{j.url}agreement/")
    assert response.status_code == 404, response.content
    j.do("respondent", "propose_agreement", terms="Pesangon Rp 25.000.000.", to="agreement_drafting",
         next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["sign_agreement", "reject_agreement", "withdraw"],
                "respondent": ["sign_agreement", "reject_agreement"]})
    assert (j.agreement()["terms"], j.agreement()["signatures"]) == ("Pesangon Rp 25.000.000.", [])


# --- reject_agreement from mediation ------------------------------------------------------------------------


def test_reject_agreement_from_mediation_returns_to_mediation_and_clears_signatures():
    j = Journey()
    _to_mediation(j)
    j.do("mediator", "reach_agreement", to="agreement_drafting", next_actor=["petitioner", "respondent", "mediator"],
         avail=MEDIATION_AGREEMENT_AVAIL)
    j.do("petitioner", "sign_agreement", to="agreement_drafting", next_actor=["respondent", "mediator"],
         avail={"petitioner": ["reject_agreement", "withdraw"], "respondent": ["sign_agreement", "reject_agreement"],
                "mediator": ["sign_agreement"]})
    j.do("mediator", "sign_agreement", to="agreement_drafting", next_actor=["respondent"],
         avail={"petitioner": ["reject_agreement", "withdraw"], "respondent": ["sign_agreement", "reject_agreement"]})
    assert [s["role"] for s in j.agreement()["signatures"]] == ["petitioner", "mediator"]

    j.do("respondent", "reject_agreement", to="mediation", next_actor=["mediator"],
         avail={"petitioner": ["withdraw"], "mediator": ["reach_agreement"]})
    assert j.transition_events()[-1]["payload"]["reason"] == VALID_PAYLOADS["reject_agreement"]["reason"]
    for role in ("petitioner", "respondent", "mediator"):
        response = j.clients[role].get(f"{j.url}agreement/")
        assert response.status_code == 404, (role, response.content)
        assert response.json()["error"]["code"] == "not_found"

    j.do("mediator", "reach_agreement", terms="Pesangon dibayar dua tahap.", to="agreement_drafting",
         next_actor=["petitioner", "respondent", "mediator"], avail=MEDIATION_AGREEMENT_AVAIL)
    agreement = j.agreement()
    assert (agreement["terms"], agreement["signatures"]) == ("Pesangon dibayar dua tahap.", [])


# --- invited company ---------------------------------------------------------------------------------------


def test_invited_company_claims_link_once_then_answers_the_invitation(django_capture_on_commit_callbacks):
    invited = {"name": "CV Belum Terdaftar", "email": "hrd@belum-terdaftar.test", "address": "Jl. Braga 5, Bandung"}
    j = Journey(respondent=invited)
    j.hidden = {"respondent"}  # the cast's company is not the invited one
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        j.do("petitioner", "submit", to="bipartite_invited", next_actor=["respondent"],
             avail={"petitioner": ["withdraw"]})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [invited["email"]]
    assert j.number in message.subject + message.body
    match = re.search(r"https?://\S+\?undangan=([A-Za-z0-9_\-]+)", message.body)
    assert match, message.body
    token = match.group(1)
    assert j.get()["respondent"] == {"company_id": None, "name": invited["name"], "nib": None}

    claimer = CompanyUserFactory()
    client = client_for(claimer)
    assert client.get(j.url).status_code == 404

    bad = client.post("/api/v1/invitations/bukan-token-yang-sah/claim/")
    assert bad.status_code == 400, bad.content
    assert bad.json()["error"]["code"] == "invalid"

    claimed = client.post(f"/api/v1/invitations/{token}/claim/")
    assert claimed.status_code == 200, claimed.content
    assert claimed.json()["id"] == j.flow.id
    assert claimed.json()["respondent"]["company_id"] == claimer.company.id
    seen = client.get(j.url)
    assert seen.status_code == 200, seen.content
    assert sorted(seen.json()["available_transitions"]) == ["accept_bipartite", "decline_bipartite"]

    for second in (client, client_for(CompanyUserFactory())):
        again = second.post(f"/api/v1/invitations/{token}/claim/")
        assert again.status_code == 409, again.content
        assert again.json()["error"]["code"] == "conflict"
    assert client.get(j.url).json()["respondent"]["company_id"] == claimer.company.id

    j.clients["respondent"], j.users["respondent"] = client, claimer
    j.hidden = set()
    j.do("respondent", "accept_bipartite", to="bipartite", next_actor=["petitioner", "respondent"],
         avail={"petitioner": ["propose_agreement", "withdraw"], "respondent": ["propose_agreement"]})
    assert [d["state"] for d in j.get()["deadlines"] if d["key"] == "invitation_response"] == ["met"]
