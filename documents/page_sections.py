"""documents' part of the dispute page that disputes draws (moved from disputes.pages: disputes does not import
documents). Registered in `DocumentsConfig.ready()` through `disputes.extensions`."""

from __future__ import annotations

from disputes.models import Dispute, DisputeState
from documents.pages import documents_section as documents_context
from documents.permissions import can_get_court_bundle


def documents_section(dispute: Dispute, user) -> dict:
    """The dispute's documents `user` may see and those still being prepared (`documents.pages.documents_section`,
    also behind the section's own refresh); after court_referral, whether this user may take the bundle."""
    out = documents_context(user=user, dispute=dispute)
    if dispute.state == DisputeState.COURT_REFERRAL:
        out["can_take_bundle"] = can_get_court_bundle(user, dispute)
    return out
