"""Who may see a generated document and take the court bundle (built on the dispute's rules).

Who may see the dispute sees its documents, except that each document follows the rule of what it records:
the bipartite minutes are the parties' until the case is registered (as the meetings are), and the
agreement and the request to register it are seen by whoever may see the agreement. Documents never contain
anything from a room."""

from __future__ import annotations

from typing import Any

from disputes import permissions as perms


def can_see_document(user: Any, document: Any) -> bool:
    """A stored document, or one still being prepared (a PendingDocument: the same rule by its kind)."""
    dispute = document.dispute
    if not perms.can_see_dispute(user, dispute):
        return False
    if document.kind == "bipartite_minutes":
        return perms.can_see_bipartite_meetings(user, dispute)
    if document.kind in ("agreement", "registration_request"):
        return document.agreement is not None and perms.can_see_agreement(user, dispute,
                                                                          origin=document.agreement.origin)
    return True


def can_see_document_failure(user: Any, dispute: Any) -> bool:
    """Why a document could not be prepared (the job's error) is for the office's staff, who have it made."""
    return perms.is_office_staff(dispute, user)


def can_get_court_bundle(user: Any, dispute: Any) -> bool:
    """The parties: the bundle is what they file their claim with."""
    return perms.is_party(dispute, user)


def can_record_delivery(user: Any, dispute: Any) -> bool:
    """The office's officers and the assigned mediator record how a document reached a party outside SIKHI."""
    return perms.is_office_officer(dispute, user) or perms.is_assigned_mediator(dispute, user)


def can_manage_document_links(user: Any, dispute: Any) -> bool:
    """Who records deliveries also sees and revokes the links e-mailed to parties not on SIKHI."""
    return can_record_delivery(user, dispute)


def can_see_delivery(user: Any, delivery: Any) -> bool:
    """The office's staff see every delivery of the dispute (and its scan); a party sees those to its own side."""
    dispute = delivery.document.dispute
    if perms.is_office_staff(dispute, user):
        return True
    return perms.party_side(dispute, user) == delivery.side


def can_see_notice_gaps(user: Any, dispute: Any) -> bool:
    """The office's staff are warned of a party that has not been notified of a document."""
    return perms.is_office_staff(dispute, user)
