"""The office's moves that are not transitions: re-assigning the mediator, handing over to the province."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, Role, User
from accounts.numbers import office_letter_number
from accounts.regions import province_of
from disputes import permissions as perms
from disputes.models import (
    Dispute,
    DisputeState,
)
from disputes.services.audit import event_record
from disputes.services.transitions import _AssignMediator
from disputes.signals import DisputeHandedOver, MediatorReassigned
from sikhi.api import Conflict, Forbidden, Invalid
from sikhi.events import emit

S = DisputeState


@transaction.atomic
def dispute_reassign_mediator(*, dispute: Dispute, by: User, mediator_id: Any) -> Dispute:
    """An officer hands a case in mediation to another mediator of the office. The former mediator
    loses the rooms at once: emits `MediatorReassigned`, on which chat publishes `chat.membership` (their
    sockets re-check and close), notifies the parties and both mediators in-app and e-mails them."""
    d = Dispute.objects.select_for_update(of=("self",)).get(pk=dispute.pk)
    if not perms.is_office_officer(d, by):
        raise Forbidden()
    if d.mediator_id is None or d.is_terminal:
        raise Conflict(_("Only a dispute with an assigned mediator can be handed to another one."),
                       details={"state": d.state})
    serializer = _AssignMediator(data={"mediator": mediator_id}, context={"dispute": d, "by": by})
    serializer.is_valid(raise_exception=True)
    mediator = serializer.validated_data["mediator"]
    if mediator.pk == d.mediator_id:
        raise Invalid(details={"mediator": [_("This mediator is already assigned.")]})
    former = d.mediator
    d.mediator = mediator
    d.save(update_fields=["mediator"])
    now = timezone.now()
    event_record(dispute=d, by=by, name="mediator_reassigned", source=d.state, target=d.state, at=now,
                 payload={"from": {"id": former.pk, "name": former.name},
                          "to": {"id": mediator.pk, "name": mediator.name}})
    emit(MediatorReassigned(dispute=d, former=former, actor_id=by.pk))
    return d


@transaction.atomic
def dispute_hand_over(*, dispute: Dispute, by: User, reason: str, letter_number: str = "",
                      letter_date: dt.date | None = None) -> Dispute:
    """A kabupaten/kota office without an active mediator hands a dispute awaiting one to its province's office
    (pelimpahan, recorded with the letter's number and date: a number given by the officer, or else the next of
    the office's PLM series; today unless dated). Not a transition: the stage stays. Makes the surat pelimpahan
    (documents subscribes to `DisputeHandedOver`); chat notifies the parties and the province's officers."""
    d = Dispute.objects.select_for_update(of=("self",)).get(pk=dispute.pk)
    if not perms.can_hand_over_dispute(by, d):
        raise Forbidden()
    if d.state != S.AWAITING_MEDIATOR:
        raise Conflict(_("Only a dispute waiting for a mediator can be handed over to the province."),
                       details={"state": d.state})
    if User.objects.filter(role=Role.MEDIATOR, office_id=d.office_id, is_active=True).exists():
        raise Conflict(_("This office has an active mediator: delegate the dispute to them instead."))
    former = d.office
    now = timezone.now()
    letter_number = letter_number.strip() or office_letter_number(former.code, "PLM", now)
    letter_date = letter_date or timezone.localdate(now)
    d.office = Office.objects.get(code=province_of(former.code))
    d.save(update_fields=["office"])
    payload = {"from": {"code": former.code, "name": former.name}, "to": {"code": d.office.code, "name": d.office.name},
               "letter_number": letter_number, "letter_date": letter_date.isoformat(), "reason": reason}
    event = event_record(dispute=d, by=by, name="handed_over", source=d.state, target=d.state, at=now, payload=payload)
    officers = User.objects.filter(role=Role.OFFICER, office_id=d.office_id, is_active=True)
    emit(DisputeHandedOver(dispute=d, event=event, officer_ids=list(officers.values_list("id", flat=True))))
    return d


