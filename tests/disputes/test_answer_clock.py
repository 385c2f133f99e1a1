"""The answer to the anjuran runs 10 working days per party from that party's receipt (UU 2/2004 Art. 13(2)(c);
Permenakertrans 17/2014 Art. 14(2)); its silence is a rejection only once its own clock has run out (Art. 13(2)(d)).
Through the API and `manage.py process_deadlines --now`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from disputes.models import Dispute
from documents.models import Document
from documents.services import document_generate_recommendation
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def _sweep(now: dt.datetime) -> dict[str, int]:
    out = io.StringIO()
    call_command("process_deadlines", now=now.isoformat(), stdout=out)
    return {k: int(v) for k, v in (pair.split("=") for pair in out.getvalue().split())}


def _answer_deadlines(flow: Flow) -> dict[str, dict]:
    return {d["owed_by"][0]: d for d in flow.get("mediator")["deadlines"] if d["key"] == "recommendation_answer"}


def _clocks(flow: Flow, role: str) -> list[dict]:
    response = flow.clients[role].get(f"{flow.url}notices/")
    assert response.status_code == 200, response.content
    return response.json()["answer_clocks"]


def test_silence_is_rejection_only_after_the_party_s_own_clock_that_starts_at_its_receipt():
    flow = Flow(Cast()).to("recommendation_issued", received=False)
    assert _answer_deadlines(flow) == {}  # issued, received by nobody: no clock runs
    document = document_generate_recommendation(dispute=Dispute.objects.get(pk=flow.id))

    # The worker downloads the anjuran: its receipt starts its clock only.
    assert flow.clients["petitioner"].get(f"/api/v1/documents/{document.pk}/download/").status_code == 200
    clocks = _answer_deadlines(flow)
    assert list(clocks) == ["petitioner"]
    assert [(c["side"], c["received_at"] is not None) for c in _clocks(flow, "petitioner")] == [("petitioner", True)]
    flow.do("petitioner", "respond_recommendation", accept=True)

    # Two months on, the company never received it: its silence is not a rejection yet.
    counts = _sweep(timezone.now() + dt.timedelta(days=60))
    assert counts["expired"] == 0, counts
    assert flow.state == "recommendation_issued"
    assert [c["received_at"] for c in _clocks(flow, "officer") if c["side"] == "respondent"] == [None]

    # The office records the delivery by hand today: the company's own 10 working days start.
    created = flow.clients["officer"].post(f"{flow.url}deliveries/", {
        "document": document.pk, "side": "respondent", "method": "by_hand",
        "delivered_on": timezone.localdate().isoformat()}, format="json")
    assert created.status_code == 201, created.content
    deadline = _answer_deadlines(flow)["respondent"]
    due = dt.datetime.fromisoformat(deadline["due_at"])
    company = _clocks(flow, "respondent")
    assert [c["side"] for c in company] == ["respondent"]  # each party sees its own clock
    assert dt.datetime.fromisoformat(company[0]["due_at"]) == due

    assert _sweep(due - dt.timedelta(hours=1))["expired"] == 0
    assert flow.state == "recommendation_issued"
    assert _sweep(due + dt.timedelta(seconds=1))["expired"] == 1
    body = flow.get()
    assert body["status"] == "court_referral"
    events = flow.clients["mediator"].get(f"{flow.url}events/").json()["results"]
    [expired] = [e for e in events if e["name"] == "expire_recommendation"]
    assert expired["payload"]["rejected_by_silence"] == ["respondent"]
    answers = {a["side"]: a for a in flow.clients["mediator"].get(f"{flow.url}recommendation/").json()["answers"]}
    assert (answers["petitioner"]["accept"], answers["respondent"]["by_silence"]) == (True, True)


def test_only_the_party_whose_clock_ran_out_is_rejected_by_silence():
    flow = Flow(Cast()).to("recommendation_issued", received=False)
    flow.acknowledge_recommendation("petitioner")
    due = dt.datetime.fromisoformat(_answer_deadlines(flow)["petitioner"]["due_at"])
    assert _sweep(due + dt.timedelta(seconds=1))["expired"] == 1
    events = flow.clients["mediator"].get(f"{flow.url}events/").json()["results"]
    [expired] = [e for e in events if e["name"] == "expire_recommendation"]
    # The company had not received the anjuran: no answer is invented for it.
    assert expired["payload"]["rejected_by_silence"] == ["petitioner"]
    sides = [a["side"] for a in flow.clients["mediator"].get(f"{flow.url}recommendation/").json()["answers"]]
    assert sides == ["petitioner"]


def test_the_anjuran_pdf_states_the_rule_not_a_date():
    flow = Flow(Cast()).to("recommendation_issued", received=False)
    document = document_generate_recommendation(dispute=Dispute.objects.get(pk=flow.id))
    from tests.documents.conftest import pdf_text

    with Document.objects.get(pk=document.pk).file.open("rb") as f:
        text = pdf_text(f.read())
    assert "10 (sepuluh) hari kerja terhitung sejak tanggal anjuran ini diterima oleh masing-masing pihak" in text
