"""documents' part of the dispute page that disputes draws (moved from disputes.pages: disputes does not import
documents). Registered in `DocumentsConfig.ready()` through `disputes.extensions`."""

from __future__ import annotations

from disputes.models import Dispute, DisputeState
from documents.permissions import can_get_court_bundle
from documents.selectors import document_list_for


def documents_section(dispute: Dispute, user) -> dict:
    """The dispute's documents `user` may see; after court_referral, whether this user may take the bundle."""
    out = {"documents": document_list_for(user=user, dispute=dispute)}
    if dispute.state == DisputeState.COURT_REFERRAL:
        out["can_take_bundle"] = can_get_court_bundle(user, dispute)
    return out
