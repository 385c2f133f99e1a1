"""The dispute page's deadline list: states in the user's language, one line per clock and debtor (a clock
started again is not listed twice); the timeline reads as events, not as the buttons' commands."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def deadlines_section(user, flow: Flow, language: str = "id") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    html = client.get(f"/perselisihan/{flow.id}/").content.decode()
    return html[html.index('id="deadlines-h"'):html.index('id="docs-h"')]


def test_closed_deadline_state_is_translated():
    flow = Flow(Cast()).to("bipartite")
    section = deadlines_section(flow.cast.worker, flow)
    assert re.search(r"Jawaban perusahaan atas undangan \(perusahaan\) · Terpenuhi", section), section
    assert "· met<" not in section
    assert "· Met<" in deadlines_section(flow.cast.worker, flow, "en")


def test_a_registration_checked_twice_is_one_line_for_the_officer():
    flow = Flow(Cast()).to("registration_returned")
    flow.do("petitioner", "resubmit_registration")
    section = deadlines_section(flow.cast.officer, flow)
    assert section.count("Pemeriksaan kelengkapan pencatatan") == 1  # the open one, not also the met one
    assert section.count("Melengkapi pencatatan yang dikembalikan") == 1


def test_the_recommendation_answer_is_one_line_per_party_naming_it():
    flow = Flow(Cast()).to("recommendation_issued")
    section = deadlines_section(flow.cast.officer, flow)
    assert section.count("Jawaban atas anjuran") == 2
    assert "Jawaban atas anjuran (pekerja)" in section and "Jawaban atas anjuran (perusahaan)" in section


def test_timeline_reads_as_events_not_as_commands():
    flow = Flow(Cast()).to("bipartite")
    flow.record_meeting()
    flow.do("petitioner", "fail_bipartite", reason="Tidak sepakat.")
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(flow.cast.worker)
    html = client.get(f"/perselisihan/{flow.id}/").content.decode()
    timeline = html[html.index('id="timeline-h"'):]
    assert "Perundingan dinyatakan gagal" in timeline
    assert "Nyatakan perundingan gagal" not in timeline


def test_every_transition_has_an_event_label_of_its_own():
    from disputes import labels
    from disputes.services import TRANSITIONS

    missing = [name for name in TRANSITIONS if name not in labels.EVENTS]
    assert missing == []
    commands = [name for name in labels.TRANSITIONS if labels.EVENTS[name] == labels.TRANSITIONS[name]]
    assert commands == []


def test_every_recorded_event_name_in_the_code_has_a_timeline_label():
    """The timeline shows `labels.EVENTS[name]`, else the raw name: every `event_record(name="...")` in the
    apps has a label (the representative's rows once showed "representative_recorded" on the page)."""
    import ast
    from pathlib import Path

    from disputes import labels

    root = Path(__file__).resolve().parents[2]
    names = set()
    for app in ("accounts", "chat", "disputes", "documents", "mediation", "reports"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                called = getattr(node, "func", None)
                if isinstance(node, ast.Call) and getattr(called, "id", getattr(called, "attr", "")) == "event_record":
                    for kw in node.keywords:
                        if kw.arg == "name" and isinstance(kw.value, ast.Constant):
                            names.add(kw.value.value)
    assert "representative_recorded" in names  # the scan finds the calls
    assert sorted(names - set(labels.EVENTS)) == []
