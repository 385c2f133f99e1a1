"""Creation and edits of a dispute in draft."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Company, Office, Role, User
from disputes import permissions as perms
from disputes.models import (
    Dispute,
    DisputeState,
)
from disputes.services.audit import event_record
from disputes.services.reading import (
    available_transitions,
)
from sikhi.api import Forbidden, Invalid, TransitionNotAllowed

S = DisputeState


def office_for_regency(code: str) -> Office:
    """The office of a routed workplace code (accounts.regions.office_code_for_workplaces made it)."""
    return Office.objects.get(code=code)


def _check_members(dispute: Dispute) -> None:
    if dispute.collective and not dispute.members:
        raise Invalid(details={"members": [_("A collective dispute names its members.")]})


def _apply_petitioner_address(by: User, data: dict) -> None:
    """The worker's address lives on the account (accounts 0006); the filing may give or correct it."""
    address = (data.get("petitioner_address") or "").strip()
    if address and address != by.address:
        by.address = address
        by.save(update_fields=["address"])


def _apply_respondent(dispute: Dispute, respondent: dict) -> None:
    if respondent.get("nib"):
        company = Company.objects.filter(nib=respondent["nib"], verified_at__isnull=False).first()
        if company is None:
            raise Invalid(details={"respondent": {"nib": [_("No verified company has this NIB.")]}})
        dispute.respondent_company = company
        dispute.respondent_name = company.name
        dispute.respondent_nib = company.nib
        dispute.respondent_email = company.email
        dispute.respondent_address = company.address
    else:
        dispute.respondent_company = None
        dispute.respondent_nib = ""
        dispute.respondent_name = respondent["name"]
        dispute.respondent_email = respondent["email"]
        dispute.respondent_address = respondent["address"]


DRAFT_FIELDS = ("type", "summary", "chronology", "demands", "collective", "members", "monthly_wage",
                "employment_start", "employment_end")


@transaction.atomic
def dispute_create(*, by: User, data: dict) -> Dispute:
    """A worker starts a dispute in `draft`; nobody else can see it yet."""
    if by.role != Role.WORKER:
        raise Forbidden(_("Only workers file disputes."))
    dispute = Dispute(petitioner=by, workplace_regency=data["workplace_regency"],
                      office=office_for_regency(data["workplace_regency"]))
    for name in DRAFT_FIELDS:
        if name in data:
            setattr(dispute, name, data[name])
    _apply_respondent(dispute, data["respondent"])
    _check_members(dispute)
    _apply_petitioner_address(by, data)
    dispute.save()
    event_record(dispute=dispute, by=by, name="created", source="", target=dispute.state, at=timezone.now())
    return dispute


@transaction.atomic
def dispute_update(*, dispute: Dispute, by: User, data: dict) -> Dispute:
    """The petitioner edits the draft; once submitted the filing is evidence and cannot change."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not perms.can_edit_dispute(by, dispute):
        raise Forbidden()
    if dispute.state != S.DRAFT:
        raise TransitionNotAllowed(state=dispute.state, allowed=available_transitions(dispute, by),
                                   message=_("Only a draft can be edited."))
    for name in DRAFT_FIELDS:
        if name in data:
            setattr(dispute, name, data[name])
    if "workplace_regency" in data:
        dispute.workplace_regency = data["workplace_regency"]
        dispute.office = office_for_regency(data["workplace_regency"])
    if "respondent" in data:
        _apply_respondent(dispute, data["respondent"])
    _check_members(dispute)
    _apply_petitioner_address(by, data)
    dispute.save()
    return dispute


