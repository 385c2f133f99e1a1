"""Creation and edits of a dispute in draft."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Company, Office, Role, Union, User
from disputes import parties
from disputes import permissions as perms
from disputes.models import (
    Dispute,
    DisputeState,
)
from disputes.parties import PartyKind
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
    """Name the other side: a company (by NIB when verified on SIKHI), a worker (invited by e-mail) or a union
    (linked by its registration number when on SIKHI)."""
    kind = respondent.get("kind") or PartyKind.COMPANY
    dispute.respondent_kind = kind
    dispute.respondent_company = dispute.respondent_worker = dispute.respondent_union = None
    dispute.respondent_nib = dispute.respondent_nik = dispute.respondent_registration_number = ""
    if kind == PartyKind.UNION:
        # Only a union the office has verified is linked: the officers of an unverified one see nothing.
        union = Union.objects.filter(registration_number=respondent["registration_number"],
                                     verified_at__isnull=False).first()
        if union is not None:
            dispute.respondent_union = union
            dispute.respondent_registration_number = union.registration_number
            dispute.respondent_name = union.name
            dispute.respondent_email = union.email or respondent.get("email", "")
            dispute.respondent_address = union.address or respondent.get("address", "")
            return
        missing = {f: [_("This field is required.")] for f in ("name", "email", "address") if not respondent.get(f)}
        if missing:
            raise Invalid(details={"respondent": missing})
        dispute.respondent_registration_number = respondent["registration_number"]
    elif kind == PartyKind.WORKER:
        dispute.respondent_nik = respondent["nik"]
    elif respondent.get("nib"):
        company = Company.objects.filter(nib=respondent["nib"], verified_at__isnull=False).first()
        if company is None:
            raise Invalid(details={"respondent": {"nib": [_("No verified company has this NIB.")]}})
        dispute.respondent_company = company
        dispute.respondent_name = company.name
        dispute.respondent_nib = company.nib
        dispute.respondent_email = company.email
        dispute.respondent_address = company.address
        return
    dispute.respondent_name = respondent["name"]
    dispute.respondent_email = respondent["email"]
    dispute.respondent_address = respondent["address"]


def _apply_petitioner(dispute: Dispute, by: User, requested: str | None) -> None:
    """The filing side: a worker for themself or for the union they are an officer of, or a company."""
    if by.role == Role.WORKER:
        kind = requested or PartyKind.WORKER
        if kind == PartyKind.UNION and by.union_id is None:
            raise Invalid(details={"petitioner_kind": [
                _("Only an officer of a union registered on SIKHI can file for a union.")]})
        if kind == PartyKind.UNION and not (by.union is not None and by.union.verified):
            raise Forbidden(_("The office must verify your union's registration before it can file a dispute."))
        if kind == PartyKind.COMPANY:
            raise Invalid(details={"petitioner_kind": [_("Only a company account can file for a company.")]})
    elif by.role == Role.COMPANY and by.company_id is not None:
        kind = requested or PartyKind.COMPANY
        if kind != PartyKind.COMPANY:
            raise Invalid(details={"petitioner_kind": [_("A company account files for its company.")]})
        assert by.company is not None
        if not by.company.verified:
            raise Forbidden(_("The office must verify your company before it can file a dispute."))
    else:
        raise Forbidden(_("Only workers, unions and companies file disputes."))
    dispute.petitioner_kind = kind
    dispute.petitioner_company_id = by.company_id if kind == PartyKind.COMPANY else None
    dispute.petitioner_union_id = by.union_id if kind == PartyKind.UNION else None


def _check_sides(dispute: Dispute) -> None:
    """Who may file which type against whom (UU 2/2004 Art. 1; disputes/parties.py)."""
    errors = parties.sides_error(type=dispute.type, petitioner_kind=dispute.petitioner_kind,
                                 respondent_kind=dispute.respondent_kind)
    if errors:
        raise Invalid(details=errors)
    if dispute.petitioner_kind == PartyKind.UNION and dispute.respondent_kind == PartyKind.UNION:
        same = (dispute.respondent_union_id == dispute.petitioner_union_id or (
            dispute.respondent_registration_number and dispute.petitioner_union
            and dispute.respondent_registration_number == dispute.petitioner_union.registration_number))
        if same:
            raise Invalid(details={"respondent": {"registration_number": [
                _("A union cannot file a dispute against itself.")]}})
        ours = dispute.petitioner_union.company_id if dispute.petitioner_union else None
        theirs = dispute.respondent_union.company_id if dispute.respondent_union else None
        if ours and theirs and ours != theirs:
            raise Invalid(details={"respondent": {"registration_number": [
                _("A dispute between unions is one between unions of one company (UU 2/2004 Art. 1(5)).")]}})


DRAFT_FIELDS = ("type", "summary", "chronology", "demands", "collective", "members", "monthly_wage",
                "employment_start", "employment_end")


@transaction.atomic
def dispute_create(*, by: User, data: dict) -> Dispute:
    """A worker, a union's officer or a company starts a dispute in `draft`; nobody else can see it yet."""
    dispute = Dispute(petitioner=by, workplace_regency=data["workplace_regency"],
                      office=office_for_regency(data["workplace_regency"]))
    requested = data.get("petitioner_kind")
    if not requested and data.get("type") == "antar_serikat" and getattr(by, "union_id", None):
        requested = PartyKind.UNION  # a dispute between unions is filed by the officer for their union
    _apply_petitioner(dispute, by, requested)
    for name in DRAFT_FIELDS:
        if name in data:
            setattr(dispute, name, data[name])
    _apply_respondent(dispute, data["respondent"])
    _check_sides(dispute)
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
    _check_sides(dispute)
    _check_members(dispute)
    _apply_petitioner_address(by, data)
    dispute.save()
    return dispute


