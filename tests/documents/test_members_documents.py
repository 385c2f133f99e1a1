"""A collective dispute's members (name, NIK, jabatan) and their surat kuasa appear in the summons, the anjuran,
the Perjanjian Bersama and the minutes, read back with pypdf."""

from __future__ import annotations

import pytest

from tests.disputes.test_members import ANI, BUDI, upload_mandate
from tests.documents.conftest import documents, download, pdf_text, to_court_referral
from tests.documents.test_agreement_deed import sign_all
from tests.mediation.test_agreement import ITEMS
from tests.workflow import Flow

pytestmark = pytest.mark.django_db

MEMBER_TEXTS = (ANI["name"], ANI["nik"], ANI["position"], BUDI["name"], BUDI["nik"], BUDI["position"])


def collective_flow(cast) -> Flow:
    flow = Flow(cast, collective=True, members=[ANI, BUDI])
    assert upload_mandate(flow).status_code == 201
    return flow


def assert_members_in(text: str, kind: str) -> None:
    for expected in MEMBER_TEXTS:
        assert expected in text, (kind, expected)
    assert "surat kuasa dari serikat pekerja/serikat buruh tanggal 20 November 2026" in text, kind


def test_members_appear_in_summons_anjuran_and_minutes(cast, committed):
    flow = to_court_referral(collective_flow(cast), committed)
    kinds = {row["kind"] for row in documents(flow)}
    for kind in ("bipartite_minutes", "recommendation", "settlement_minutes"):
        assert kind in kinds, kinds
        [row] = documents(flow, kind=kind)
        assert_members_in(pdf_text(download(flow, row)), kind)
    summonses = [pdf_text(download(flow, row)) for row in documents(flow, kind="summons")]
    to_worker = [t for t in summonses if "Pihak Pekerja/Buruh)" in t and "Daftar anggota" in t]
    assert to_worker, summonses
    assert_members_in(to_worker[0], "summons")


def test_members_appear_in_the_perjanjian_bersama(cast, committed):
    flow = collective_flow(cast)
    committed(flow.to, "bipartite")
    committed(flow.do, "petitioner", "propose_agreement", items=ITEMS)
    sign_all(flow, committed)
    [row] = documents(flow, kind="agreement")
    text = pdf_text(download(flow, row))
    assert "Anggota yang diwakili oleh PIHAK PERTAMA" in text
    assert_members_in(text, "agreement")


def test_individual_dispute_documents_have_no_member_list(cast, committed):
    flow = to_court_referral(Flow(cast), committed)
    [row] = documents(flow, kind="recommendation")
    assert "Daftar anggota" not in pdf_text(download(flow, row))
