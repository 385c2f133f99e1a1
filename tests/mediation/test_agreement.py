"""The agreement's terms as items: drafting, editing (which clears signatures), the deliberate signature, the
draft from an accepted anjuran, the migration of old agreements, and the mediation clock after a rejection."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.calendar import JAKARTA, WorkingCalendar, add_working_days, due_at, local_date
from chat.models import Notification
from disputes.models import Deadline, DeadlineState, Dispute
from disputes.services import dispute_transition
from mediation.models import Agreement, AgreementItem
from mediation.pages import recommendation_template
from tests.disputes.test_bad_input import messages_at
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

ITEMS = [
    {"kind": "payment", "description": "PIHAK KEDUA membayar uang pesangon kepada PIHAK PERTAMA",
     "amount": 12500000, "date": "2026-12-30", "payment_method": "transfer ke rekening BRI PIHAK PERTAMA"},
    {"kind": "employment_end", "description": "Hubungan kerja PARA PIHAK berakhir", "date": "2026-12-31"},
    {"kind": "obligation", "description": "PIHAK KEDUA menerbitkan surat keterangan kerja (paklaring) dan "
                                          "dokumen klaim JKP BPJS Ketenagakerjaan"},
]


def filled(text: str, **replace: str) -> str:
    """A recommendation template with its [placeholders] written (an anjuran with one left cannot be issued)."""
    for old, new in replace.items():
        text = text.replace(old, new)
    return re.sub(r"\[([^\[\]\n]*)\]", lambda m: m.group(1).rstrip("."), text)


def completed_template(dispute: Dispute, **replace: str) -> dict:
    template = recommendation_template(dispute)
    return {key: filled(value, **replace) for key, value in template.items()}


def agreement(flow: Flow, role: str = "petitioner") -> dict:
    response = flow.clients[role].get(f"{flow.url}agreement/")
    assert response.status_code == 200, response.content
    return response.json()


def put(flow: Flow, role: str, body: dict):
    return flow.clients[role].put(f"{flow.url}agreement/", body, format="json")


def to_drafting_with_items(cast) -> Flow:
    flow = Flow(cast).to("bipartite")
    flow.do("petitioner", "propose_agreement", items=ITEMS)
    return flow


def test_items_are_kept_with_the_amount_in_words_and_written_out_as_terms(cast):
    flow = to_drafting_with_items(cast)
    body = agreement(flow, "respondent")
    assert [(i["position"], i["kind"], i["amount"], i["date"]) for i in body["items"]] == [
        (1, "payment", 12500000, "2026-12-30"), (2, "employment_end", None, "2026-12-31"),
        (3, "obligation", None, None)]
    assert body["items"][0]["amount_in_words"] == "dua belas juta lima ratus ribu rupiah"
    assert body["terms"].splitlines() == [
        "1. PIHAK KEDUA membayar uang pesangon kepada PIHAK PERTAMA sebesar Rp12.500.000 (dua belas juta lima "
        "ratus ribu rupiah), paling lambat tanggal 30 Desember 2026, dengan cara transfer ke rekening BRI PIHAK "
        "PERTAMA.",
        "2. Hubungan kerja PARA PIHAK berakhir, terhitung tanggal 31 Desember 2026.",
        "3. PIHAK KEDUA menerbitkan surat keterangan kerja (paklaring) dan dokumen klaim JKP BPJS Ketenagakerjaan",
    ]


@pytest.mark.parametrize(("item", "field"), [
    ({"kind": "payment", "description": "Pesangon"}, "amount"),
    ({"kind": "obligation", "description": "Paklaring", "amount": 5}, "amount"),
    ({"kind": "employment_end", "description": "Berakhir"}, "date"),
    ({"kind": "payment", "description": "Pesangon", "amount": 0}, "amount"),
])
def test_an_incomplete_item_is_refused_with_the_field_named(cast, item, field):
    flow = Flow(cast).to("bipartite")
    response = flow.attempt("petitioner", "propose_agreement", items=[item])
    assert response.status_code == 400, response.content
    assert messages_at(response.json()["error"]["details"], f"items.0.{field}")
    assert flow.state == "bipartite"


def test_the_drafter_changes_the_terms_and_a_signature_is_cleared_and_its_signatory_told(cast):
    flow = to_drafting_with_items(cast)
    flow.do("respondent", "sign_agreement")
    assert [s["role"] for s in agreement(flow)["signatures"]] == ["respondent"]

    response = put(flow, "petitioner", {"items": ITEMS[:1]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (len(body["items"]), body["signatures"]) == (1, [])
    assert Notification.objects.filter(user=cast.company_user, kind="agreement_changed").count() == 1
    assert not Notification.objects.filter(user=cast.worker, kind="agreement_changed").exists()
    # The API's `terms` still works as before: one text, one item.
    response = put(flow, "respondent", {"terms": "Perusahaan membayar Rp 1.000.000."})
    assert response.status_code == 200, response.content
    assert response.json()["terms"] == "Perusahaan membayar Rp 1.000.000."
    assert response.json()["items"][0]["kind"] == "obligation"


def test_only_the_drafter_may_change_the_terms_and_only_while_out_for_signature(cast):
    flow = to_drafting_with_items(cast)
    assert put(flow, "other_worker", {"items": ITEMS}).status_code == 404
    assert put(flow, "petitioner", {"items": []}).status_code == 400
    flow.do("petitioner", "sign_agreement")
    flow.do("respondent", "sign_agreement")
    assert flow.state == "settled"
    response = put(flow, "petitioner", {"items": ITEMS})
    assert response.status_code == 409, response.content


def test_in_mediation_the_mediator_drafts_and_a_party_is_refused(cast):
    flow = Flow(cast).to("mediation")
    flow.do("mediator", "reach_agreement", items=ITEMS)
    response = put(flow, "petitioner", {"items": ITEMS[:1]})
    assert response.status_code == 403, response.content
    assert put(flow, "mediator", {"items": ITEMS[:2]}).status_code == 200
    assert len(agreement(flow, "mediator")["items"]) == 2


def test_signing_is_deliberate_a_wrong_name_or_an_unticked_box_is_refused(cast):
    flow = to_drafting_with_items(cast)
    response = flow.attempt("petitioner", "sign_agreement", confirm=True, full_name="Orang Lain")
    assert response.status_code == 400, response.content
    assert "full_name" in response.json()["error"]["details"]
    response = flow.attempt("petitioner", "sign_agreement", confirm=False, full_name=cast.worker.name)
    assert response.status_code == 400, response.content
    assert agreement(flow)["signatures"] == []
    flow.do("petitioner", "sign_agreement", confirm=True, full_name=f"  {cast.worker.name.upper()} ",
            address="Jl. Merdeka 1, Bandung")
    signature = Agreement.objects.get().signatures.get()
    assert (signature.typed_name, signature.address) == (cast.worker.name.upper(), "Jl. Merdeka 1, Bandung")


def test_an_accepted_anjuran_gives_the_mediator_a_draft_of_its_recommendations_only(cast):
    flow = Flow(cast).to("mediation")
    flow.hold_session()
    template = completed_template(Dispute.objects.get(pk=flow.id), **{
        "[isi anjuran kepada pihak Pengusaha, misalnya membayar hak pihak Pekerja beserta rinciannya dan tanggal "
        "pembayaran]": "membayar uang pesangon sebesar Rp 20.000.000",
        "[isi anjuran kepada pihak Pekerja]": "menerima pembayaran tersebut"})
    flow.do("mediator", "issue_recommendation", **template)
    flow.do("petitioner", "respond_recommendation", accept=True)
    flow.do("respondent", "respond_recommendation", accept=True)
    body = agreement(flow, "mediator")
    assert [i["description"] for i in body["items"]] == [
        "Agar pihak Pengusaha membayar uang pesangon sebesar Rp 20.000.000;",
        "Agar pihak Pekerja menerima pembayaran tersebut."]
    for text in ("MENGANJURKAN", "[", "10 (sepuluh) hari kerja", "anjuran ini"):
        assert text not in body["terms"]


def test_an_anjuran_draft_without_terms_cannot_be_signed_until_the_mediator_writes_them(cast):
    flow = Flow(cast).to("mediation")
    flow.hold_session()
    only_procedure = "MENGANJURKAN:\n1. Agar para pihak memberikan jawaban atas anjuran ini."
    flow.do("mediator", "issue_recommendation", considerations="Pertimbangan Mediator.",
            recommendations=only_procedure)
    flow.do("petitioner", "respond_recommendation", accept=True)
    flow.do("respondent", "respond_recommendation", accept=True)
    assert agreement(flow)["items"] == []
    response = flow.attempt("petitioner", "sign_agreement")
    assert response.status_code == 409, response.content
    assert put(flow, "mediator", {"items": ITEMS}).status_code == 200
    flow.do("petitioner", "sign_agreement")


def test_the_migration_turns_an_old_agreements_text_into_one_item(cast):
    flow = to_drafting_with_items(cast)
    old = Agreement.objects.get()
    old.items.all().delete()
    Agreement.objects.filter(pk=old.pk).update(terms="Perusahaan membayar pesangon.")
    migration = importlib.import_module("mediation.migrations.0004_agreement_items")
    migration.terms_to_item(apps, None)
    [item] = AgreementItem.objects.filter(agreement=old)
    assert (item.position, item.kind, item.description) == (1, "obligation", "Perusahaan membayar pesangon.")
    assert agreement(flow)["terms"] == "Perusahaan membayar pesangon."


# --- the law: a rejected PB from mediation resumes the mediation clock where it stood (issue 9) ------------------


def the(flow: Flow) -> Dispute:
    return Dispute.objects.get(pk=flow.id)


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=JAKARTA)


def sweep(now: dt.datetime) -> None:
    call_command("process_deadlines", now=now.isoformat(), stdout=io.StringIO())


def test_a_rejected_agreement_resumes_the_mediation_clock_with_the_days_left(cast):
    flow = Flow(cast).to("mediation")
    first = Deadline.objects.get(dispute_id=flow.id, key="mediation")
    start = local_date(first.starts_at)
    reached = noon(add_working_days(start, 10))
    dispute_transition(dispute=the(flow), by=cast.mediator, name="reach_agreement", data={"items": ITEMS},
                       now=reached)
    left = WorkingCalendar().working_days_between(local_date(reached), local_date(first.due_at))
    assert left == 20
    rejected = noon(add_working_days(local_date(reached), 15))
    dispute_transition(dispute=the(flow), by=cast.worker, name="reject_agreement",
                       data={"reason": "Jumlahnya salah."}, now=rejected)
    assert flow.state == "mediation"
    resumed = Deadline.objects.filter(dispute_id=flow.id, key="mediation").latest("id")
    assert (resumed.days, resumed.state, resumed.due_at) == (20, DeadlineState.OPEN, due_at(rejected, 20))
    assert resumed.due_at < due_at(rejected, 30)  # a restart would have given the full 30 days again

    sweep(resumed.due_at - dt.timedelta(minutes=1))
    resumed.refresh_from_db()
    assert resumed.state == DeadlineState.OPEN
    sweep(resumed.due_at + dt.timedelta(minutes=1))
    resumed.refresh_from_db()
    assert resumed.state == DeadlineState.OVERDUE


def test_a_clock_that_had_run_out_resumes_overdue(cast):
    flow = Flow(cast).to("mediation")
    first = Deadline.objects.get(dispute_id=flow.id, key="mediation")
    late = first.due_at + dt.timedelta(days=3)
    sweep(first.due_at + dt.timedelta(minutes=1))
    dispute_transition(dispute=the(flow), by=cast.mediator, name="reach_agreement", data={"items": ITEMS[:1]},
                       now=late)
    dispute_transition(dispute=the(flow), by=cast.company_user, name="reject_agreement",
                       data={"reason": "Tidak setuju."}, now=late + dt.timedelta(hours=1))
    resumed = Deadline.objects.filter(dispute_id=flow.id, key="mediation").latest("id")
    assert resumed.state == DeadlineState.OVERDUE
