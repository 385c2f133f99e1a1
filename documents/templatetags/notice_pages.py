"""`{% notice_section as n %}`: the dispute page's notice warnings, recorded deliveries and delivery form for
this user (the same predicates as the services)."""

from __future__ import annotations

from django import template

from disputes import permissions as perms
from documents import deliveries
from documents.delivery_forms import DeliveryForm
from documents.permissions import can_record_delivery, can_see_notice_gaps

register = template.Library()


@register.simple_tag(takes_context=True)
def notice_section(context) -> dict:
    dispute, user = context["dispute"], context["user"]
    if dispute.submitted_at is None:
        return {}
    side = perms.party_side(dispute, user)
    staff = can_see_notice_gaps(user, dispute)
    clocks = [c for c in deliveries.answer_clocks(dispute) if staff or c["side"] == side]
    out: dict = {
        "gaps": deliveries.notice_gaps(dispute) if staff else [],
        "deliveries": deliveries.delivery_list_for(user=user, dispute=dispute),
        "answer_clocks": clocks,
        "side": side,
        "staff": staff,
    }
    if can_record_delivery(user, dispute):
        form = context.get("delivery_form") or DeliveryForm(dispute=dispute)
        out["form"] = form if form.fields["letter"].choices else None
    return out
