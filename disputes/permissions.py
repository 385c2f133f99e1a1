"""Who may see and act on a dispute: the only place these rules live.

Each predicate takes (dispute, user) in that order so that it can be handed to django-fsm's
`permission=` directly; the `can_*` names are the same rules for views and selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from accounts.models import Role
from disputes import parties


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
    """The filing side: the worker, an account of the petitioning company, or an officer of the union."""
    return _person(user) and parties.is_on_side(dispute, user, "petitioner")


def is_respondent(dispute: Any, user: Any) -> bool:
    """The other side, once the dispute is submitted: the company's account, the worker, or the union's officers."""
    return _person(user) and parties.is_on_side(dispute, user, "respondent")


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
    """The petitioner always; after submission, the respondent company and the office's staff (its officers and
    all its mediators, the assigned one included: `is_assigned_mediator` and `is_signatory` add nobody). The same
    rule as `visible_q` (tests/disputes/test_visibility.py holds them together)."""
    return is_petitioner(dispute, user) or is_respondent(dispute, user) or is_office_staff(dispute, user)


NOBODY = Q(pk__in=[])


def visible_q(user: Any) -> Q:
    """`can_see_dispute` as a filter on disputes: `Dispute.objects.visible_to(user)`. Each term is one
    predicate above (`is_petitioner`, `is_respondent`, `is_office_staff`); SYSTEM, anonymous and inactive users
    see nothing through it."""
    if not _person(user):
        return NOBODY
    q = parties.sides_q(user) or NOBODY  # either side: worker, company or union (disputes/parties.py)
    if user.role in (Role.OFFICER, Role.MEDIATOR) and user.office_id is not None:
        q |= Q(office_id=user.office_id, submitted_at__isnull=False)
    return q


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


# --- what a page offers now -------------------------------------------------------------------------------
# Each is the permission above and the state rule of the service behind the form or button, so that a page
# shows exactly what the service accepts; templates and template tags read these, never the state and role.
# (States are spelled as their values: disputes.models imports this module.)


def can_file_dispute(user: Any) -> bool:
    """A worker files disputes (`dispute_create`; the filing wizard and the menu's link)."""
    return bool(_person(user) and user.role == Role.WORKER)


def can_continue_draft(user: Any, dispute: Any) -> bool:
    """The petitioner, while the dispute is a draft: the filing wizard (`dispute_wizard`)."""
    return dispute.state == "draft" and can_edit_dispute(user, dispute)


def is_my_turn(user: Any, dispute: Any, actors: list[str]) -> bool:
    """Whether `user` is one of `actors` (`services.next_actor`): its own party side, the office's officer, or
    the assigned mediator."""
    side = party_side(dispute, user)
    return bool(
        (side is not None and side in actors)
        or ("officer" in actors and is_office_officer(dispute, user))
        or ("mediator" in actors and is_assigned_mediator(dispute, user))
    )


def can_claim_invitation(user: Any) -> bool:
    """A company account answers an invitation link for its company (`invitation_claim`)."""
    return bool(_person(user) and user.role == Role.COMPANY and user.company_id is not None)


def can_upload_evidence_now(user: Any, dispute: Any) -> bool:
    """A party, on a filed dispute not yet closed (a draft's evidence is added in the wizard)."""
    return dispute.state != "draft" and not dispute.is_terminal and can_upload_evidence(user, dispute)


def can_name_representative_now(user: Any, dispute: Any) -> bool:
    return not dispute.is_terminal and can_name_representative(user, dispute)


def meeting_minutes_open(dispute: Any) -> bool:
    """Bipartite minutes are signed until the case is registered (they are its proof), while it is open."""
    return dispute.registered_at is None and not dispute.is_terminal


def can_sign_meeting_minutes(user: Any, dispute: Any, meeting: Any) -> bool:
    """A party whose side has not signed these minutes yet, while they are open (`meeting_sign`)."""
    side = party_side(dispute, user)
    return (side is not None and meeting_minutes_open(dispute)
            and all(s.side != side for s in meeting.signatures.all()))


def can_record_meeting_now(user: Any, dispute: Any) -> bool:
    """A party, while bipartite negotiation is under way (`meeting_record`)."""
    return dispute.state == "bipartite" and can_record_bipartite_meeting(user, dispute)


def can_schedule_session_now(user: Any, dispute: Any) -> bool:
    """The assigned mediator, in mediation (`session_schedule`)."""
    return dispute.state == "mediation" and can_schedule_session(user, dispute)


def can_record_attendance(user: Any, dispute: Any, session: Any, *, now: Any) -> bool:
    """The assigned mediator, in mediation, once the session's time has come and until attendance is recorded
    (`session_record_attendance`)."""
    return (is_assigned_mediator(dispute, user) and dispute.state == "mediation"
            and session.attendance_recorded_at is None and session.scheduled_for <= now)


def can_acknowledge_summons(user: Any, dispute: Any, session: Any, summons: Any) -> bool:
    """A party its own summons, until acknowledged; offered until the session is held (the service would still
    accept it later, and a second acknowledgement changes nothing)."""
    side = party_side(dispute, user)
    return (side is not None and summons.side == side and summons.acknowledged_at is None
            and session.attendance_recorded_at is None)


def can_acknowledge_recommendation(user: Any, dispute: Any, recommendation: Any) -> bool:
    """A party whose side has not yet acknowledged receiving the recommendation."""
    side = party_side(dispute, user)
    return side is not None and all(r.side != side for r in recommendation.receipts.all())
