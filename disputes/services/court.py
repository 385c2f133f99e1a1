"""The PHI court's registration of a signed agreement."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from disputes import permissions as perms
from disputes.models import (
    Dispute,
    DisputeState,
)
from disputes.services.audit import event_record
from sikhi.api import Conflict, Forbidden

S = DisputeState


@transaction.atomic
def court_registration_record(*, dispute: Dispute, by: User, court: str, akta_number: str,
                              registered_on: dt.date) -> Dispute:
    """Record the PHI court's registration (akta) of the signed agreement."""
    d = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not perms.can_register_at_court(by, d):
        raise Forbidden()
    if d.state != S.SETTLED:
        raise Conflict(_("Only a settled dispute can be registered at the court."), details={"state": d.state})
    if d.court_akta_number:
        raise Conflict(_("The court registration has already been recorded."))
    d.court_name, d.court_akta_number, d.court_registered_on = court, akta_number, registered_on
    d.save(update_fields=["court_name", "court_akta_number", "court_registered_on"])
    event_record(dispute=d, by=by, name="court_registration", source=d.state, target=d.state, at=timezone.now(),
                 payload={"court": court, "akta_number": akta_number, "registered_on": registered_on.isoformat()})
    return d
