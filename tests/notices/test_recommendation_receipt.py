"""Receipt of the recommendation and of the summons: acknowledged on the site, shown to the mediator, printed in the
settlement minutes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from disputes.models import DisputeEvent
from documents import render
from mediation.models import RecommendationReceipt
from tests.documents.conftest import documents, download, pdf_text
from tests.helpers import assert_error
from tests.workflow import Flow

WIB = ZoneInfo("Asia/Jakarta")


def _at(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value).astimezone(WIB)


def ack_url(flow: Flow) -> str:
    return f"{flow.url}recommendation/acknowledge/"


@pytest.mark.django_db
def test_each_party_acknowledges_the_recommendation_once_and_the_mediator_sees_when(cast):
    flow = Flow(cast).to("recommendation_issued", received=False)
    first = flow.clients["respondent"].post(ack_url(flow))
    assert first.status_code == 200, first.content
    [ack] = first.json()["acknowledgements"]
    assert ack["side"] == "respondent" and ack["acknowledged_at"].endswith("+07:00")

    again = flow.clients["respondent"].post(ack_url(flow))
    assert again.json()["acknowledgements"] == [ack]  # the first time stays
    assert RecommendationReceipt.objects.filter(recommendation__dispute_id=flow.id).count() == 1
    assert flow.clients["petitioner"].post(ack_url(flow)).status_code == 200

    seen = flow.clients["mediator"].get(f"{flow.url}recommendation/").json()
    assert {a["side"] for a in seen["acknowledgements"]} == {"petitioner", "respondent"}
    assert [a for a in seen["acknowledgements"] if a["side"] == "respondent"] == [ack]
    events = DisputeEvent.objects.filter(dispute_id=flow.id, name="recommendation_acknowledged")
    assert sorted(e.payload["side"] for e in events) == ["petitioner", "respondent"]
    assert flow.state == "recommendation_issued"  # a receipt is not an answer


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status", "code"), [
    ("mediator", 403, "forbidden"), ("officer", 403, "forbidden"),
    ("other_worker", 404, "not_found"), ("other_company", 404, "not_found"), ("foreign_mediator", 404, "not_found"),
])
def test_only_a_party_acknowledges_the_recommendation(cast, role, status, code):
    flow = Flow(cast).to("recommendation_issued", received=False)
    assert_error(flow.clients[role].post(ack_url(flow)), status, code)
    assert not RecommendationReceipt.objects.exists()


@pytest.mark.django_db
def test_acknowledging_before_a_recommendation_is_issued_is_409(cast):
    flow = Flow(cast).to("mediation")
    details = assert_error(flow.clients["petitioner"].post(ack_url(flow)), 409, "conflict")
    assert details["state"] == "mediation"


@pytest.mark.django_db
def test_acknowledge_without_a_session_is_401(cast, api):
    flow = Flow(cast).to("recommendation_issued", received=False)
    assert_error(api.post(ack_url(flow)), 401, "not_authenticated")


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_acknowledgement(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/disputes/{id}/recommendation/acknowledge/"]["post"]
    assert {"200", "403", "404", "409"} <= set(operation["responses"])
    assert "acknowledgements" in schema["components"]["schemas"]["RecommendationOut"]["properties"]


@pytest.mark.django_db
def test_settlement_minutes_print_when_each_summons_and_the_recommendation_were_received(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    session_id = committed(flow.hold_session)
    # Only the petitioner confirms this summons; the company never does.
    flow.clients["petitioner"].post(f"/api/v1/sessions/{session_id}/acknowledge/")
    committed(flow.do, "mediator", "issue_recommendation", considerations="Menimbang ...",
              recommendations="1. Bayar pesangon.")
    flow.clients["respondent"].post(ack_url(flow))
    committed(flow.do, "respondent", "respond_recommendation", accept=False, reason="Terlalu mahal")
    assert flow.state == "court_referral"

    [session] = flow.clients["mediator"].get(f"{flow.url}sessions/").json()["results"]
    summons = {s["side"]: s for s in session["summons"]}
    assert summons["petitioner"]["acknowledged_at"] and summons["respondent"]["acknowledged_at"] is None
    [receipt] = flow.clients["mediator"].get(f"{flow.url}recommendation/").json()["acknowledgements"]

    text = pdf_text(download(flow, documents(flow, kind="settlement_minutes")[0]))
    summons_ack = _at(summons["petitioner"]["acknowledged_at"])
    sent = _at(summons["petitioner"]["sent_at"])
    assert "Surat panggilan kepada para pihak dan tanda terimanya" in text
    assert (f"1 Pihak Pekerja/Buruh 1 {render.tanggal(sent)}, {render.pukul(sent)} "
            f"{render.tanggal(summons_ack)}, {render.pukul(summons_ack)}") in text
    assert "1 Pihak Pengusaha 1" in text and "Belum dikonfirmasi" in text
    received = _at(receipt["acknowledged_at"])
    assert "Tanda terima anjuran" in text
    assert f"Pihak Pengusaha : {render.tanggal(received)}, {render.pukul(received)}" in text
    assert "Pihak Pekerja/Buruh : Belum dikonfirmasi" in text
