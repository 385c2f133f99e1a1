"""Who may do what with accounts and companies: the only place these rules live."""

from __future__ import annotations

from typing import Any

from accounts.models import Role


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_officer(user: Any) -> bool:
    """An active officer attached to an office."""
    return _active(user) and user.role == Role.OFFICER and user.office_id is not None


def can_review_companies(user: Any) -> bool:
    """Officers review (list, verify) the companies of their office; a superuser those of every office."""
    return is_officer(user) or (_active(user) and user.is_superuser)


def can_see_company(user: Any, company: Any) -> bool:
    """The officers of the company's office (and superusers) see its full record."""
    if not can_review_companies(user):
        return False
    return user.is_superuser or company.regency_id == user.office_id


def can_verify_company(user: Any, company: Any) -> bool:
    """Only an officer of the company's office (or a superuser, through the admin) verifies it."""
    return can_see_company(user, company)


def can_verify_union(user: Any, union: Any) -> bool:
    """Only an officer of the office where the union is recorded (its regency's) verifies it."""
    return can_review_companies(user) and (user.is_superuser or union.regency_id == user.office_id)


def can_lookup_company(user: Any) -> bool:
    """Any signed-in user may look a verified company up by its NIB."""
    return _active(user)
