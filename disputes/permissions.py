"""Who may see and act on a dispute: the only place these rules live.

Each predicate takes (dispute, user) in that order so that it can be handed to django-fsm's
`permission=` directly; the `can_*` names are the same rules for views and selectors."""

from __future__ import annotations

from typing import Any

from accounts.models import Role


class _System:
    """The actor of transitions made by the deadline sweep, never by a person."""

    is_authenticated = False
    role = "system"
    pk = id = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def is_system(dispute: Any, user: Any) -> bool:
    return user is SYSTEM


def _person(user: Any) -> bool:
    return user is not SYSTEM and getattr(user, "is_authenticated", False) and user.is_active


def is_petitioner(dispute: Any, user: Any) -> bool:
    return _person(user) and dispute.petitioner_id == user.id


def is_respondent(dispute: Any, user: Any) -> bool:
    return (
        _person(user)
        and user.role == Role.COMPANY
        and user.company_id is not None
        and dispute.respondent_company_id == user.company_id
        and dispute.submitted_at is not None
    )


def is_party(dispute: Any, user: Any) -> bool:
    return is_petitioner(dispute, user) or is_respondent(dispute, user)


def party_side(dispute: Any, user: Any) -> str | None:
    """'petitioner', 'respondent' or None."""
    if is_petitioner(dispute, user):
        return "petitioner"
    if is_respondent(dispute, user):
        return "respondent"
    return None


def is_office_staff(dispute: Any, user: Any) -> bool:
    return (
        _person(user)
        and user.role in (Role.OFFICER, Role.MEDIATOR)
        and user.office_id == dispute.office_id
        and dispute.submitted_at is not None
    )


def is_office_officer(dispute: Any, user: Any) -> bool:
    return is_office_staff(dispute, user) and user.role == Role.OFFICER


def can_hand_over_dispute(user: Any, dispute: Any) -> bool:
    """An officer of a kabupaten/kota office may hand its disputes to the province's office (surat pelimpahan)."""
    return is_office_officer(dispute, user) and dispute.office_id.count(".") == 1


def is_assigned_mediator(dispute: Any, user: Any) -> bool:
    return (
        _person(user)
        and user.role == Role.MEDIATOR
        and dispute.mediator_id is not None
        and dispute.mediator_id == user.id
        and user.office_id == dispute.office_id
    )


def is_signatory(dispute: Any, user: Any) -> bool:
    """Parties always; the assigned mediator as witness (only agreements from mediation need one)."""
    return is_party(dispute, user) or is_assigned_mediator(dispute, user)


def can_see_dispute(user: Any, dispute: Any) -> bool:
    """The petitioner always; after submission, the respondent company and the office's staff."""
    return is_petitioner(dispute, user) or is_respondent(dispute, user) or is_office_staff(dispute, user)


def can_edit_dispute(user: Any, dispute: Any) -> bool:
    return is_petitioner(dispute, user)


def can_file_power_of_attorney(user: Any, dispute: Any) -> bool:
    """Only the petitioner, who acts for the members of a collective dispute, files their surat kuasa."""
    return is_petitioner(dispute, user)


def can_name_representative(user: Any, dispute: Any) -> bool:
    """A party names (or withdraws) its own side's proxy; the proxy itself gets no access (Permenakertrans
    17/2014 Art. 10(1)(e): the mediator checks the surat kuasa khusus)."""
    return is_petitioner(dispute, user) or is_respondent(dispute, user)


def can_upload_evidence(user: Any, dispute: Any) -> bool:
    return is_party(dispute, user)


def can_see_bipartite_meetings(user: Any, dispute: Any) -> bool:
    """The parties; the office's staff once the case is registered (the minutes are its proof)."""
    return is_party(dispute, user) or (is_office_staff(dispute, user) and dispute.registered_at is not None)


def can_record_bipartite_meeting(user: Any, dispute: Any) -> bool:
    return is_party(dispute, user)


def can_see_sessions(user: Any, dispute: Any) -> bool:
    return is_party(dispute, user) or is_office_staff(dispute, user)


def can_schedule_session(user: Any, dispute: Any) -> bool:
    return is_assigned_mediator(dispute, user)


def can_see_recommendation(user: Any, dispute: Any) -> bool:
    return is_party(dispute, user) or is_office_staff(dispute, user)


def can_see_agreement(user: Any, dispute: Any, *, origin: str) -> bool:
    return is_party(dispute, user) or (origin == "mediation" and is_assigned_mediator(dispute, user))


def can_draft_agreement(user: Any, dispute: Any, *, origin: str) -> bool:
    """Who writes the terms: the assigned mediator for an agreement from mediation, either party from bipartite."""
    if origin == "mediation":
        return is_assigned_mediator(dispute, user)
    return is_party(dispute, user)


def can_register_at_court(user: Any, dispute: Any) -> bool:
    return is_party(dispute, user) or is_assigned_mediator(dispute, user)


# Clocks that are the office's own service standard, not a duty of the parties: shown to staff only.
STAFF_DEADLINES = frozenset({"registration_check"})


def can_see_deadline(user: Any, dispute: Any, key: str) -> bool:
    return key not in STAFF_DEADLINES or is_office_staff(dispute, user)
