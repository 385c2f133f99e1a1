"""Who may see an office's statistics and register: the only place these rules live."""

from __future__ import annotations

from typing import Any

from accounts.models import Role


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_admin(user: Any) -> bool:
    """An administrator (superuser or admin-site staff) sees every office."""
    return _active(user) and (user.is_superuser or user.is_staff)


def can_see_reports(user: Any) -> bool:
    """Officers and mediators (of their office) and administrators (of any office)."""
    return is_admin(user) or (_active(user) and user.role in (Role.OFFICER, Role.MEDIATOR) and user.office_id)


def can_see_office_reports(user: Any, office_code: str | None) -> bool:
    """`office_code` None means every office at once, which only an administrator may see."""
    if is_admin(user):
        return True
    return can_see_reports(user) and office_code is not None and user.office_id == office_code


def can_see_dashboard(user: Any) -> bool:
    """The dashboard page is the office staff's: officers and mediators."""
    return _active(user) and user.role in (Role.OFFICER, Role.MEDIATOR) and bool(user.office_id)
