"""One visibility rule: `Dispute.objects.visible_to(user)` (the lists) and `can_see_dispute` (one dispute)
answer the same for every role in every state, and the API's list and detail follow them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from disputes import permissions as perms
from disputes.models import Dispute
from disputes.selectors import dispute_list_for
from tests.conftest import client_for
from tests.factories import OfficerFactory, UserFactory, office
from tests.workflow import PATHS, Cast, Flow

pytestmark = pytest.mark.django_db

# Who sees a dispute once it is submitted; before that (a draft, or a draft withdrawn) only the petitioner.
SEE_SUBMITTED = {"petitioner", "respondent", "officer", "mediator", "other_mediator"}
NEVER = {"other_worker", "other_company", "foreign_officer", "foreign_mediator", "admin", "anonymous", "system"}
NOT_SUBMITTED = {"draft", "withdrawn"}  # the canonical path to `withdrawn` withdraws the draft


def everyone(cast: Cast) -> dict[str, object]:
    return {**cast.roles(), "admin": UserFactory(role="", is_staff=True, is_superuser=True),
            "anonymous": AnonymousUser(), "system": perms.SYSTEM}


def expected(role: str, dispute: Dispute) -> bool:
    if role == "petitioner":
        return True
    return role in SEE_SUBMITTED and dispute.submitted_at is not None


def assert_rule_agrees(dispute: Dispute, users: dict[str, object]) -> dict[str, bool]:
    """For each user: the queryset, the list selector and the predicate agree; answers who sees it."""
    seen = {}
    for role, user in users.items():
        by_query = Dispute.objects.visible_to(user).filter(pk=dispute.pk).exists()
        by_list = dispute_list_for(user=user).filter(pk=dispute.pk).exists()
        by_predicate = perms.can_see_dispute(user, dispute)
        assert by_query == by_list == by_predicate, (role, dispute.state, by_query, by_list, by_predicate)
        seen[role] = by_predicate
    return seen


@pytest.mark.parametrize("state", list(PATHS))
def test_every_role_in_every_state_sees_by_one_rule(state):
    cast = Cast()
    flow = Flow(cast, type="kepentingan" if state == "referred_arbitration" else "phk").to(state)
    dispute = Dispute.objects.get(pk=flow.id)
    assert (dispute.submitted_at is None) == (state in NOT_SUBMITTED)
    users = everyone(cast)

    seen = assert_rule_agrees(dispute, users)

    assert seen == {role: expected(role, dispute) for role in users}
    assert not any(seen[role] for role in NEVER)
    # The API answers the same: the detail (404 for whom the dispute does not exist) and the list.
    for role, user in users.items():
        if role in ("anonymous", "system"):
            continue
        client = flow.clients.get(role) or client_for(user)
        assert client.get(flow.url).status_code == (200 if seen[role] else 404), (role, state)
        listed = [d["id"] for d in client.get("/api/v1/disputes/").json()["results"]]
        assert (flow.id in listed) == seen[role], (role, state)
    assert client_for(None).get(flow.url).status_code == 401


def test_a_withdrawn_submitted_dispute_stays_visible_to_the_company_and_the_office():
    cast = Cast()
    flow = Flow(cast).to("bipartite")
    flow.do("petitioner", "withdraw")
    dispute = Dispute.objects.get(pk=flow.id)
    seen = assert_rule_agrees(dispute, everyone(cast))
    assert {role for role, yes in seen.items() if yes} == SEE_SUBMITTED


def test_the_draft_is_the_petitioner_s_alone():
    cast = Cast()
    flow = Flow(cast)
    dispute = Dispute.objects.get(pk=flow.id)
    seen = assert_rule_agrees(dispute, everyone(cast))
    assert {role for role, yes in seen.items() if yes} == {"petitioner"}
    # the company it names and the office it goes to are refused, as is anyone else
    for role in ("respondent", "officer", "mediator", "other_worker"):
        assert flow.clients[role].get(flow.url).status_code == 404


def test_an_inactive_account_sees_nothing():
    cast = Cast()
    flow = Flow(cast).to("bipartite")
    dispute = Dispute.objects.get(pk=flow.id)
    for user in (cast.worker, cast.company_user, cast.officer):
        user.is_active = False
        user.save(update_fields=["is_active"])
    seen = assert_rule_agrees(dispute, {"petitioner": cast.worker, "respondent": cast.company_user,
                                        "officer": cast.officer})
    assert not any(seen.values())


def test_the_assigned_mediator_sees_it_and_a_mediator_of_another_office_does_not():
    cast = Cast()
    flow = Flow(cast).to("mediation")
    dispute = Dispute.objects.get(pk=flow.id)
    assert dispute.mediator_id == cast.mediator.id
    seen = assert_rule_agrees(dispute, cast.roles())
    assert seen["mediator"] and seen["other_mediator"]
    assert not seen["foreign_mediator"] and not seen["foreign_officer"]


def test_after_the_hand_over_the_province_sees_it_and_the_regency_no_longer_does():
    from accounts.models import User

    cast = Cast()
    flow = Flow(cast).to("awaiting_mediator")
    province_officer = OfficerFactory(office=office("32"))
    User.objects.filter(role="mediator", office_id="32.73").update(is_active=False)
    response = flow.clients["officer"].post(f"{flow.url}hand-over/", {
        "letter_number": "560/123/Disnaker", "letter_date": "2026-12-01", "reason": "Belum ada mediator aktif."},
        format="json")
    assert response.status_code == 200, response.content
    dispute = Dispute.objects.get(pk=flow.id)
    cast.officer.refresh_from_db()
    seen = assert_rule_agrees(dispute, {"province_officer": province_officer, "officer": cast.officer,
                                        "petitioner": cast.worker, "respondent": cast.company_user})
    assert seen == {"province_officer": True, "officer": False, "petitioner": True, "respondent": True}
