"""Deadline reminders: a deadline owed by a user falling due within 2 working days is reminded once."""

from __future__ import annotations

import datetime as dt
import threading
import time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from accounts.calendar import WorkingCalendar
from chat import notices
from chat.models import Notification, OutboxEmail
from disputes.models import Deadline, Dispute
from disputes.services import deadlines_process
from tests.notices.conftest import Since
from tests.workflow import Cast, Flow

WIB = ZoneInfo("Asia/Jakarta")


def first_reminder_day(due: dt.datetime) -> dt.date:
    """The first date on which `due` is within 2 working days (today + 2 working days reaches it)."""
    calendar = WorkingCalendar()
    target = due.astimezone(WIB).date()
    day = target - dt.timedelta(days=30)
    while calendar.add_working_days(day, 2) < target:
        day += dt.timedelta(days=1)
    return day


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=WIB)


def _answer_deadlines(flow: Flow) -> list[Deadline]:
    return list(Deadline.objects.filter(dispute_id=flow.id, key="recommendation_answer", state="open"))


@pytest.mark.django_db
def test_reminder_comes_on_the_first_day_the_deadline_is_within_two_working_days_and_only_once(cast):
    flow = Flow(cast).to("recommendation_issued")
    deadlines = _answer_deadlines(flow)
    assert len(deadlines) == 2 and len({d.due_at for d in deadlines}) == 1
    day = first_reminder_day(deadlines[0].due_at)

    mark = Since()
    deadlines_process(now=noon(day) - dt.timedelta(days=1))
    assert mark.notified("deadline_reminder") == set() and mark.emails("deadline_reminder") == []

    deadlines_process(now=noon(day))
    reminded = {cast.worker.id, cast.company_user.id}
    assert mark.notified("deadline_reminder") == reminded  # each party for its own deadline
    assert mark.emailed("deadline_reminder") == reminded
    assert cast.mediator.id not in mark.notified() | mark.emailed()
    assert all(d.reminded_at == noon(day) for d in Deadline.objects.filter(pk__in=[d.pk for d in deadlines]))

    deadlines_process(now=noon(day))
    deadlines_process(now=noon(day) + dt.timedelta(hours=30))
    assert Notification.objects.filter(kind="deadline_reminder").count() == 2
    assert OutboxEmail.objects.filter(kind="deadline_reminder").count() == 2


@pytest.mark.django_db
def test_reminder_e_mail_names_the_deadline_its_date_and_the_page(cast):
    cast.company_user.language = "en"
    cast.company_user.save(update_fields=["language"])
    flow = Flow(cast).to("recommendation_issued")
    due = _answer_deadlines(flow)[0].due_at.astimezone(WIB)
    number = Dispute.objects.get(pk=flow.id).number
    deadlines_process(now=noon(first_reminder_day(due)))
    indonesian = OutboxEmail.objects.get(kind="deadline_reminder", user=cast.worker)
    english = OutboxEmail.objects.get(kind="deadline_reminder", user=cast.company_user)
    assert indonesian.subject.startswith(f"[SIKHI] Perselisihan {number}: tenggat menjawab anjuran tertulis "
                                         "berakhir pada ")
    assert english.subject == (f"[SIKHI] Dispute {number}: the deadline for answering the written recommendation "
                               f"ends on {due.day} {due:%B} {due.year}")
    assert f"{due.year}, 23:59 WIB" in english.body_text and "within two working days" in english.body_text
    for email in (indonesian, english):
        assert f"http://127.0.0.1:8000/perselisihan/{flow.id}/" in email.body_text
    notification = Notification.objects.get(kind="deadline_reminder", user=cast.worker)
    assert notification.params["key"] == "recommendation_answer" and notification.dispute_id == flow.id
    listed = flow.clients["respondent"].get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()
    [row] = [r for r in listed["results"] if r["kind"] == "deadline_reminder"]
    assert row["title"] == (f"Dispute {number}: the deadline for answering the written recommendation ends on "
                            f"{due:%d-%m-%Y}")


@pytest.mark.django_db
def test_a_party_that_has_answered_is_not_reminded(cast):
    flow = Flow(cast).to("recommendation_issued")
    flow.do("petitioner", "respond_recommendation", accept=True)
    [deadline] = _answer_deadlines(flow)
    assert deadline.owed_by == ["respondent"]
    mark = Since()
    deadlines_process(now=noon(first_reminder_day(deadline.due_at)))
    assert mark.notified("deadline_reminder") == {cast.company_user.id}
    assert mark.emailed("deadline_reminder") == {cast.company_user.id}


@pytest.mark.django_db
def test_an_officers_deadline_reminds_the_officers_of_the_office_only(cast):
    flow = Flow(cast).to("registration_submitted")
    deadline = Deadline.objects.get(dispute_id=flow.id, key="registration_check", state="open")
    mark = Since()
    deadlines_process(now=noon(first_reminder_day(deadline.due_at)))
    assert mark.notified("deadline_reminder") == {cast.officer.id}
    assert mark.emailed("deadline_reminder") == {cast.officer.id}


@pytest.mark.django_db
def test_a_passed_deadline_is_not_reminded(cast):
    flow = Flow(cast).to("registration_submitted")
    deadline = Deadline.objects.get(dispute_id=flow.id, key="registration_check", state="open")
    mark = Since()
    assert deadlines_process(now=deadline.due_at + dt.timedelta(seconds=1))["overdue"] == 1
    assert mark.notified("deadline_reminder") == set()
    deadline.refresh_from_db()
    assert deadline.reminded_at is None


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_exactly_once(monkeypatch):
    flow = Flow(Cast()).to("recommendation_issued")
    cast = flow.cast
    now = noon(first_reminder_day(_answer_deadlines(flow)[0].due_at))
    original = notices._remind

    def slow_remind(deadline):
        time.sleep(0.1)  # hold the reminder's transaction open so that the two sweeps overlap
        return original(deadline)

    monkeypatch.setattr(notices, "_remind", slow_remind)
    start = threading.Barrier(2)
    errors: list = []

    def run() -> None:
        try:
            start.wait()
            deadlines_process(now=now)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads) and errors == []

    for user in (cast.worker, cast.company_user):
        assert Notification.objects.filter(kind="deadline_reminder", user=user).count() == 1
        assert OutboxEmail.objects.filter(kind="deadline_reminder", user=user).count() == 1
    assert not Deadline.objects.filter(dispute_id=flow.id, key="recommendation_answer", reminded_at=None).exists()
