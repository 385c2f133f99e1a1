"""Pelimpahan: a kabupaten/kota office without an active mediator hands a dispute to the province's office."""

import pytest
from django.utils import timezone

from accounts.models import User
from disputes.models import Dispute, DisputeEvent
from tests.conftest import client_for
from tests.factories import OfficerFactory, office
from tests.workflow import PATHS, Cast, Flow

BODY = {"letter_number": "560/123/Disnaker", "letter_date": "2026-12-01", "reason": "Belum ada mediator aktif."}


def _no_active_mediator(code: str = "32.73") -> None:
    User.objects.filter(role="mediator", office_id=code).update(is_active=False)


def _hand_over(client, flow, body=BODY):
    return client.post(f"{flow.url}hand-over/", body, format="json")


@pytest.mark.django_db
def test_officer_hands_a_dispute_to_the_province_and_the_province_takes_it():
    flow = Flow(Cast()).to("awaiting_mediator")
    province_officer = OfficerFactory(office=office("32"))
    _no_active_mediator()
    response = _hand_over(flow.clients["officer"], flow)
    assert response.status_code == 200, response.content
    dispute = Dispute.objects.get(pk=flow.id)
    assert (dispute.office_id, dispute.state) == ("32", "awaiting_mediator")
    event = DisputeEvent.objects.get(dispute=dispute, name="handed_over")
    assert event.payload["from"]["code"] == "32.73" and event.payload["to"]["code"] == "32"
    assert event.payload["letter_number"] == "560/123/Disnaker"
    # The province's officer now sees it (and is told); the regency's officer no longer does.
    assert client_for(province_officer).get(flow.url).status_code == 200
    assert province_officer.notifications.filter(kind="handed_over", dispute=dispute).exists()
    assert flow.clients["officer"].get(flow.url).status_code == 404
    assert flow.get()["workplace_regency"] == "32.73"  # the workplace stays what it was


@pytest.mark.django_db
def test_hand_over_is_refused_while_the_office_has_an_active_mediator():
    flow = Flow(Cast()).to("awaiting_mediator")
    response = _hand_over(flow.clients["officer"], flow)
    assert response.status_code == 409
    assert Dispute.objects.get(pk=flow.id).office_id == "32.73"


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [
    ("petitioner", 403), ("respondent", 403), ("mediator", 403), ("other_mediator", 403),
    ("foreign_officer", 404), ("foreign_mediator", 404), ("other_worker", 404), ("other_company", 404),
])
def test_hand_over_by_anyone_but_the_office_s_officer_is_refused(role, status):
    flow = Flow(Cast()).to("awaiting_mediator")
    if not role.endswith("mediator"):  # a deactivated mediator could not even sign in (401)
        _no_active_mediator()
    assert _hand_over(flow.clients[role], flow).status_code == status
    assert Dispute.objects.get(pk=flow.id).office_id == "32.73"


@pytest.mark.django_db
@pytest.mark.parametrize("state", [s for s in PATHS if s not in {"awaiting_mediator", "draft", "withdrawn"}])
def test_hand_over_from_any_other_state_is_refused_409(state):
    flow = Flow(Cast(), type="kepentingan" if state == "referred_arbitration" else "phk").to(state)
    _no_active_mediator()
    assert _hand_over(flow.clients["officer"], flow).status_code == 409
    assert Dispute.objects.get(pk=flow.id).office_id == "32.73"


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "withdrawn"])
def test_hand_over_of_a_draft_is_404_for_the_officer(state):
    flow = Flow(Cast()).to(state)  # withdrawn from draft: never submitted, so the office never saw it
    assert _hand_over(flow.clients["officer"], flow).status_code == 404


@pytest.mark.django_db
def test_a_province_s_office_cannot_hand_over():
    cast = Cast(officer=OfficerFactory(office=office("32")))
    flow = Flow(cast, workplace_regency=["32.73", "32.04"]).to("awaiting_mediator")
    assert Dispute.objects.get(pk=flow.id).office_id == "32"
    _no_active_mediator("32")
    assert _hand_over(flow.clients["officer"], flow).status_code == 403


@pytest.mark.django_db
def test_hand_over_without_a_reason_is_400():
    flow = Flow(Cast()).to("awaiting_mediator")
    _no_active_mediator()
    body = {k: v for k, v in BODY.items() if k != "reason"}
    response = _hand_over(flow.clients["officer"], flow, body)
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["details"]


@pytest.mark.django_db
def test_hand_over_without_a_letter_number_takes_the_office_s_next_one_dated_today():
    flow = Flow(Cast()).to("awaiting_mediator")
    _no_active_mediator()
    response = _hand_over(flow.clients["officer"], flow, {"reason": "Belum ada mediator aktif."})
    assert response.status_code == 200, response.content
    event = DisputeEvent.objects.get(dispute_id=flow.id, name="handed_over")
    year = timezone.localdate().year
    assert event.payload["letter_number"] == f"32.73/PLM/{year}/00001"
    assert event.payload["letter_date"] == timezone.localdate().isoformat()
