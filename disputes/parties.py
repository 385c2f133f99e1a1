"""The two sides of a dispute: who they are, what they are called and who may act for them.

A side (`petitioner` or `respondent`) is a worker, a company or a union (serikat pekerja/serikat buruh):
UU 2/2004 Art. 1(1) names the parties of an industrial-relations dispute as the employer (pengusaha) on one
side and a worker or a union on the other, except a dispute between unions of one company (Art. 1(5)).
Permissions, the audit trail, notifications, documents and serializers ask this module, never the columns.

The dispute's columns per side and kind:

| side | worker | company | union |
|---|---|---|---|
| petitioner | `petitioner` (the filing account) | `petitioner_company` | `petitioner_union` |
| respondent | `respondent_worker` (once claimed) | `respondent_company` (once on SIKHI) | `respondent_union` |

`petitioner` is always the account that filed (for a company or a union: its representative). The respondent's
name, address, e-mail and identity number as the petitioner gave them are kept in `respondent_*` text columns
for a respondent not (yet) on SIKHI.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User

SIDES = ("petitioner", "respondent")


class PartyKind(models.TextChoices):
    WORKER = "worker", _("Worker")
    COMPANY = "company", _("Company")
    UNION = "union", _("Union")


K = PartyKind

# Who may file which type against whom (petitioner kind, respondent kind): UU 2/2004 Art. 1(1)-(5), Art. 3-4.
# A union is a party for interests and termination disputes on behalf of its members (Art. 1(1); UU 21/2000
# Art. 25(1)(b)); both sides of a dispute between unions are unions of one company (Art. 1(5)); an employer
# may file against a worker, e.g. a termination the worker rejected (PP 35/2021 Art. 39).
ALLOWED_SIDES: dict[str, frozenset[tuple[str, str]]] = {
    "hak": frozenset({(K.WORKER, K.COMPANY), (K.COMPANY, K.WORKER)}),
    "kepentingan": frozenset({(K.WORKER, K.COMPANY), (K.UNION, K.COMPANY), (K.COMPANY, K.WORKER),
                              (K.COMPANY, K.UNION)}),
    "phk": frozenset({(K.WORKER, K.COMPANY), (K.UNION, K.COMPANY), (K.COMPANY, K.WORKER), (K.COMPANY, K.UNION)}),
    "antar_serikat": frozenset({(K.UNION, K.UNION)}),
}

DEFAULT_KIND = {"petitioner": K.WORKER, "respondent": K.COMPANY}


def kind(dispute: Any, side: str) -> str:
    """`worker`, `company` or `union` (a plain object from before the sides had kinds reads as worker/company)."""
    return getattr(dispute, f"{side}_kind", "") or DEFAULT_KIND[side]


def sides_error(*, type: str, petitioner_kind: str, respondent_kind: str) -> dict | None:
    """Field errors (api.md's `details`) when the law does not let this petitioner file this type against this
    respondent; None when it does."""
    allowed = ALLOWED_SIDES.get(type, frozenset())
    if (petitioner_kind, respondent_kind) in allowed:
        return None
    if not any(p == petitioner_kind for p, _r in allowed):
        if type == "antar_serikat":
            message = _("Only a union can file a dispute between unions (UU 2/2004 Art. 1(5)).")
        elif petitioner_kind == K.UNION:
            message = _("A union can be a party to interests and termination disputes only (UU 2/2004 Art. 1(1)).")
        else:
            message = _("This kind of party cannot file this type of dispute (UU 2/2004 Art. 1).")
        return {"type": [message]}
    if type == "antar_serikat":
        message = _("Both sides of a dispute between unions are unions (UU 2/2004 Art. 1(5)).")
    elif petitioner_kind == K.COMPANY:
        message = _("A company files against a worker or a union, not against a company (UU 2/2004 Art. 1(1)).")
    else:
        message = _("A worker or a union files against the company (UU 2/2004 Art. 1(1)).")
        if respondent_kind == K.UNION:
            message = _("A union can be a party to interests and termination disputes only (UU 2/2004 Art. 1(1)).")
    return {"respondent": {"kind": [message]}}


# --- who acts for a side ------------------------------------------------------------------------------------


def _person(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and getattr(user, "is_active", False) and user.pk is not None


def is_on_side(dispute: Any, user: Any, side: str) -> bool:
    """Whether `user` acts for `side` of the dispute (the respondent only once the dispute is submitted)."""
    if not _person(user):
        return False
    if side == "respondent" and dispute.submitted_at is None:
        return False
    k = kind(dispute, side)
    if side == "petitioner":
        if k == K.COMPANY:
            return (user.role == Role.COMPANY and user.company_id is not None
                    and user.company_id == dispute.petitioner_company_id)
        if k == K.UNION:
            return (user.role == Role.WORKER and user.union_id is not None
                    and user.union_id == dispute.petitioner_union_id)
        return dispute.petitioner_id == user.id
    if k == K.WORKER:
        return user.role == Role.WORKER and dispute.respondent_worker_id == user.id
    if k == K.UNION:
        return (user.role == Role.WORKER and user.union_id is not None
                and user.union_id == dispute.respondent_union_id)
    return (user.role == Role.COMPANY and user.company_id is not None
            and dispute.respondent_company_id == user.company_id)


def side_of(dispute: Any, user: Any) -> str | None:
    """'petitioner', 'respondent' or None."""
    for side in SIDES:
        if is_on_side(dispute, user, side):
            return side
    return None


def sides_q(user: Any) -> Q | None:
    """The disputes on either side of which `user` acts (the respondent's once submitted), as a filter."""
    if not _person(user):
        return None
    if user.role == Role.WORKER:
        q = Q(petitioner_kind=K.WORKER, petitioner_id=user.id) | Q(
            respondent_kind=K.WORKER, respondent_worker_id=user.id, submitted_at__isnull=False)
        if user.union_id:
            q |= Q(petitioner_kind=K.UNION, petitioner_union_id=user.union_id) | Q(
                respondent_kind=K.UNION, respondent_union_id=user.union_id, submitted_at__isnull=False)
        return q
    if user.role == Role.COMPANY and user.company_id:
        return Q(petitioner_kind=K.COMPANY, petitioner_company_id=user.company_id) | Q(
            respondent_kind=K.COMPANY, respondent_company_id=user.company_id, submitted_at__isnull=False)
    return None


def users(dispute: Any, side: str):
    """The active accounts of one side (none for a respondent not yet on SIKHI, or of an unsubmitted dispute)."""
    k = kind(dispute, side)
    none = User.objects.none()
    if side == "respondent" and not dispute.submitted_at:
        return none
    if side == "petitioner":
        if k == K.COMPANY:
            qs = User.objects.filter(role=Role.COMPANY, company_id=dispute.petitioner_company_id)
        elif k == K.UNION:
            qs = User.objects.filter(role=Role.WORKER, union_id=dispute.petitioner_union_id)
        else:
            qs = User.objects.filter(pk=dispute.petitioner_id)
    elif k == K.WORKER:
        if dispute.respondent_worker_id is None:
            return none
        qs = User.objects.filter(pk=dispute.respondent_worker_id, role=Role.WORKER)
    elif k == K.UNION:
        if dispute.respondent_union_id is None:
            return none
        qs = User.objects.filter(role=Role.WORKER, union_id=dispute.respondent_union_id)
    else:
        if dispute.respondent_company_id is None:
            return none
        qs = User.objects.filter(role=Role.COMPANY, company_id=dispute.respondent_company_id)
    return qs.filter(is_active=True).order_by("id")


def user_ids(dispute: Any, side: str) -> list[int]:
    return list(users(dispute, side).values_list("id", flat=True))


def is_linked(dispute: Any, side: str) -> bool:
    """Whether the side is an account or an organisation on SIKHI (a respondent not on it gets an invitation)."""
    if side == "petitioner":
        return True
    column = {K.WORKER: "respondent_worker_id", K.UNION: "respondent_union_id"}.get(kind(dispute, side),
                                                                                   "respondent_company_id")
    return getattr(dispute, column, None) is not None


# --- how a side is named ------------------------------------------------------------------------------------


def _petitioner_body(dispute: Any) -> Any:
    k = kind(dispute, "petitioner")
    if k == K.COMPANY:
        return getattr(dispute, "petitioner_company", None)
    if k == K.UNION:
        return getattr(dispute, "petitioner_union", None)
    return dispute.petitioner


def display_name(dispute: Any, side: str) -> str:
    """The side's name: the worker's, the company's or the union's."""
    if side == "petitioner":
        body = _petitioner_body(dispute)
        return getattr(body, "name", "") or ""
    return getattr(dispute, "respondent_name", "") or ""


IDENTITY_LABELS = {K.WORKER: "NIK", K.COMPANY: "NIB", K.UNION: "Nomor bukti pencatatan"}


def identity(dispute: Any, side: str) -> tuple[str, str]:
    """(label, number) of the side's identity: NIK for a worker, NIB for a company, the registration number
    (nomor bukti pencatatan) for a union; the number is "" when unknown. Labels are the documents' (Indonesian)."""
    k = kind(dispute, side)
    label = IDENTITY_LABELS[k]
    if side == "petitioner":
        body = _petitioner_body(dispute)
        attr = {K.WORKER: "nik", K.COMPANY: "nib", K.UNION: "registration_number"}[k]
        return label, getattr(body, attr, "") or ""
    attr = {K.WORKER: "respondent_nik", K.COMPANY: "respondent_nib",
            K.UNION: "respondent_registration_number"}[k]
    return label, getattr(dispute, attr, "") or ""


def address(dispute: Any, side: str) -> str:
    if side == "petitioner":
        return getattr(_petitioner_body(dispute), "address", "") or ""
    return getattr(dispute, "respondent_address", "") or ""


def email(dispute: Any, side: str) -> str:
    if side == "petitioner":
        return getattr(_petitioner_body(dispute), "email", "") or ""
    return getattr(dispute, "respondent_email", "") or ""


# The documents' names for a side (Indonesian: the letters are in Bahasa Indonesia).
DOCUMENT_ROLES = {K.WORKER: "Pihak Pekerja/Buruh", K.COMPANY: "Pihak Pengusaha",
                  K.UNION: "Pihak Serikat Pekerja/Serikat Buruh"}


def document_role(dispute: Any, side: str) -> str:
    """"Pihak Pekerja/Buruh", "Pihak Pengusaha" or "Pihak Serikat Pekerja/Serikat Buruh"."""
    return DOCUMENT_ROLES[kind(dispute, side)]


def reference(dispute: Any, side: str) -> dict:
    """The side as the API reads it: kind, name, identity number and the linked account or organisation."""
    k = kind(dispute, side)
    _label, number = identity(dispute, side)
    out: dict[str, Any] = {"kind": k, "name": display_name(dispute, side), "identity": number or None}
    if side == "petitioner":
        out["company_id"] = dispute.petitioner_company_id if k == K.COMPANY else None
        out["union_id"] = dispute.petitioner_union_id if k == K.UNION else None
    else:
        out["worker_id"] = dispute.respondent_worker_id if k == K.WORKER else None
        out["union_id"] = dispute.respondent_union_id if k == K.UNION else None
    return out
