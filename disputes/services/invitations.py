"""Invitation links: finding one by its token, and a company claiming it."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from disputes import permissions as perms
from disputes.models import (
    Dispute,
    DisputeState,
    Invitation,
)
from disputes.services.audit import event_record
from sikhi.api import Conflict, Forbidden, Invalid

S = DisputeState


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("dispute")
        .filter(token_hash=hashlib.sha256(token.encode()).hexdigest()).first()
    )


@transaction.atomic
def invitation_claim(*, token: str, by: User) -> Dispute:
    """The holder of an invitation link answers for the invited company: the dispute names their company."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Invalid(details={"invitation": [_("This invitation link is not valid.")]})
    if not perms.can_claim_invitation(by):
        raise Forbidden(_("Only a company account can accept an invitation."))
    dispute = Dispute.objects.select_for_update().get(pk=invitation.dispute_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    now = timezone.now()
    if invitation.used_at is not None:
        raise Conflict(_("This invitation has already been used."))
    if invitation.expires_at < now or dispute.state != S.BIPARTITE_INVITED:
        raise Conflict(_("This invitation has expired."), details={"state": dispute.state})
    invitation.used_at, invitation.used_by = now, by
    invitation.save(update_fields=["used_at", "used_by"])
    dispute.respondent_company_id = by.company_id
    company = by.company
    assert company is not None  # by.company_id was checked above
    dispute.respondent_nib = company.nib
    dispute.save(update_fields=["respondent_company", "respondent_nib"])
    event_record(dispute=dispute, by=by, name="invitation_claimed", source=dispute.state, target=dispute.state,
                 at=now, payload={"company": {"id": by.company_id, "name": company.name}})
    return dispute


