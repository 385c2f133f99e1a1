"""Predicates of disputes/permissions.py that a page asks outside any dispute view's context (the base
template's menu): `{% load dispute_permissions %}{% if user|can_file_dispute %}`."""

from __future__ import annotations

from typing import Any

from django import template

from disputes import permissions as perms

register = template.Library()


@register.filter
def can_file_dispute(user: Any) -> bool:
    return perms.can_file_dispute(user)
