"""The domain-event bus (sikhi/events.py): phases, order, rollback and failure isolation."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from sikhi import events


@dataclass(frozen=True)
class Happened:
    what: str


@dataclass(frozen=True)
class Other:
    what: str


@pytest.fixture
def bus():
    """Subscriptions made in a test are removed afterwards; the apps' own ones stay untouched."""
    before = {k: list(v) for k, v in events._handlers.items()}
    yield events
    events._handlers.clear()
    events._handlers.update(before)


def test_in_transaction_handlers_run_at_once_in_subscription_order(bus):
    seen: list[str] = []
    bus.subscribe(Happened, lambda e: seen.append(f"a:{e.what}"), phase="in_transaction")
    bus.subscribe(Happened, lambda e: seen.append(f"b:{e.what}"), phase="in_transaction")
    bus.subscribe(Other, lambda e: seen.append("other"), phase="in_transaction")
    bus.emit(Happened("x"))
    assert seen == ["a:x", "b:x"]


@pytest.mark.django_db(transaction=True)
def test_after_commit_handlers_wait_for_the_commit_and_keep_their_order(bus):
    seen: list[str] = []
    bus.subscribe(Happened, lambda e: seen.append("after-1"))
    bus.subscribe(Happened, lambda e: seen.append("in"), phase="in_transaction")
    bus.subscribe(Happened, lambda e: seen.append("after-2"), phase="after_commit")
    with transaction.atomic():
        bus.emit(Happened("x"))
        assert seen == ["in"]
        seen.append("still in the block")
    assert seen == ["in", "still in the block", "after-1", "after-2"]


@pytest.mark.django_db(transaction=True)
def test_after_commit_handlers_run_at_once_outside_a_transaction(bus):
    seen: list[str] = []
    bus.subscribe(Happened, lambda e: seen.append(e.what))
    bus.emit(Happened("now"))
    assert seen == ["now"]


@pytest.mark.django_db(transaction=True)
def test_rollback_drops_after_commit_handlers_and_the_rows_of_in_transaction_ones(bus):
    seen: list[str] = []
    bus.subscribe(Happened, lambda e: Group.objects.create(name=e.what), phase="in_transaction")
    bus.subscribe(Happened, lambda e: seen.append(e.what))

    with pytest.raises(RuntimeError), transaction.atomic():
        bus.emit(Happened("rolled back"))
        assert Group.objects.filter(name="rolled back").exists()  # written inside the caller's block
        raise RuntimeError("the transition fails after emitting")

    assert seen == []
    assert not Group.objects.filter(name="rolled back").exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_in_transaction_handler_undoes_the_emitters_transaction(bus):
    def broken(event):
        raise ValueError("no")

    seen: list[str] = []
    bus.subscribe(Happened, broken, phase="in_transaction")
    bus.subscribe(Happened, lambda e: seen.append(e.what))
    with pytest.raises(ValueError), transaction.atomic():
        Group.objects.create(name="fact")
        bus.emit(Happened("x"))
    assert not Group.objects.filter(name="fact").exists()
    assert seen == []


@pytest.mark.django_db(transaction=True)
def test_a_failing_after_commit_handler_is_logged_and_does_not_stop_the_others(bus, caplog):
    seen: list[str] = []

    def broken(event):
        raise ValueError("mail server gone")

    bus.subscribe(Happened, lambda e: seen.append("first"))
    bus.subscribe(Happened, broken)
    bus.subscribe(Happened, lambda e: seen.append("third"))
    with caplog.at_level(logging.ERROR, logger="sikhi.events"), transaction.atomic():
        Group.objects.create(name="fact")
        bus.emit(Happened("x"))
    assert seen == ["first", "third"]
    assert Group.objects.filter(name="fact").exists()  # the committed fact stays
    assert any("broken" in r.getMessage() and r.exc_info for r in caplog.records)


def test_after_commit_handlers_run_with_capture_on_commit_callbacks(bus, db, django_capture_on_commit_callbacks):
    seen: list[str] = []
    bus.subscribe(Happened, lambda e: seen.append(e.what))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        bus.emit(Happened("x"))
    assert len(callbacks) == 1 and seen == ["x"]


def test_subscribing_twice_is_a_no_op(bus):
    seen: list[str] = []

    def handler(event):
        seen.append(event.what)

    bus.subscribe(Happened, handler, phase="in_transaction")
    bus.subscribe(Happened, handler, phase="in_transaction")
    bus.emit(Happened("once"))
    assert seen == ["once"]
    bus.unsubscribe(Happened, handler)
    bus.emit(Happened("gone"))
    assert seen == ["once"]


def test_events_are_frozen_dataclasses_and_phases_are_checked(bus):
    @dataclass
    class Mutable:
        what: str

    with pytest.raises(TypeError):
        bus.subscribe(Mutable, print)
    with pytest.raises(TypeError):
        bus.subscribe(dict, print)
    with pytest.raises(ValueError):
        bus.subscribe(Happened, print, phase="later")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bus.emit(Mutable("x"))


# --- the apps' wiring (AppConfig.ready) ------------------------------------------------------------------------


def test_the_apps_subscribe_to_the_domain_events_in_their_ready():
    from accounts.signals import InvitationPresented, UserLoggedOut
    from chat import subscribers as chat_subscribers
    from disputes import subscribers as dispute_subscribers
    from disputes.signals import CompanyInvited, DisputeHandedOver, DisputeTransitioned, MediatorReassigned
    from documents import subscribers as document_subscribers
    from mediation.signals import MeetingSigned, SessionHeld, SessionScheduled

    # chat's notices and rooms first, then documents (INSTALLED_APPS order), all inside the transition.
    assert events.subscribers(DisputeTransitioned) == [
        ("in_transaction", chat_subscribers.on_dispute_transitioned),
        ("in_transaction", document_subscribers.on_dispute_transitioned),
    ]
    assert events.subscribers(CompanyInvited) == [("in_transaction", chat_subscribers.on_company_invited)]
    assert events.subscribers(MediatorReassigned) == [("in_transaction", chat_subscribers.on_mediator_reassigned)]
    assert events.subscribers(DisputeHandedOver) == [
        ("in_transaction", chat_subscribers.on_dispute_handed_over),  # the parties told
        ("in_transaction", document_subscribers.on_handed_over),  # the surat pelimpahan
    ]
    assert events.subscribers(UserLoggedOut) == [("in_transaction", chat_subscribers.on_user_logged_out)]
    assert events.subscribers(InvitationPresented) == [
        ("in_transaction", dispute_subscribers.on_invitation_presented)]
    assert events.subscribers(MeetingSigned) == [("in_transaction", document_subscribers.on_meeting_signed)]
    assert events.subscribers(SessionScheduled) == [("in_transaction", document_subscribers.on_session_scheduled)]
    assert events.subscribers(SessionHeld) == [("in_transaction", document_subscribers.on_session_held)]


def test_every_transition_of_a_dispute_has_a_handler_once_the_apps_are_ready():
    from disputes.models import Dispute
    from disputes.services import TRANSITIONS

    fsm = {name for name in dir(Dispute) if hasattr(getattr(Dispute, name, None), "_django_fsm")}
    assert fsm == set(TRANSITIONS)


def test_the_extension_points_are_filled_by_the_apps_above():
    from chat.permissions import is_room_member
    from disputes import extensions
    from documents.page_sections import documents_section
    from mediation.page_sections import mediation_section
    from mediation.pages import recommendation_template

    assert extensions.is_room_member.provider is is_room_member
    assert extensions.recommendation_template.provider is recommendation_template
    assert extensions.dispute_page_sections == [mediation_section, documents_section]
    assert extensions.agreement_draft_pdf.provider is not None
    assert [duty.__module__ for duty in extensions.sweep_duties] == ["chat.subscribers", "documents.subscribers"]
