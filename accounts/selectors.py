"""Permission-scoped reads of companies: a company an officer may not review does not exist for them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts import permissions as perms
from accounts.models import Company, Union
from sikhi.api import NotFound


def company_list_for(*, user: Any, verified: bool | None = None) -> QuerySet[Company]:
    """The companies `user` may review (their office's), newest first, optionally by verification."""
    if not perms.can_review_companies(user):
        return Company.objects.none()
    qs = Company.objects.select_related("regency")
    if not user.is_superuser:
        qs = qs.filter(regency_id=user.office_id)
    if verified is not None:
        qs = qs.filter(verified_at__isnull=not verified)
    return qs.order_by("-id")


def company_get_for(*, user: Any, pk: Any) -> Company:
    """The company `pk` if `user` may review it; NotFound otherwise."""
    company = company_list_for(user=user).filter(pk=pk).first()
    if company is None:
        raise NotFound()
    return company


def company_lookup(*, nib: str) -> Company:
    """The verified company with this NIB; NotFound otherwise (unverified companies are not disclosed)."""
    company = Company.objects.select_related("regency").filter(nib=nib, verified_at__isnull=False).first()
    if company is None:
        raise NotFound(_("No verified company has this NIB."))
    return company


def union_lookup(*, registration_number: str) -> Union:
    """The union on SIKHI with this registration number (nomor bukti pencatatan); NotFound otherwise."""
    union = (Union.objects.select_related("regency", "company")
             .filter(registration_number=registration_number, verified_at__isnull=False).first())
    if union is None:
        raise NotFound(_("No union on SIKHI has this registration number."))
    return union


def union_get_for(*, user: Any, pk: Any) -> Union:
    """The union `pk` if `user` may verify it (an officer of the office where it is recorded); NotFound otherwise."""
    union = Union.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if union is None or not perms.can_verify_union(user, union):
        raise NotFound()
    return union
