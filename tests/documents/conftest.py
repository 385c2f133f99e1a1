"""Helpers of the document tests: run after-commit work, read PDFs back, list and download documents."""

from __future__ import annotations

import hashlib
import io
import re

from pypdf import PdfReader

from tests.workflow import Flow


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (a phrase may break across lines)."""
    assert content.startswith(b"%PDF-")
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))


def documents(flow: Flow, role: str = "petitioner", kind: str | None = None) -> list[dict]:
    response = flow.clients[role].get(f"{flow.url}documents/")
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    return [row for row in rows if kind is None or row["kind"] == kind]


def download(flow: Flow, document: dict, role: str = "petitioner") -> bytes:
    response = flow.clients[role].get(document["url"])
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == document["sha256"]
    return content


def verification_code(text: str) -> str:
    match = re.search(r"Kode verifikasi: ([0-9a-f]{32})", text)
    assert match, text
    return match.group(1)


def to_court_referral(flow: Flow, committed, *, respondent_absent_once: bool = True) -> Flow:
    """Bipartite with one signed meeting, registration, mediation with sessions held, a recommendation that the
    petitioner accepts and the respondent rejects: the dispute ends in court_referral."""
    if flow.state != "bipartite":
        committed(flow.to, "bipartite")
    committed(flow.record_meeting)
    committed(flow.do, "petitioner", "fail_bipartite")
    committed(flow.do, "petitioner", "register")
    committed(flow.do, "officer", "accept_registration")
    committed(flow.do, "petitioner", "choose_route", route="mediation")
    committed(flow.do, "officer", "assign_mediator")
    if respondent_absent_once:
        committed(flow.hold_session, respondent="absent")
    committed(flow.hold_session)
    committed(flow.do, "mediator", "issue_recommendation", considerations="Menimbang bahwa PHK tanpa prosedur.",
              recommendations="1. Perusahaan membayar pesangon Rp 45.000.000.\n2. Paling lambat 14 hari.")
    committed(flow.do, "petitioner", "respond_recommendation", accept=True)
    committed(flow.do, "respondent", "respond_recommendation", accept=False, reason="Terlalu mahal")
    assert flow.state == "court_referral"
    return flow
