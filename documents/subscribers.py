"""documents' answers to the events of disputes and mediation: the documents a transition, a signed meeting or a
scheduled session makes. Subscribed in `DocumentsConfig.ready()`. In the transaction (they read the rows there);
the rendering itself runs after commit, and a failure there never undoes the fact."""

from __future__ import annotations

from datetime import datetime

from disputes import extensions
from disputes.signals import DisputeHandedOver, DisputeTransitioned
from documents.deliveries import answer_clocks_run_out, answer_clocks_sync, office_notice_gaps, summons_notice_from
from documents.letters import documents_after_hand_over, documents_after_session_held
from documents.page_sections import documents_section
from documents.services import (
    agreement_draft_pdf,
    documents_after_meeting_signed,
    documents_after_session_scheduled,
    documents_for_transition,
    documents_retry,
)
from mediation.signals import MeetingSigned, SessionHeld, SessionScheduled
from sikhi.events import subscribe


def on_dispute_transitioned(event: DisputeTransitioned) -> None:
    documents_for_transition(dispute=event.dispute, name=event.name)


def on_meeting_signed(event: MeetingSigned) -> None:
    documents_after_meeting_signed(meeting=event.meeting)


def on_session_scheduled(event: SessionScheduled) -> None:
    documents_after_session_scheduled(session=event.session)


def on_session_held(event: SessionHeld) -> None:
    documents_after_session_held(session=event.session)


def on_handed_over(event: DisputeHandedOver) -> None:
    documents_after_hand_over(event=event.event)


def connect() -> None:
    subscribe(DisputeTransitioned, on_dispute_transitioned, phase="in_transaction")
    subscribe(MeetingSigned, on_meeting_signed, phase="in_transaction")
    subscribe(SessionScheduled, on_session_scheduled, phase="in_transaction")
    subscribe(SessionHeld, on_session_held, phase="in_transaction")
    subscribe(DisputeHandedOver, on_handed_over, phase="in_transaction")
    extensions.agreement_draft_pdf.provide(lambda agreement: agreement_draft_pdf(agreement=agreement))
    extensions.dispute_page_section_register(documents_section)
    extensions.sweep_duty_register(documents_sweep)
    extensions.answer_clocks_sync.provide(answer_clocks_sync)
    extensions.answer_clocks_run_out.provide(answer_clocks_run_out)
    extensions.office_notice_gaps.provide(office_notice_gaps)
    extensions.summons_notice_from.provide(summons_notice_from)


def documents_sweep(now: datetime) -> dict[str, int]:
    """The deadline sweep's duty: make the pending documents whose job is late (lost, or its retry could not be
    deferred). At the current time, not the sweep's `now`: a lease is real time."""
    return dict(documents_retry())
