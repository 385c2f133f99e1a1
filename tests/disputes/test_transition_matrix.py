"""Every transition tried from every state by every role: allowed exactly where workflow.md says,
refused with the spec's code everywhere else (409 wrong state, 403 may see but never act, 404 may not see).

The expectations below are written from the spec's table, not imported from the application."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.workflow import ALL_TRANSITIONS, PATHS, Cast, Flow

PARTIES = ["petitioner", "respondent"]
NON_TERMINAL = ["draft", "bipartite_invited", "bipartite", "bipartite_failed", "registration_submitted",
                "registration_returned", "adr_offered", "awaiting_mediator", "mediation", "recommendation_issued",
                "agreement_drafting"]

# transition: (who may make it, from which states, the state it leads to from the canonical set-up)
SPEC: dict[str, tuple[list[str], list[str], str | None]] = {
    "submit": (["petitioner"], ["draft"], "bipartite_invited"),
    "accept_bipartite": (["respondent"], ["bipartite_invited"], "bipartite"),
    "decline_bipartite": (["respondent"], ["bipartite_invited"], "bipartite_failed"),
    "expire_invitation": ([], ["bipartite_invited"], None),
    "propose_agreement": (PARTIES, ["bipartite"], "agreement_drafting"),
    "fail_bipartite": (PARTIES, ["bipartite"], "bipartite_failed"),
    "expire_bipartite": ([], ["bipartite"], None),
    "register": (PARTIES, ["bipartite_failed"], "registration_submitted"),
    "return_registration": (["officer"], ["registration_submitted"], "registration_returned"),
    "resubmit_registration": (["petitioner"], ["registration_returned"], "registration_submitted"),
    "accept_registration": (["officer"], ["registration_submitted"], "adr_offered"),
    "choose_route": (PARTIES, ["adr_offered"], "awaiting_mediator"),
    "expire_route_choice": ([], ["adr_offered"], None),
    "assign_mediator": (["officer"], ["awaiting_mediator"], "mediation"),
    "reach_agreement": (["mediator"], ["mediation"], "agreement_drafting"),
    "issue_recommendation": (["mediator"], ["mediation"], "recommendation_issued"),
    # One acceptance leaves the recommendation waiting for the other party.
    "respond_recommendation": (PARTIES, ["recommendation_issued"], "recommendation_issued"),
    "expire_recommendation": ([], ["recommendation_issued"], None),
    # One signature leaves the agreement waiting for the other.
    "sign_agreement": ([*PARTIES, "mediator"], ["agreement_drafting"], "agreement_drafting"),
    "reject_agreement": (PARTIES, ["agreement_drafting"], "bipartite"),
    "strike_off": (["mediator"], ["mediation"], "struck_off"),
    "withdraw": (["petitioner"], NON_TERMINAL, "withdrawn"),
}

# States in which the canonical dispute has an assigned mediator.
MEDIATOR_ASSIGNED = {"mediation", "recommendation_issued", "court_referral", "struck_off"}
# States of the canonical set-up in which only the petitioner can see the dispute (never submitted).
PRIVATE = {"draft", "withdrawn"}
OUTSIDERS = ["other_worker", "other_company", "foreign_officer", "foreign_mediator"]


def _prepare(flow: Flow, name: str) -> None:
    """Satisfy the transition's precondition so that only the state decides."""
    if name == "fail_bipartite":
        flow.record_meeting()
    elif name == "issue_recommendation":
        flow.hold_session()
    elif name == "strike_off":
        for _ in range(3):
            flow.hold_session(petitioner="absent")


def _expected(state: str, name: str, role: str) -> int:
    actors, sources, _target = SPEC[name]
    if role in OUTSIDERS or (state in PRIVATE and role != "petitioner"):
        return 404
    acts = role in actors and (role != "mediator" or state in MEDIATOR_ASSIGNED)
    if not acts:
        return 403
    return 200 if state in sources else 409


def test_spec_table_covers_every_transition():
    assert sorted(SPEC) == sorted(ALL_TRANSITIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(PATHS))
def test_transition_matrix(state):
    flow = Flow(Cast(), type="kepentingan" if state == "referred_arbitration" else "phk").to(state)
    failures = []
    for name in ALL_TRANSITIONS:
        for role in flow.cast.roles():
            expected = _expected(state, name, role)
            savepoint = transaction.savepoint()
            try:
                if expected == 200:
                    _prepare(flow, name)
                response = flow.attempt(role, name)
                body = response.json()
                ok = response.status_code == expected
                if ok and expected == 200:
                    ok = body["status"] == SPEC[name][2]
                elif ok and expected == 409:
                    ok = (body["error"]["code"] == "transition_not_allowed"
                          and body["error"]["details"]["state"] == state
                          and body["error"]["details"]["allowed"] == flow.get(role)["available_transitions"]
                          and name not in body["error"]["details"]["allowed"])
                elif ok:
                    ok = body["error"]["code"] == {403: "forbidden", 404: "not_found"}[expected]
                if not ok:
                    failures.append((name, role, expected, response.status_code, body))
            finally:
                transaction.savepoint_rollback(savepoint)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(PATHS))
def test_available_transitions_are_exactly_the_allowed_ones(state):
    """available_transitions lists, per user, what the matrix allows (preconditions aside)."""
    flow = Flow(Cast(), type="kepentingan" if state == "referred_arbitration" else "phk").to(state)
    needs_precondition = {"fail_bipartite", "issue_recommendation", "strike_off"}
    for role in ["petitioner", "respondent", "officer", "mediator", "other_mediator"]:
        if state in PRIVATE and role != "petitioner":
            continue
        expected = sorted(n for n in ALL_TRANSITIONS if _expected(state, n, role) == 200
                          and n not in needs_precondition)
        assert sorted(flow.get(role)["available_transitions"]) == expected, role
