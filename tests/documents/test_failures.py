"""A document that fails to render never undoes the event that called for it; `generate_documents` makes it
later. Generation is idempotent: a document is made once and never changed."""

from __future__ import annotations

import logging

import pytest
from django.core.management import CommandError, call_command

from disputes.models import Dispute
from documents import render
from documents.models import Document
from documents.services import (
    DocumentNotDue,
    document_generate_agreement,
    document_generate_recommendation,
    document_generate_settlement_minutes,
    document_generate_summons,
)
from mediation.models import Agreement, Summons
from tests.documents.conftest import documents, download, pdf_text, to_court_referral
from tests.workflow import Flow

pytestmark = pytest.mark.django_db


def broken(*args, **kwargs):
    raise RuntimeError("renderer is broken")


def command(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("generate_documents", *args, stdout=out)
    return out.getvalue().strip()


def test_a_failed_settlement_minutes_does_not_undo_court_referral_and_is_made_later(cast, committed, monkeypatch,
                                                                                    caplog):
    monkeypatch.setattr(render, "render_settlement_minutes", broken)
    flow = Flow(cast)
    with caplog.at_level(logging.ERROR, logger="documents.services"):
        to_court_referral(flow, committed)

    assert flow.state == "court_referral"
    assert [e for e in flow.clients["petitioner"].get(f"{flow.url}events/").json()["results"]
            if e["name"] == "respond_recommendation"][-1]["target"] == "court_referral"
    assert documents(flow, kind="settlement_minutes") == []
    assert "could not be generated" in caplog.text and "generate_documents" in caplog.text

    monkeypatch.undo()
    assert command("--dispute", str(flow.id)) == "created=1 existing=10 failed=0"  # test_access.COURT_DOCUMENTS

    [row] = documents(flow, kind="settlement_minutes")
    assert "tidak tercapai kesepakatan" in pdf_text(download(flow, row))
    assert command("--dispute", str(flow.id)) == "created=0 existing=11 failed=0"
    assert command() == "created=0 existing=11 failed=0"


def test_a_failed_summons_does_not_undo_the_scheduling(cast, committed, monkeypatch):
    flow = Flow(cast)
    committed(flow.to, "mediation")
    monkeypatch.setattr(render, "render_summons", broken)

    session_id = committed(flow.schedule_session)

    assert flow.clients["mediator"].get(f"{flow.url}sessions/").json()["results"][0]["id"] == session_id
    assert documents(flow, kind="summons") == []
    with pytest.raises(CommandError):
        command("--dispute", str(flow.id))

    monkeypatch.undo()
    # The summonses, beside the receipt of registration and the offer of conciliation made before.
    assert command("--dispute", str(flow.id)) == "created=2 existing=2 failed=0"
    assert len(documents(flow, kind="summons")) == 2


def test_generate_documents_needs_a_known_dispute(db):
    with pytest.raises(CommandError):
        command("--dispute", "424242")


def test_generating_again_returns_the_same_document_unchanged(cast, committed):
    flow = to_court_referral(Flow(cast), committed)
    dispute = Dispute.objects.get(pk=flow.id)
    before = {d.pk: (d.sha256, d.file.open("rb").read()) for d in Document.objects.filter(dispute=dispute)}

    assert document_generate_recommendation(dispute=dispute).pk in before
    assert document_generate_settlement_minutes(dispute=dispute).pk in before
    for summons in Summons.objects.filter(session__dispute=dispute):
        assert document_generate_summons(summons=summons).pk in before

    after = {d.pk: (d.sha256, d.file.open("rb").read()) for d in Document.objects.filter(dispute=dispute)}
    assert after == before


def test_nothing_is_generated_before_its_moment(cast, committed):
    flow = Flow(cast)
    committed(flow.to, "agreement_drafting")
    committed(flow.do, "petitioner", "sign_agreement")
    dispute = Dispute.objects.get(pk=flow.id)

    with pytest.raises(DocumentNotDue):
        document_generate_agreement(agreement=Agreement.objects.get(dispute=dispute))
    with pytest.raises(DocumentNotDue):
        document_generate_settlement_minutes(dispute=dispute)
    with pytest.raises(DocumentNotDue):
        document_generate_recommendation(dispute=dispute)
    assert Document.objects.count() == 0


def test_rendering_is_deterministic():
    from accounts.models import Office

    office = Office.objects.get(code="32.73")
    stamp = render.Stamp(title="Uji", number="1/UJI/2026", verification_code="a" * 32,
                         verification_url="https://sikhi.example/verifikasi/" + "a" * 32 + "/")

    first = render.build(office=office, stamp=stamp, story=[render.p(render.x("Isi surat <b>& Łódź ✓"))])
    second = render.build(office=office, stamp=stamp, story=[render.p(render.x("Isi surat <b>& Łódź ✓"))])

    assert first == second
    assert "Isi surat <b>& Lódz ?" in pdf_text(first)  # markup in user text is text; no black boxes


@pytest.mark.django_db(transaction=True)
def test_documents_are_made_after_a_real_commit_and_a_failure_leaves_the_transition(cast, monkeypatch):
    """Without a test transaction around it: the on_commit hooks run as in production."""
    flow = Flow(cast)
    flow.to("recommendation_issued")
    assert sorted(d["kind"] for d in documents(flow)) == ["adr_offer", "recommendation", "registration_receipt",
                                                          "session_record", "summons", "summons"]
    monkeypatch.setattr(render, "render_settlement_minutes", broken)

    flow.do("respondent", "respond_recommendation", accept=False, reason="Terlalu mahal")

    assert Dispute.objects.get(pk=flow.id).state == "court_referral"
    assert documents(flow, kind="settlement_minutes") == []
    monkeypatch.undo()
    assert command("--dispute", str(flow.id)) == "created=1 existing=6 failed=0"


def test_a_documented_record_goes_only_with_its_dispute(cast, committed):
    from django.db.models import RestrictedError

    flow = to_court_referral(Flow(cast), committed)
    dispute = Dispute.objects.get(pk=flow.id)

    with pytest.raises(RestrictedError):
        Summons.objects.filter(session__dispute=dispute).first().delete()
    dispute.delete()
    assert Document.objects.count() == 0
