"""Every write on a dispute, by concern: drafts, transitions (the only way a state changes), the deadline sweep,
the office's moves, invitations, evidence and the court's registration. The names below are the package's
interface; callers import them from `disputes.services`."""

from disputes.services.audit import concerned_user_ids, event_record, side_user_ids
from disputes.services.court import court_registration_record
from disputes.services.drafts import DRAFT_FIELDS, dispute_create, dispute_update, office_for_regency
from disputes.services.evidence import SIGNATURES, evidence_upload, sniff_content_type
from disputes.services.invitations import invitation_claim, invitation_for_token
from disputes.services.mandates import (
    collective_missing,
    power_of_attorney_upload,
    representative_record,
    representative_remove,
    representative_side,
)
from disputes.services.office import dispute_hand_over, dispute_reassign_mediator
from disputes.services.reading import (
    PARTIES,
    _current_agreement,
    available_transitions,
    next_actor,
    signatory_role,
)
from disputes.services.sweep import deadlines_process
from disputes.services.transitions import TRANSITIONS, TransitionSpec, dispute_transition, transition_register

__all__ = [
    "DRAFT_FIELDS", "PARTIES", "SIGNATURES", "TRANSITIONS", "TransitionSpec", "_current_agreement",
    "available_transitions", "collective_missing", "concerned_user_ids", "court_registration_record",
    "deadlines_process",
    "dispute_create", "dispute_hand_over", "dispute_reassign_mediator", "dispute_transition", "dispute_update",
    "event_record", "evidence_upload", "invitation_claim", "invitation_for_token", "next_actor",
    "office_for_regency", "power_of_attorney_upload", "representative_record", "representative_remove",
    "representative_side", "side_user_ids", "signatory_role", "sniff_content_type", "transition_register",
]
