"""Who is told what: in-app notifications and e-mails for transitions, summons and coming deadlines.

Titles of notifications are rendered from kind + params in the reader's language (never stored translated);
e-mails are rendered once, in the recipient's language (`User.language`), into the outbox (chat/mail.py).

Rules:
- A transition notifies (in-app) everyone it concerns (the parties, the mediator; never the respondent company
  while the dispute is a draft) except the actor, plus whoever the new state asks to act.
- A transition e-mails the users the new state asks to act (`next_actor`: the respondent company's accounts,
  the petitioner, the officers of the dispute's office, the assigned mediator), except the actor. When the state
  does not change (a party chose a route, signed, answered), only those newly asked are e-mailed.
- A summons: one notification and one e-mail per account of the summoned party, with the time and how to join.
- A deadline owed by a user that falls due within 2 working days: one notification and one e-mail per
  deadline and user, once (`Deadline.reminded_at`, set by a conditional UPDATE).
- A mediator re-assigned by an officer: one e-mail to the new mediator (the case is theirs now, with its stage
  and the mediator's next deadline), one to each account of the parties (who their mediator is now), and a short
  note to the former mediator (the case and its rooms are no longer theirs), so that nobody keeps preparing a
  session for a case they no longer lead.
- A new consultation: one in-app notification per officer of its office (the topic only, never the question).
- A final outcome (the state becomes `settled` or `court_referral`): one e-mail to each account of both parties,
  actor included (it is the record of how the case ended), with what to do next (register the PB / file at the
  PHI court, naming the court).
- Nothing here carries chat content: no room's messages, and so nothing of a caucus, reach any notice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.calendar import JAKARTA, WorkingCalendar, local_date
from accounts.courts import phi_court_name
from accounts.models import Role, User
from disputes import parties
from disputes.models import Deadline, DeadlineState, DisputeState, DisputeType

logger = logging.getLogger(__name__)

REMINDER_WORKING_DAYS = 2

# What each deadline is for, as it reads after "the deadline for ..." (notification titles and e-mails).
DEADLINE_LABELS = {
    "invitation_response": gettext_lazy("answering the invitation to bipartite negotiation"),
    "bipartite": gettext_lazy("the bipartite negotiation"),
    "registration_check": gettext_lazy("checking the registration"),
    "route_choice": gettext_lazy("choosing the settlement route"),
    "first_session": gettext_lazy("holding the first mediation session"),
    "mediation": gettext_lazy("completing the mediation"),
    "recommendation_issue": gettext_lazy("issuing the written recommendation"),
    "recommendation_answer": gettext_lazy("answering the written recommendation"),
    "agreement_drafting": gettext_lazy("signing the joint agreement"),
}

# What a state asks of each role, for the e-mail that tells them.
ASKS = {
    "bipartite_invited": {
        "respondent": gettext_lazy("A worker has filed an industrial-relations dispute against your company and "
                                   "invites you to bipartite negotiation. Answer the invitation on SIKHI: accept "
                                   "it, or decline it with your reasons."),
    },
    "bipartite": {
        "*": gettext_lazy("Bipartite negotiation is under way. Negotiate with the other party, record the minutes "
                          "of each meeting on SIKHI and sign them. You may propose an agreement or, after a "
                          "recorded meeting, declare that the negotiation has failed."),
    },
    "bipartite_failed": {
        "*": gettext_lazy("Bipartite negotiation has ended without agreement. You may now register the dispute "
                          "with the manpower office on SIKHI."),
    },
    "registration_submitted": {
        "officer": gettext_lazy("A dispute has been registered with your office. Check that the registration is "
                                "complete, then accept it or return it listing the missing items."),
    },
    "registration_returned": {
        "petitioner": gettext_lazy("The office has returned your registration as incomplete. Complete the missing "
                                   "items listed below and submit the registration again."),
    },
    "adr_offered": {
        "*": gettext_lazy("The dispute has been registered. Choose how to settle it: mediation, conciliation or "
                          "arbitration. Without a choice in time, the dispute goes to mediation."),
    },
    "awaiting_mediator": {
        "officer": gettext_lazy("The dispute goes to mediation. Delegate it to a mediator of your office."),
    },
    "mediation": {
        "mediator": gettext_lazy("You lead the mediation of this dispute. Schedule the sessions (the summons go "
                                 "to the parties from SIKHI), then help the parties reach an agreement or issue a "
                                 "written recommendation."),
    },
    "recommendation_issued": {
        "*": gettext_lazy("The mediator has issued a written recommendation. Read it on SIKHI, confirm that you "
                          "have received it, and answer it: accept it, or reject it with your reasons. You have "
                          "10 working days from your receipt of it (your confirmation or your download of the "
                          "letter); no answer in that time counts as a rejection (UU 2/2004 Art. 13(2))."),
    },
    "agreement_drafting": {
        "*": gettext_lazy("The terms of a joint agreement are ready. Read them on SIKHI and sign them, or reject "
                          "them with your reasons."),
        "mediator": gettext_lazy("The terms of a joint agreement are ready. Check them on SIKHI and sign the "
                                 "agreement as witness."),
    },
}


def _local(value: Any) -> dt.datetime | None:
    when = parse_datetime(value) if isinstance(value, str) else value
    return timezone.localtime(when) if when else None


def notification_title(kind: str, params: dict) -> str:
    number = params.get("number") or ""
    if kind == "transition":
        label = DisputeState(params["target"]).label if params.get("target") in DisputeState.values else ""
        return _("Dispute %(number)s: %(stage)s") % {"number": number, "stage": label}
    if kind == "summons":
        when = _local(params.get("scheduled_for", ""))
        at = when.strftime("%d-%m-%Y %H:%M") if when else ""
        return _("Summons no. %(ordinal)s for dispute %(number)s: session on %(at)s WIB") % {
            "ordinal": params.get("ordinal", ""), "number": number, "at": at}
    if kind == "deadline_reminder":
        when = _local(params.get("due_at", ""))
        return _("Dispute %(number)s: the deadline for %(what)s ends on %(date)s") % {
            "number": number, "what": DEADLINE_LABELS.get(params.get("key", ""), params.get("key", "")),
            "date": when.strftime("%d-%m-%Y") if when else ""}
    if kind == "consultation":
        return _("New consultation question: %(topic)s") % {"topic": params.get("topic", "")}
    if kind == "mediator_changed":
        return _("Dispute %(number)s has a new mediator") % {"number": number}
    if kind == "agreement_changed":
        return _("Dispute %(number)s: the terms of the agreement were changed, so your signature was cleared. "
                 "Read them and sign again.") % {"number": number}
    if kind == "handed_over":
        return _("Dispute %(number)s was handed over to %(office)s") % {"number": number,
                                                                       "office": params.get("office", "")}
    return _("Dispute %(number)s has news") % {"number": number}


# --- recipients --------------------------------------------------------------------------------------------


def role_users(dispute: Any, roles: list[str]) -> list[tuple[Any, str]]:
    """The active accounts that act in `roles` on the dispute, each with its role; never the respondent
    company of a dispute that has not been submitted."""
    found: dict[int, tuple[Any, str]] = {}
    for role in roles:
        if role in ("petitioner", "respondent"):
            users = parties.users(dispute, role)
        elif role == "officer":
            users = User.objects.filter(role=Role.OFFICER, office_id=dispute.office_id)
        elif role == "mediator":
            if dispute.mediator_id is None:
                continue
            users = User.objects.filter(pk=dispute.mediator_id)
        else:
            continue
        for user in users.filter(is_active=True).order_by("id"):
            found.setdefault(user.pk, (user, role))
    return list(found.values())


def _due_for(dispute: Any, role: str) -> dt.datetime | None:
    """The earliest open deadline the role owes on the dispute."""
    dues = [d.due_at for d in Deadline.objects.filter(dispute=dispute, state=DeadlineState.OPEN) if role in d.owed_by]
    return timezone.localtime(min(dues)) if dues else None


def _common(dispute: Any, user: Any) -> dict[str, Any]:
    from chat.mail import dispute_url

    return {
        "name": user.name or user.username,
        "number": dispute.number,
        "dispute_type": DisputeType(dispute.type).label if dispute.type in DisputeType.values else dispute.type,
        "petitioner": parties.display_name(dispute, "petitioner"),
        "respondent": parties.display_name(dispute, "respondent"),
        "url": dispute_url(dispute.pk),
    }


# --- transitions -------------------------------------------------------------------------------------------


def transition_announce(*, dispute: Any, name: str, source: str, actor_id: int | None, concerned_ids: list[int],
                        asked_before: list[str], asked_after: list[str], payload: dict) -> None:
    """Called by dispute_transition inside its transaction: the notifications and e-mails of one transition."""
    from chat.mail import email_queue
    from chat.services import notify

    newly = [role for role in asked_after if role not in asked_before]
    asked = [(user, role) for user, role in role_users(dispute, asked_after if dispute.state != source else newly)
             if user.pk != actor_id]
    ids = [uid for uid in concerned_ids if uid != actor_id] + [user.pk for user, _role in asked]
    notify(user_ids=ids, kind="transition", dispute=dispute,
           params={"name": name, "source": source, "target": dispute.state, "number": dispute.number})
    asks = ASKS.get(dispute.state, {})
    stage = DisputeState(dispute.state).label
    for user, role in asked:
        action = asks.get(role) or asks.get("*")
        if action is None or not user.email:
            continue
        context = {**_common(dispute, user), "stage": stage, "action": action, "due": _due_for(dispute, role),
                   "missing_items": payload.get("missing_items") if dispute.state == "registration_returned" else None}
        email_queue(to=user.email, language=user.language, template="notices/email/transition", context=context,
                    kind="transition", user=user, dispute=dispute)
    if dispute.state != source and dispute.state in FINAL_OUTCOMES:
        outcome_announce(dispute=dispute)


# --- final outcome -----------------------------------------------------------------------------------------

FINAL_OUTCOMES = ("settled", "court_referral")

# What the final outcome means for the parties, paragraph by paragraph (%(court)s: the PHI court of the office).
OUTCOME_TEXTS = {
    "settled": [
        gettext_lazy("The dispute has ended in a settlement: the joint agreement (Perjanjian Bersama) has been "
                     "signed and binds both parties."),
        gettext_lazy("Keep the signed agreement; you can download it from the dispute page. To make it enforceable, "
                     "the joint agreement is registered at the %(court)s (UU 2/2004 Pasal 7)."),
    ],
    "court_referral": [
        gettext_lazy("The dispute has ended without agreement: the written recommendation (anjuran) was rejected. "
                     "Either party may now file a claim at the %(court)s."),
        gettext_lazy("Attach to the claim the record of the mediation (risalah penyelesaian), the recommendation "
                     "and the answers to it, the joint agreement if there is one, and your evidence. A claim "
                     "without the risalah is returned (UU 2/2004 Pasal 83(1)). The court bundle with these "
                     "documents can be downloaded from the dispute page."),
    ],
}


def _formatted(text: Any, params: dict) -> Any:
    """`text % params`, translated when rendered (inside the recipient's language), not now."""
    return lazy(lambda: str(text) % params, str)()


def outcome_announce(*, dispute: Any) -> None:
    """The e-mail of a dispute's final outcome to every account of both parties, each in its own language."""
    from chat.mail import email_queue

    for user, _role in role_users(dispute, ["petitioner", "respondent"]):
        if not user.email:
            continue
        params = {"court": phi_court_name(dispute.office_id)}
        context = {**_common(dispute, user), "stage": DisputeState(dispute.state).label,
                   "paragraphs": [_formatted(text, params) for text in OUTCOME_TEXTS[dispute.state]]}
        email_queue(to=user.email, language=user.language, template="notices/email/outcome", context=context,
                    kind=f"outcome_{dispute.state}", user=user, dispute=dispute)


# --- consultations -----------------------------------------------------------------------------------------


def consultation_announce(*, consultation: Any) -> None:
    """Called by consultation_create inside its transaction: tell the officers of the office (in-app)."""
    from chat.services import notify

    officers = User.objects.filter(role=Role.OFFICER, office_id=consultation.office_id, is_active=True)
    notify(user_ids=list(officers.order_by("id").values_list("id", flat=True)), kind="consultation",
           params={"consultation_id": consultation.pk, "topic": consultation.topic[:120]})


# --- re-assigned mediator ----------------------------------------------------------------------------------


def mediator_change_announce(*, dispute: Any, former: Any, actor_id: int | None) -> None:
    """Called by dispute_reassign_mediator inside its transaction (the in-app notifications are its own): the
    e-mails to the new mediator, to each party's accounts and to the former mediator. Stage, names and links
    only; nothing of the rooms."""
    from chat.mail import email_queue

    new = dispute.mediator
    stage = DisputeState(dispute.state).label
    recipients = [(new, "assigned", {"due": _due_for(dispute, "mediator")})]
    recipients += [(user, "changed", {}) for user, _role in role_users(dispute, ["petitioner", "respondent"])]
    recipients.append((former, "unassigned", {}))
    for user, audience, extra in recipients:
        if not user.email or not user.is_active or user.pk == actor_id:
            continue
        context = {**_common(dispute, user), "stage": stage, "audience": audience, "mediator": new.name,
                   "former": former.name, **extra}
        email_queue(to=user.email, language=user.language, template="notices/email/mediator_changed",
                    context=context, kind=f"mediator_{audience}", user=user, dispute=dispute)


# --- deadline reminders ------------------------------------------------------------------------------------


def reminder_horizon(now: dt.datetime) -> dt.datetime:
    """The end (23:59:59 WIB) of the 2nd working day after today: deadlines due until then are reminded."""
    day = WorkingCalendar().add_working_days(local_date(now), REMINDER_WORKING_DAYS)
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=JAKARTA)


def deadline_reminders_send(*, now: dt.datetime) -> int:
    """Remind the users who owe an open deadline falling due within 2 working days: one notification and one
    e-mail per deadline and user, exactly once even when several sweeps run at once (the conditional UPDATE of
    `reminded_at` decides who sends). Answers how many deadlines were reminded; never raises."""
    candidates = list(
        Deadline.objects.filter(state=DeadlineState.OPEN, reminded_at__isnull=True, due_at__gt=now,
                                due_at__lte=reminder_horizon(now)).values_list("id", flat=True)
    )
    reminded = 0
    for deadline_id in candidates:
        try:
            with transaction.atomic():
                if not Deadline.objects.filter(pk=deadline_id, state=DeadlineState.OPEN,
                                               reminded_at__isnull=True).update(reminded_at=now):
                    continue  # another sweep has it
                _remind(Deadline.objects.select_related("dispute", "dispute__petitioner").get(pk=deadline_id))
            reminded += 1
        except Exception:  # one broken case must not stop the other reminders
            logger.exception("reminder of deadline %s could not be sent", deadline_id)
    return reminded


def _remind(deadline: Any) -> None:
    from chat.mail import email_queue
    from chat.services import notify

    dispute = deadline.dispute
    users = role_users(dispute, list(deadline.owed_by))
    notify(user_ids=[user.pk for user, _role in users], kind="deadline_reminder", dispute=dispute,
           params={"key": deadline.key, "due_at": deadline.due_at.isoformat(), "number": dispute.number,
                   "deadline_id": deadline.pk})
    asks = ASKS.get(dispute.state, {})
    for user, role in users:
        if not user.email:
            continue
        context = {**_common(dispute, user), "what": DEADLINE_LABELS.get(deadline.key, deadline.key),
                   "due": timezone.localtime(deadline.due_at), "action": asks.get(role) or asks.get("*")}
        email_queue(to=user.email, language=user.language, template="notices/email/reminder", context=context,
                    kind="deadline_reminder", user=user, dispute=dispute)
