"""Bad input on the dispute and mediation endpoints: 400 `invalid` naming the field, never 500,
and nothing half-saved (no rows added anywhere, the dispute's state and fields unchanged)."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.utils import timezone

from disputes.models import Deadline, Dispute, DisputeEvent, Evidence, Invitation
from mediation.models import (
    Agreement,
    BipartiteMeeting,
    MediationSession,
    MeetingSignature,
    Recommendation,
    RecommendationAnswer,
    Summons,
)
from tests.conftest import client_for
from tests.factories import CompanyFactory, CompanyUserFactory, MediatorFactory, WorkerFactory, office
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

DISPUTES = "/api/v1/disputes/"
COUNTED = (Dispute, DisputeEvent, Deadline, BipartiteMeeting, MeetingSignature, MediationSession, Summons,
           Evidence, Invitation, Recommendation, RecommendationAnswer, Agreement)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def _leaves(node) -> list:
    if isinstance(node, dict):
        return [m for v in node.values() for m in _leaves(v)]
    if isinstance(node, list):
        return [m for v in node for m in _leaves(v)]
    return [node]


def messages_at(details: dict, path: str) -> list:
    """The messages at a dotted path of `details` ("respondent.nib", "members.1.nik"): a list of
    messages, or for a nested field a tree (by sub-field or item index) whose leaves are messages."""
    node = details
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)]
        else:
            assert isinstance(node, dict) and part in node, (path, details)
            node = node[part]
    assert isinstance(node, list | dict) and node, (path, details)
    messages = _leaves(node)
    assert messages and all(isinstance(m, str) and m for m in messages), (path, details)
    return messages


def assert_invalid(response, *fields: str) -> dict:
    """400 with the one error shape, code `invalid`, and messages for each named field."""
    assert response.status_code == 400, (response.status_code, response.content)
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["code"] == "invalid", body
    assert isinstance(error["message"], str) and error["message"], body
    assert isinstance(error["details"], dict), body
    for field in fields:
        messages_at(error["details"], field)
    return error["details"]


def valid_body(company, **overrides) -> dict:
    return {
        "type": "phk",
        "respondent": {"nib": company.nib},
        "workplace_regency": "32.73",
        "summary": "PHK sepihak",
        "chronology": "Diberhentikan secara lisan pada 1 Oktober.",
        "demands": "Pesangon sesuai PP 35/2021",
        **overrides,
    }


@pytest.fixture
def cast():
    return Cast()


@pytest.fixture
def petitioner(cast):
    return client_for(cast.worker)


# --- POST /api/v1/disputes/ ---------------------------------------------------------------------------


def _without(body: dict, key: str) -> dict:
    return {k: v for k, v in body.items() if k != key}


CREATE_CASES = {
    "missing_type": (lambda b: _without(b, "type"), "type"),
    "missing_respondent": (lambda b: _without(b, "respondent"), "respondent"),
    "missing_workplace_regency": (lambda b: _without(b, "workplace_regency"), "workplace_regency"),
    "unknown_type": (lambda b: {**b, "type": "pidana"}, "type"),
    "type_null": (lambda b: {**b, "type": None}, "type"),
    "type_list": (lambda b: {**b, "type": ["phk"]}, "type"),
    "respondent_empty_object": (lambda b: {**b, "respondent": {}}, "respondent.name"),
    "respondent_without_address": (
        lambda b: {**b, "respondent": {"name": "PT Tanpa Alamat", "email": "hr@tanpa.test"}}, "respondent.address"),
    "respondent_without_email": (
        lambda b: {**b, "respondent": {"name": "PT Tanpa Surel", "address": "Jl. A"}}, "respondent.email"),
    "respondent_a_string": (lambda b: {**b, "respondent": "PT Contoh"}, "respondent"),
    "nib_12_digits": (lambda b: {**b, "respondent": {"nib": "123456789012"}}, "respondent.nib"),
    "nib_14_digits": (lambda b: {**b, "respondent": {"nib": "12345678901234"}}, "respondent.nib"),
    "nib_letters": (lambda b: {**b, "respondent": {"nib": "12345678901ab"}}, "respondent.nib"),
    "nib_unknown": (lambda b: {**b, "respondent": {"nib": "9999999999999"}}, "respondent.nib"),
    "bad_email": (
        lambda b: {**b, "respondent": {"name": "PT X", "email": "bukan-surel", "address": "Jl. B"}},
        "respondent.email"),
    "unknown_regency": (lambda b: {**b, "workplace_regency": "99.99"}, "workplace_regency"),
    "regency_code_malformed": (lambda b: {**b, "workplace_regency": "32.7"}, "workplace_regency"),
    "regency_list_with_unknown": (lambda b: {**b, "workplace_regency": ["32.73", "99.99"]}, "workplace_regency"),
    "regency_empty_list": (lambda b: {**b, "workplace_regency": []}, "workplace_regency"),
    "regency_a_number": (lambda b: {**b, "workplace_regency": 32.73}, "workplace_regency"),
    "collective_without_members": (lambda b: {**b, "collective": True}, "members"),
    "collective_with_empty_members": (lambda b: {**b, "collective": True, "members": []}, "members"),
    "collective_not_boolean": (lambda b: {**b, "collective": "mungkin"}, "collective"),
    "member_nik_15_digits": (
        lambda b: {**b, "collective": True,
                   "members": [{"name": "Ani", "nik": "3273000000000001"}, {"name": "Budi", "nik": "327300000000000"}]},
        "members.1.nik"),
    "member_nik_letters": (
        lambda b: {**b, "collective": True, "members": [{"name": "Ani", "nik": "327300000000000X"}]},
        "members.0.nik"),
    "member_without_name": (
        lambda b: {**b, "collective": True, "members": [{"nik": "3273000000000001"}]}, "members.0.name"),
    "members_not_a_list": (lambda b: {**b, "collective": True, "members": "Ani, Budi"}, "members"),
    "summary_an_object": (lambda b: {**b, "summary": {"text": "PHK"}}, "summary"),
    "chronology_a_list": (lambda b: {**b, "chronology": ["a", "b"]}, "chronology"),
    "demands_null": (lambda b: {**b, "demands": None}, "demands"),
    "summary_too_long": (lambda b: {**b, "summary": "x" * 2001}, "summary"),
    "summary_with_nul_character": (lambda b: {**b, "summary": "PHK\x00sepihak"}, "summary"),
}


@pytest.mark.parametrize("case", list(CREATE_CASES))
def test_create_dispute_with_bad_field_answers_400_naming_it_and_saves_nothing(cast, petitioner, case):
    mutate, field = CREATE_CASES[case]
    before = counts()

    response = petitioner.post(DISPUTES, mutate(valid_body(cast.company_user.company)), format="json")

    assert_invalid(response, field)
    assert counts() == before


def test_create_dispute_naming_unverified_company_by_nib_answers_400_and_saves_nothing(cast, petitioner):
    unverified = CompanyFactory(verified_at=None)
    before = counts()

    response = petitioner.post(DISPUTES, valid_body(unverified), format="json")

    details = assert_invalid(response, "respondent.nib")
    assert "name" not in details
    assert counts() == before


def test_create_dispute_with_several_bad_fields_answers_400_naming_each(cast, petitioner):
    body = valid_body(cast.company_user.company, type="x", workplace_regency="00.00", summary={"a": 1})
    response = petitioner.post(DISPUTES, body, format="json")
    assert_invalid(response, "type", "workplace_regency", "summary")


def test_create_dispute_with_list_body_answers_400_body(petitioner):
    before = counts()
    response = petitioner.post(DISPUTES, [{"type": "phk"}], format="json")
    assert_invalid(response, "body")
    assert counts() == before


def test_create_dispute_with_null_body_answers_400(petitioner):
    before = counts()
    response = petitioner.post(DISPUTES, data="null", content_type="application/json")
    assert_invalid(response, "body")
    assert counts() == before


def test_create_dispute_with_malformed_json_answers_400_body(petitioner):
    before = counts()
    response = petitioner.post(DISPUTES, data="{bad", content_type="application/json")
    assert_invalid(response, "body")
    assert counts() == before


def test_create_dispute_with_empty_json_object_names_every_required_field(petitioner):
    response = petitioner.post(DISPUTES, {}, format="json")
    assert_invalid(response, "type", "respondent", "workplace_regency")


def test_create_dispute_with_valid_body_answers_201_in_draft(cast, petitioner):
    """The control for the cases above: the same body, unmutated, is accepted."""
    response = petitioner.post(DISPUTES, valid_body(cast.company_user.company), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft"
    assert response.json()["respondent"]["nib"] == cast.company_user.company.nib


# --- PATCH /api/v1/disputes/{id}/ ---------------------------------------------------------------------


def _draft_snapshot(dispute_id: int) -> dict:
    d = Dispute.objects.get(pk=dispute_id)
    return {f: getattr(d, f) for f in ("state", "type", "summary", "chronology", "demands", "collective", "members",
                                        "workplace_regency", "office_id", "respondent_company_id",
                                        "respondent_name", "respondent_nib", "respondent_email")}


PATCH_CASES = {
    "unknown_type": ({"type": "pidana"}, "type"),
    "respondent_empty_object": ({"respondent": {}}, "respondent.name"),
    "nib_not_13_digits": ({"respondent": {"nib": "12345"}}, "respondent.nib"),
    "nib_unknown": ({"respondent": {"nib": "9999999999999"}}, "respondent.nib"),
    "bad_email": ({"respondent": {"name": "PT X", "email": "bukan@", "address": "Jl. C"}}, "respondent.email"),
    "unknown_regency": ({"workplace_regency": "32.99"}, "workplace_regency"),
    "regency_list_with_unknown": ({"workplace_regency": ["32.73", "32.99"]}, "workplace_regency"),
    "member_nik_not_16_digits": ({"collective": True, "members": [{"name": "Ani", "nik": "12"}]}, "members.0.nik"),
    "summary_an_object": ({"summary": {"a": 1}}, "summary"),
    "collective_not_boolean": ({"collective": "ya dong"}, "collective"),
    "type_null": ({"type": None}, "type"),
}


@pytest.mark.parametrize("case", list(PATCH_CASES))
def test_patch_draft_with_bad_field_answers_400_and_changes_nothing(cast, case):
    flow = Flow(cast)
    body, field = PATCH_CASES[case]
    before, snapshot = counts(), _draft_snapshot(flow.id)

    response = flow.clients["petitioner"].patch(flow.url, body, format="json")

    assert_invalid(response, field)
    assert counts() == before
    assert _draft_snapshot(flow.id) == snapshot


def test_patch_draft_setting_collective_without_members_answers_400_members(cast):
    """A collective dispute names its members, whether it is created so or edited into it."""
    flow = Flow(cast)
    snapshot = _draft_snapshot(flow.id)

    response = flow.clients["petitioner"].patch(flow.url, {"collective": True}, format="json")

    assert_invalid(response, "members")
    assert _draft_snapshot(flow.id) == snapshot


def test_patch_draft_naming_unverified_company_answers_400_and_keeps_the_respondent(cast):
    flow = Flow(cast)
    unverified = CompanyFactory(verified_at=None)
    snapshot = _draft_snapshot(flow.id)

    response = flow.clients["petitioner"].patch(flow.url, {"respondent": {"nib": unverified.nib}}, format="json")

    assert_invalid(response, "respondent.nib")
    assert _draft_snapshot(flow.id) == snapshot


def test_patch_draft_with_list_body_answers_400_body(cast):
    flow = Flow(cast)
    snapshot = _draft_snapshot(flow.id)
    response = flow.clients["petitioner"].patch(flow.url, [{"summary": "x"}], format="json")
    assert_invalid(response, "body")
    assert _draft_snapshot(flow.id) == snapshot


def test_patch_draft_with_malformed_json_answers_400_body(cast):
    flow = Flow(cast)
    snapshot = _draft_snapshot(flow.id)
    response = flow.clients["petitioner"].patch(flow.url, data="{bad", content_type="application/json")
    assert_invalid(response, "body")
    assert _draft_snapshot(flow.id) == snapshot


def test_patch_draft_with_valid_fields_answers_200_and_saves_them(cast):
    flow = Flow(cast)
    response = flow.clients["petitioner"].patch(flow.url, {"summary": "Upah lembur tidak dibayar",
                                                          "workplace_regency": ["32.73", "32.04"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Upah lembur tidak dibayar"
    assert response.json()["office"]["code"] == "32"


def test_patch_submitted_dispute_answers_409_transition_not_allowed(cast):
    flow = Flow(cast).to("bipartite_invited")
    before, snapshot = counts(), _draft_snapshot(flow.id)

    response = flow.clients["petitioner"].patch(flow.url, {"summary": "diubah"}, format="json")

    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["code"] == "transition_not_allowed"
    assert error["details"]["state"] == "bipartite_invited"
    assert error["details"]["allowed"] == ["withdraw"]
    assert counts() == before
    assert _draft_snapshot(flow.id) == snapshot


def test_patch_draft_by_another_worker_answers_404(cast):
    flow = Flow(cast)
    snapshot = _draft_snapshot(flow.id)

    response = flow.clients["other_worker"].patch(flow.url, {"summary": "bukan milik saya"}, format="json")

    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "not_found"
    assert _draft_snapshot(flow.id) == snapshot


def test_patch_submitted_dispute_by_respondent_answers_403(cast):
    flow = Flow(cast).to("bipartite_invited")
    snapshot = _draft_snapshot(flow.id)

    response = flow.clients["respondent"].patch(flow.url, {"summary": "versi perusahaan"}, format="json")

    assert response.status_code == 403, response.content
    assert response.json()["error"]["code"] == "forbidden"
    assert _draft_snapshot(flow.id) == snapshot


# --- GET /api/v1/disputes/ filters and cursor pagination ---------------------------------------------


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(("query", "field"), [
    ("status=bogus", "status"),
    ("type=pidana", "type"),
    ("cursor=garbage", "cursor"),
    (f"cursor={_b64('abc')}", "cursor"),
    ("cursor=%00%01", "cursor"),
    ("limit=0", "limit"),
    ("limit=500", "limit"),
    ("limit=201", "limit"),
    ("limit=-1", "limit"),
    ("limit=dua", "limit"),
    ("limit=2.5", "limit"),
    ("limit=%C2%B2", "limit"),  # "²": str.isdigit() is true, int() refuses it
])
def test_list_disputes_with_bad_query_answers_400_naming_the_parameter(cast, petitioner, query, field):
    Flow(cast)
    response = petitioner.get(f"{DISPUTES}?{query}")
    assert_invalid(response, field)


@pytest.mark.parametrize("forged", ["9" * 30, "-" + "9" * 30, "1e400", " 7 "])
def test_list_disputes_with_forged_cursor_answers_list_or_400_never_500(cast, petitioner, forged):
    """A cursor the server never issued (an id past any 64-bit integer, ...) must not break the list:
    either a well-formed page or 400 naming the cursor."""
    Flow(cast)
    response = petitioner.get(f"{DISPUTES}?cursor={_b64(forged)}")
    if response.status_code == 400:
        assert_invalid(response, "cursor")
    else:
        assert response.status_code == 200, (response.status_code, response.content)
        assert set(response.json()) == {"results", "next"}
        assert isinstance(response.json()["results"], list)


def test_list_disputes_with_limit_follows_cursor_to_the_last_page(cast, petitioner):
    ids = [Flow(cast).id for _ in range(3)]

    first = petitioner.get(f"{DISPUTES}?limit=2")
    assert first.status_code == 200, first.content
    page1 = first.json()
    assert [d["id"] for d in page1["results"]] == [ids[2], ids[1]]
    assert isinstance(page1["next"], str) and page1["next"]

    second = petitioner.get(DISPUTES, {"limit": 2, "cursor": page1["next"]})
    assert second.status_code == 200, second.content
    page2 = second.json()
    assert [d["id"] for d in page2["results"]] == [ids[0]]
    assert page2["next"] is None


def test_list_disputes_filtered_by_status_answers_only_that_status(cast, petitioner):
    draft = Flow(cast)
    submitted = Flow(cast).to("bipartite_invited")
    response = petitioner.get(f"{DISPUTES}?status=bipartite_invited")
    assert response.status_code == 200, response.content
    assert [d["id"] for d in response.json()["results"]] == [submitted.id]
    assert draft.id not in [d["id"] for d in response.json()["results"]]


# --- POST /api/v1/disputes/{id}/transitions/ ------------------------------------------------------------


def _dispute_row(flow: Flow) -> tuple:
    d = Dispute.objects.get(pk=flow.id)
    return (d.state, d.failure_reason, d.mediator_id, d.route_petitioner, d.route_respondent, d.missing_items,
            d.closed_at, d.registered_at, d.registration_number)


def _post_transition(flow: Flow, role: str, body):
    return flow.clients[role].post(f"{flow.url}transitions/", body, format="json")


def _assert_rejected_without_effect(flow: Flow, role: str, body, *fields: str) -> dict:
    before, row = counts(), _dispute_row(flow)
    response = _post_transition(flow, role, body)
    details = assert_invalid(response, *fields)
    assert counts() == before, "a rejected transition wrote rows"
    assert _dispute_row(flow) == row, "a rejected transition changed the dispute"
    return details


def test_transition_without_name_answers_400_name(cast):
    flow = Flow(cast)
    _assert_rejected_without_effect(flow, "petitioner", {"reason": "x"}, "name")


@pytest.mark.parametrize("name", ["publish", "", "SUBMIT", "created"])
def test_transition_with_unknown_name_answers_400_name(cast, name):
    flow = Flow(cast)
    _assert_rejected_without_effect(flow, "petitioner", {"name": name}, "name")


def test_transition_with_name_an_object_answers_400_name(cast):
    flow = Flow(cast)
    _assert_rejected_without_effect(flow, "petitioner", {"name": {"submit": True}}, "name")


def test_transition_with_list_body_answers_400_body(cast):
    flow = Flow(cast)
    _assert_rejected_without_effect(flow, "petitioner", [{"name": "submit"}], "body")


def test_transition_with_malformed_json_answers_400_body(cast):
    flow = Flow(cast)
    before, row = counts(), _dispute_row(flow)
    response = flow.clients["petitioner"].post(f"{flow.url}transitions/", data="{bad",
                                               content_type="application/json")
    assert_invalid(response, "body")
    assert counts() == before
    assert _dispute_row(flow) == row


def test_submit_incomplete_draft_answers_400_naming_chronology(cast):
    flow = Flow(cast, chronology="   ")
    details = _assert_rejected_without_effect(flow, "petitioner", {"name": "submit"}, "chronology")
    assert "summary" not in details and "demands" not in details
    assert Dispute.objects.get(pk=flow.id).number is None


def test_submit_draft_without_summary_or_demands_answers_400_naming_both(cast):
    flow = Flow(cast, summary="", demands="")
    _assert_rejected_without_effect(flow, "petitioner", {"name": "submit"}, "summary", "demands")


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_decline_bipartite_without_reason_answers_400_reason(cast, reason):
    flow = Flow(cast).to("bipartite_invited")
    body = {"name": "decline_bipartite"} if reason is None else {"name": "decline_bipartite", "reason": reason}
    _assert_rejected_without_effect(flow, "respondent", body, "reason")


@pytest.mark.parametrize("reason", [None, "", "  \n "])
def test_fail_bipartite_without_reason_answers_400_reason(cast, reason):
    flow = Flow(cast).to("bipartite")
    flow.record_meeting()
    body = {"name": "fail_bipartite"} if reason is None else {"name": "fail_bipartite", "reason": reason}
    _assert_rejected_without_effect(flow, "petitioner", body, "reason")


@pytest.mark.parametrize("reason", [None, "", " "])
def test_reject_agreement_without_reason_answers_400_reason(cast, reason):
    flow = Flow(cast).to("agreement_drafting")
    body = {"name": "reject_agreement"} if reason is None else {"name": "reject_agreement", "reason": reason}
    _assert_rejected_without_effect(flow, "respondent", body, "reason")
    assert Agreement.objects.get(dispute_id=flow.id).rejected_at is None


@pytest.mark.parametrize("terms", [None, "", {"pesangon": 1}])
def test_propose_agreement_without_terms_answers_400_terms(cast, terms):
    flow = Flow(cast).to("bipartite")
    body = {"name": "propose_agreement"} if terms is None else {"name": "propose_agreement", "terms": terms}
    _assert_rejected_without_effect(flow, "petitioner", body, "terms")


@pytest.mark.parametrize("terms", [None, "   "])
def test_reach_agreement_without_terms_answers_400_terms(cast, terms):
    flow = Flow(cast).to("mediation")
    body = {"name": "reach_agreement"} if terms is None else {"name": "reach_agreement", "terms": terms}
    _assert_rejected_without_effect(flow, "mediator", body, "terms")


@pytest.mark.parametrize("missing_items", [
    pytest.param(None, id="missing"),
    pytest.param([], id="empty_list"),
    pytest.param("Salinan PKWT", id="a_string"),
    pytest.param({"item": "Salinan PKWT"}, id="an_object"),
    pytest.param([{"item": "Salinan PKWT"}], id="list_of_objects"),
    pytest.param([["Salinan PKWT"]], id="list_of_lists"),
    pytest.param([True, False], id="list_of_booleans"),
    pytest.param([1, 2], id="list_of_numbers"),
    pytest.param([""], id="list_of_blank_strings"),
])
def test_return_registration_with_bad_missing_items_answers_400_missing_items(cast, missing_items):
    flow = Flow(cast).to("registration_submitted")
    body = {"name": "return_registration"}
    if missing_items is not None:
        body["missing_items"] = missing_items
    _assert_rejected_without_effect(flow, "officer", body, "missing_items")


@pytest.mark.parametrize(("dtype", "route"), [
    ("phk", "pengadilan"),
    ("phk", ""),
    ("phk", None),
    ("hak", "conciliation"),
    ("hak", "arbitration"),
    ("phk", "arbitration"),
])
def test_choose_route_not_allowed_answers_400_route(cast, dtype, route):
    # A rights dispute now skips the route choice; one registered before that rule still stands in adr_offered.
    flow = Flow(cast, type="phk").to("adr_offered")
    Dispute.objects.filter(pk=flow.id).update(type=dtype)
    body = {"name": "choose_route"} if route is None else {"name": "choose_route", "route": route}
    _assert_rejected_without_effect(flow, "petitioner", body, "route")


def test_choose_route_allowed_for_the_type_is_accepted(cast):
    """The control: arbitration is a route for an interests dispute."""
    flow = Flow(cast, type="kepentingan").to("adr_offered")
    response = _post_transition(flow, "petitioner", {"name": "choose_route", "route": "arbitration"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "adr_offered"


@pytest.mark.parametrize("who", ["nonexistent", "worker", "foreign_mediator", "inactive_mediator",
                                 "officer", "string", "missing", "null"])
def test_assign_mediator_with_unacceptable_mediator_answers_400_mediator(cast, who):
    flow = Flow(cast).to("awaiting_mediator")
    inactive = MediatorFactory(office=office("32.73"), is_active=False)
    value = {
        "nonexistent": 987654321,
        "worker": cast.worker.id,
        "foreign_mediator": cast.foreign_mediator.id,
        "inactive_mediator": inactive.id,
        "officer": cast.officer.id,
        "string": "pak mediator",
        "null": None,
    }.get(who)
    body = {"name": "assign_mediator"} if who == "missing" else {"name": "assign_mediator", "mediator": value}
    _assert_rejected_without_effect(flow, "officer", body, "mediator")
    assert Dispute.objects.get(pk=flow.id).mediator_id is None


@pytest.mark.parametrize("missing", ["considerations", "recommendations"])
def test_issue_recommendation_without_field_answers_400_naming_it(cast, missing):
    flow = Flow(cast).to("mediation")
    flow.hold_session()
    body = {"name": "issue_recommendation", "considerations": "Menimbang ...", "recommendations": "1. ..."}
    del body[missing]
    _assert_rejected_without_effect(flow, "mediator", body, missing)


@pytest.mark.parametrize(("payload", "field"), [
    ({}, "accept"),
    ({"accept": "maybe"}, "accept"),
    ({"accept": None}, "accept"),
    ({"accept": False}, "reason"),
    ({"accept": False, "reason": "   "}, "reason"),
])
def test_respond_recommendation_with_bad_answer_answers_400(cast, payload, field):
    flow = Flow(cast).to("recommendation_issued")
    _assert_rejected_without_effect(flow, "respondent", {"name": "respond_recommendation", **payload}, field)
    assert RecommendationAnswer.objects.filter(recommendation__dispute_id=flow.id).count() == 0


@pytest.mark.parametrize("state", ["bipartite_invited", "bipartite", "mediation"])
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_withdraw_without_reason_outside_draft_answers_400_reason(cast, state, reason):
    flow = Flow(cast).to(state)
    body = {"name": "withdraw"} if reason is None else {"name": "withdraw", "reason": reason}
    _assert_rejected_without_effect(flow, "petitioner", body, "reason")


def test_withdraw_draft_without_reason_is_accepted(cast):
    """The control: in draft the reason is optional."""
    flow = Flow(cast)
    response = _post_transition(flow, "petitioner", {"name": "withdraw"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"


# --- bipartite meetings, sessions, attendance, court registration --------------------------------------


MEETING = {"held_at": "2026-10-05T10:00:00+07:00", "place": "online", "issue": "Pesangon",
           "petitioner_position": "Pesangon penuh", "respondent_position": "Setengah", "result": "Belum sepakat"}


@pytest.mark.parametrize(("mutate", "fields"), [
    pytest.param(lambda m: {}, ["held_at", "place", "issue", "petitioner_position", "respondent_position", "result"],
                 id="empty"),
    pytest.param(lambda m: _without(m, "result"), ["result"], id="missing_result"),
    pytest.param(lambda m: _without(m, "place"), ["place"], id="missing_place"),
    pytest.param(lambda m: {**m, "held_at": "kemarin sore"}, ["held_at"], id="held_at_not_a_datetime"),
    pytest.param(lambda m: {**m, "held_at": "2026-13-45T99:00:00"}, ["held_at"], id="held_at_impossible"),
    pytest.param(lambda m: {**m, "held_at": 1700000000}, ["held_at"], id="held_at_a_number"),
    pytest.param(lambda m: {**m, "held_at": "0001-01-01T00:00:00+14:00"}, ["held_at"], id="held_at_before_year_1"),
    pytest.param(lambda m: {**m, "held_at": "9999-12-31T23:59:59-12:00"}, ["held_at"], id="held_at_after_9999"),
    pytest.param(lambda m: {**m, "issue": ""}, ["issue"], id="blank_issue"),
    pytest.param(lambda m: {**m, "place": "x" * 201}, ["place"], id="place_too_long"),
    pytest.param(lambda m: {**m, "petitioner_position": ["a"]}, ["petitioner_position"], id="position_a_list"),
])
def test_record_meeting_with_bad_fields_answers_400_naming_them(cast, mutate, fields):
    flow = Flow(cast).to("bipartite")
    before, row = counts(), _dispute_row(flow)
    response = flow.clients["petitioner"].post(f"{flow.url}bipartite-meetings/", mutate(dict(MEETING)),
                                               format="json")
    assert_invalid(response, *fields)
    assert counts() == before
    assert _dispute_row(flow) == row


def test_record_meeting_with_list_body_answers_400_body(cast):
    flow = Flow(cast).to("bipartite")
    before = counts()
    response = flow.clients["respondent"].post(f"{flow.url}bipartite-meetings/", [MEETING], format="json")
    assert_invalid(response, "body")
    assert counts() == before


def _future(days: int = 3) -> str:
    return (timezone.now() + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(("body", "fields"), [
    pytest.param(lambda: {"kind": "sidang", "scheduled_for": _future(), "agenda": "a"}, ["kind"], id="kind_unknown"),
    pytest.param(lambda: {"scheduled_for": _future(), "agenda": "a"}, ["kind"], id="kind_missing"),
    pytest.param(lambda: {"kind": "mediation", "scheduled_for": _future(), "agenda": ""}, ["agenda"],
                 id="agenda_blank"),
    pytest.param(lambda: {"kind": "mediation", "scheduled_for": _future()}, ["agenda"], id="agenda_missing"),
    pytest.param(lambda: {"kind": "mediation", "agenda": "a"}, ["scheduled_for"], id="scheduled_for_missing"),
    pytest.param(lambda: {"kind": "mediation", "scheduled_for": "besok pagi", "agenda": "a"}, ["scheduled_for"],
                 id="scheduled_for_not_a_datetime"),
    pytest.param(lambda: {"kind": "mediation", "scheduled_for": _future(-1), "agenda": "a"}, ["scheduled_for"],
                 id="scheduled_for_in_the_past"),
    pytest.param(lambda: {"kind": "clarification", "scheduled_for": "2020-01-06T09:00:00+07:00", "agenda": "a"},
                 ["scheduled_for"], id="scheduled_for_years_ago"),
    pytest.param(lambda: {"kind": "mediation", "scheduled_for": "9999-12-31T23:59:59-12:00", "agenda": "a"},
                 ["scheduled_for"], id="scheduled_for_after_9999"),
    pytest.param(lambda: {}, ["kind", "scheduled_for", "agenda"], id="empty"),
])
def test_schedule_session_with_bad_fields_answers_400_and_sends_no_summons(cast, body, fields):
    flow = Flow(cast).to("mediation")
    before, row = counts(), _dispute_row(flow)
    response = flow.clients["mediator"].post(f"{flow.url}sessions/", body(), format="json")
    assert_invalid(response, *fields)
    assert counts() == before
    assert _dispute_row(flow) == row


def test_schedule_session_with_list_body_answers_400_body(cast):
    flow = Flow(cast).to("mediation")
    before = counts()
    response = flow.clients["mediator"].post(f"{flow.url}sessions/", [{"kind": "mediation"}], format="json")
    assert_invalid(response, "body")
    assert counts() == before


def _past_session(flow: Flow) -> int:
    session_id = flow.schedule_session()
    MediationSession.objects.filter(pk=session_id).update(scheduled_for=timezone.now() - dt.timedelta(minutes=5))
    return session_id


def _attendance_row(session_id: int) -> tuple:
    s = MediationSession.objects.get(pk=session_id)
    return s.petitioner_attendance, s.respondent_attendance, s.attendance_notes, s.attendance_recorded_at


@pytest.mark.parametrize(("body", "fields"), [
    pytest.param({"petitioner": "hadir", "respondent": "present"}, ["petitioner"], id="petitioner_unknown_value"),
    pytest.param({"petitioner": "present", "respondent": "late"}, ["respondent"], id="respondent_unknown_value"),
    pytest.param({"petitioner": True, "respondent": "absent"}, ["petitioner"], id="petitioner_a_boolean"),
    pytest.param({"petitioner": "present"}, ["respondent"], id="respondent_missing"),
    pytest.param({}, ["petitioner", "respondent"], id="empty"),
    pytest.param({"petitioner": "present", "respondent": "absent", "notes": None}, ["notes"], id="notes_null"),
])
def test_record_attendance_with_bad_values_answers_400_and_records_nothing(cast, body, fields):
    flow = Flow(cast).to("mediation")
    session_id = _past_session(flow)
    before, attendance = counts(), _attendance_row(session_id)
    response = flow.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/", body, format="json")
    assert_invalid(response, *fields)
    assert counts() == before
    assert _attendance_row(session_id) == attendance
    assert Deadline.objects.get(dispute_id=flow.id, key="first_session").state == "open"


def test_record_attendance_before_scheduled_time_answers_400_scheduled_for(cast):
    flow = Flow(cast).to("mediation")
    session_id = flow.schedule_session()
    before, attendance = counts(), _attendance_row(session_id)
    response = flow.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/",
                                             {"petitioner": "present", "respondent": "present"}, format="json")
    assert_invalid(response, "scheduled_for")
    assert counts() == before
    assert _attendance_row(session_id) == attendance


def test_record_attendance_with_list_body_answers_400_body(cast):
    flow = Flow(cast).to("mediation")
    session_id = _past_session(flow)
    response = flow.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/",
                                             [{"petitioner": "present"}], format="json")
    assert_invalid(response, "body")
    assert _attendance_row(session_id)[3] is None


COURT = {"court": "PHI pada PN Bandung", "akta_number": "12/Bth.PB/2026/PHI.Bdg", "registered_on": "2026-11-02"}


def _court_row(flow: Flow) -> tuple:
    d = Dispute.objects.get(pk=flow.id)
    return d.court_name, d.court_akta_number, d.court_registered_on, d.state


@pytest.mark.parametrize(("mutate", "fields"), [
    pytest.param(lambda c: {**c, "registered_on": "2 November 2026"}, ["registered_on"], id="date_in_words"),
    pytest.param(lambda c: {**c, "registered_on": "2026-02-30"}, ["registered_on"], id="impossible_date"),
    pytest.param(lambda c: {**c, "registered_on": 20261102}, ["registered_on"], id="date_a_number"),
    pytest.param(lambda c: _without(c, "court"), ["court"], id="court_missing"),
    pytest.param(lambda c: {**c, "court": ""}, ["court"], id="court_blank"),
    pytest.param(lambda c: _without(c, "akta_number"), ["akta_number"], id="akta_number_missing"),
    pytest.param(lambda c: _without(c, "registered_on"), ["registered_on"], id="registered_on_missing"),
    pytest.param(lambda c: {}, ["court", "akta_number", "registered_on"], id="empty"),
])
def test_court_registration_with_bad_fields_answers_400_and_records_nothing(cast, mutate, fields):
    flow = Flow(cast).to("settled")
    before, row = counts(), _court_row(flow)
    response = flow.clients["petitioner"].post(f"{flow.url}court-registration/", mutate(dict(COURT)), format="json")
    assert_invalid(response, *fields)
    assert counts() == before
    assert _court_row(flow) == row


def test_court_registration_with_list_body_answers_400_body(cast):
    flow = Flow(cast).to("settled")
    row = _court_row(flow)
    response = flow.clients["respondent"].post(f"{flow.url}court-registration/", [COURT], format="json")
    assert_invalid(response, "body")
    assert _court_row(flow) == row


# --- the error shape holds for other callers too --------------------------------------------------------


def test_create_dispute_by_an_unverified_company_answers_403_and_saves_nothing(cast):
    """A company may file (against a worker or a union, issue 9), once the office has verified it."""
    before = counts()
    unverified = CompanyUserFactory(company__verified_at=None)
    response = client_for(unverified).post(DISPUTES, valid_body(cast.company_user.company, respondent={
        "kind": "worker", "nik": "3273000000000001", "name": "W", "email": "w@w.test", "address": "Jl."}),
        format="json")
    assert response.status_code == 403, response.content
    assert response.json()["error"]["code"] == "forbidden"
    assert counts() == before


def test_create_dispute_by_a_company_against_a_company_answers_400_and_saves_nothing(cast):
    before = counts()
    response = client_for(cast.company_user).post(DISPUTES, valid_body(cast.other_company_user.company),
                                                  format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["details"]["respondent"]["kind"]
    assert counts() == before


def test_create_dispute_with_text_plain_body_answers_415_in_error_shape(cast):
    worker = WorkerFactory()
    response = client_for(worker).post(DISPUTES, data="type=phk", content_type="text/plain")
    assert response.status_code == 415, response.content
    assert response.json()["error"]["code"] == "unsupported_type"
    assert Dispute.objects.count() == 0
