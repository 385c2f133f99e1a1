"""Invitation links: finding one by its token, and the invited respondent (company, worker or union) claiming it."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from disputes import parties
from disputes.models import (
    Dispute,
    DisputeState,
    Invitation,
)
from disputes.parties import PartyKind
from disputes.services.audit import event_record
from sikhi.api import Conflict, Forbidden, Invalid

S = DisputeState


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("dispute")
        .filter(token_hash=hashlib.sha256(token.encode()).hexdigest()).first()
    )


def _claim_error(dispute: Dispute, by: User) -> str | None:
    """Why `by` may not answer for the invited respondent, or None: the right kind of account, and for a worker
    the NIK, for a union the registration number the petitioner gave."""
    kind = parties.kind(dispute, "respondent")
    if parties.is_on_side(dispute, by, "petitioner"):
        return _("The petitioner cannot accept the invitation to the other side.")
    if kind == PartyKind.WORKER:
        if by.role != Role.WORKER:
            return _("This invitation is for a worker: sign in with a worker account.")
        if dispute.respondent_nik and by.nik != dispute.respondent_nik:
            return _("This invitation is for the worker with another NIK.")
        return None
    if kind == PartyKind.UNION:
        if by.role != Role.WORKER or by.union_id is None:
            return _("This invitation is for a union: sign in with the account of one of its officers.")
        assert by.union is not None
        if not by.union.verified:
            return _("The office must verify your union's registration before it can answer for it.")
        if dispute.respondent_registration_number and (
                by.union.registration_number != dispute.respondent_registration_number):
            return _("This invitation is for the union with another registration number.")
        return None
    if by.role != Role.COMPANY or by.company_id is None:
        return _("Only a company account can accept an invitation.")
    return None


@transaction.atomic
def invitation_claim(*, token: str, by: User) -> Dispute:
    """The holder of an invitation link answers for the invited respondent: the dispute names their company,
    their worker account or their union."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Invalid(details={"invitation": [_("This invitation link is not valid.")]})
    refused = _claim_error(invitation.dispute, by)
    if refused:
        raise Forbidden(refused)
    dispute = Dispute.objects.select_for_update().get(pk=invitation.dispute_id)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    now = timezone.now()
    if invitation.used_at is not None:
        raise Conflict(_("This invitation has already been used."))
    if invitation.expires_at < now or dispute.state != S.BIPARTITE_INVITED:
        raise Conflict(_("This invitation has expired."), details={"state": dispute.state})
    invitation.used_at, invitation.used_by = now, by
    invitation.save(update_fields=["used_at", "used_by"])
    kind = parties.kind(dispute, "respondent")
    if kind == PartyKind.WORKER:
        dispute.respondent_worker = by
        dispute.respondent_nik = by.nik
        dispute.save(update_fields=["respondent_worker", "respondent_nik"])
        payload = {"worker": {"id": by.pk, "name": by.name}}
    elif kind == PartyKind.UNION:
        union = by.union
        assert union is not None  # _claim_error checked it
        dispute.respondent_union = union
        dispute.respondent_registration_number = union.registration_number
        dispute.save(update_fields=["respondent_union", "respondent_registration_number"])
        payload = {"union": {"id": union.pk, "name": union.name}}
    else:
        company = by.company
        assert company is not None  # _claim_error checked it
        dispute.respondent_company_id = by.company_id
        dispute.respondent_nib = company.nib
        dispute.save(update_fields=["respondent_company", "respondent_nib"])
        payload = {"company": {"id": by.company_id, "name": company.name}}
    event_record(dispute=dispute, by=by, name="invitation_claimed", source=dispute.state, target=dispute.state,
                 at=now, payload=payload)
    return dispute
