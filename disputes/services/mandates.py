"""A collective dispute's members and their power of attorney (surat kuasa), and the rule that both are complete
before the dispute is submitted."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from disputes import permissions as perms
from disputes.mandates import PowerOfAttorney, Representative
from disputes.models import Dispute
from disputes.services.audit import event_record
from disputes.services.evidence import upload_checked
from sikhi.api import Conflict, Forbidden

NIK_RE = re.compile(r"^\d{16}$")


def power_of_attorney_upload(*, dispute: Dispute, by: User, upload: Any, granted_by: str,
                             issued_on: dt.date) -> PowerOfAttorney:
    """The petitioner uploads the members' surat kuasa (PDF, JPEG or PNG, checked by content); audit row
    `power_of_attorney_uploaded`. Publishes nothing: only the petitioner's own filing changes."""
    if not perms.can_file_power_of_attorney(by, dispute):
        raise Forbidden()
    if dispute.is_terminal:
        raise Conflict(_("A power of attorney cannot be added to a closed dispute."), details={"state": dispute.state})
    content_type, sha256 = upload_checked(upload)
    with transaction.atomic():
        mandate = PowerOfAttorney(dispute=dispute, granted_by=granted_by, issued_on=issued_on,
                                  original_name=(upload.name or "")[:255], content_type=content_type,
                                  size=upload.size, sha256=sha256, uploaded_by=by)
        mandate.file.save("upload", upload, save=False)
        try:
            mandate.save()
            event_record(dispute=dispute, by=by, name="power_of_attorney_uploaded", source=dispute.state,
                         target=dispute.state, at=timezone.now(),
                         payload={"power_of_attorney_id": mandate.pk, "granted_by": granted_by,
                                  "issued_on": issued_on.isoformat(), "sha256": sha256})
        except Exception:
            mandate.file.delete(save=False)
            raise
    return mandate


def collective_missing(dispute: Dispute) -> dict[str, list[str]]:
    """What a collective dispute still lacks before it is submitted: every member's NIK (16 digits) and position,
    and the members' power of attorney (Permenakertrans 17/2014 Art. 10(1)(e): a mediator may refuse a proxy
    without a surat kuasa khusus). Empty when complete or not collective."""
    if not dispute.collective:
        return {}
    missing: dict[str, list[str]] = {}
    members = dispute.members or []
    if not members:
        missing["members"] = [_("A collective dispute names its members.")]
    for i, member in enumerate(members):
        if not NIK_RE.match(str(member.get("nik") or "")):
            missing[f"members.{i}.nik"] = [_("A NIK has exactly 16 digits.")]
        if not str(member.get("position") or "").strip():
            missing[f"members.{i}.position"] = [_("Required before submitting.")]
    if not dispute.powers_of_attorney.exists():
        missing["power_of_attorney"] = [_("Upload the members' power of attorney (surat kuasa) before submitting.")]
    return missing


def representative_side(*, user: Any, dispute: Dispute) -> str | None:
    """The side `user` answers for in `dispute` (petitioner, respondent), or None."""
    if perms.is_petitioner(dispute, user):
        return "petitioner"
    if perms.is_respondent(dispute, user):
        return "respondent"
    return None


def representative_record(*, dispute: Dispute, by: User, data: dict, upload: Any) -> Representative:
    """A party names its side's proxy with the surat kuasa khusus (PDF, JPEG or PNG by content); a proxy named
    before for that side is replaced. Audit row `representative_recorded`; publishes nothing."""
    side = representative_side(user=by, dispute=dispute)
    if side is None or not perms.can_name_representative(by, dispute):
        raise Forbidden()
    if dispute.is_terminal:
        raise Conflict(_("A representative cannot be named on a closed dispute."), details={"state": dispute.state})
    content_type, sha256 = upload_checked(upload)
    with transaction.atomic():
        for old in Representative.objects.select_for_update().filter(dispute=dispute, side=side):
            old.file.delete(save=False)
            old.delete()
        rep = Representative(dispute=dispute, side=side, name=data["name"], position=data["position"],
                             organisation=data.get("organisation", ""), phone=data.get("phone", ""),
                             email=data.get("email", ""), issued_on=data["issued_on"],
                             original_name=(upload.name or "")[:255], content_type=content_type, size=upload.size,
                             sha256=sha256, recorded_by=by)
        rep.file.save("upload", upload, save=False)
        try:
            rep.save()
            event_record(dispute=dispute, by=by, name="representative_recorded", source=dispute.state,
                         target=dispute.state, at=timezone.now(),
                         payload={"side": side, "name": rep.name, "issued_on": rep.issued_on.isoformat(),
                                  "sha256": sha256})
        except Exception:
            rep.file.delete(save=False)
            raise
    return rep


@transaction.atomic
def representative_remove(*, dispute: Dispute, by: User) -> None:
    """A party withdraws its side's proxy; audit row `representative_removed`."""
    side = representative_side(user=by, dispute=dispute)
    if side is None or not perms.can_name_representative(by, dispute):
        raise Forbidden()
    removed = 0
    for rep in Representative.objects.select_for_update().filter(dispute=dispute, side=side):
        rep.file.delete(save=False)
        rep.delete()
        removed += 1
    if removed:
        event_record(dispute=dispute, by=by, name="representative_removed", source=dispute.state,
                     target=dispute.state, at=timezone.now(), payload={"side": side})
