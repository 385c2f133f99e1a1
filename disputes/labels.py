"""What the pages call states' actors, transitions, events and deadlines, in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTORS = {
    "petitioner": _("the worker"),
    "respondent": _("the company"),
    "officer": _("the Disnaker officer"),
    "mediator": _("the mediator"),
    "signatories": _("the signatories"),
}

# Button text of each transition a person makes.
TRANSITIONS = {
    "submit": _("Submit the dispute"),
    "accept_bipartite": _("Accept the invitation to negotiate"),
    "decline_bipartite": _("Decline the invitation"),
    "propose_agreement": _("Propose an agreement"),
    "fail_bipartite": _("Declare that negotiation failed"),
    "register": _("Register the case at the Disnaker office"),
    "return_registration": _("Return the registration as incomplete"),
    "resubmit_registration": _("Resubmit the registration"),
    "accept_registration": _("Accept the registration"),
    "choose_route": _("Choose the settlement route"),
    "assign_mediator": _("Delegate to a mediator"),
    "reach_agreement": _("Record the agreement reached"),
    "issue_recommendation": _("Issue the written recommendation"),
    "respond_recommendation": _("Answer the recommendation"),
    "sign_agreement": _("Sign the agreement"),
    "reject_agreement": _("Reject the agreement"),
    "strike_off": _("Strike the case off"),
    "withdraw": _("Withdraw the dispute"),
}
# The question asked before a step that cannot be undone (static/js/confirm.js).
CONFIRM = {
    "accept_bipartite": _("Accept the invitation to negotiate? The 30 working days of bipartite negotiation start "
                          "now and cannot be undone."),
    "register": _("Register the case at the Disnaker office? This step cannot be undone."),
    "accept_registration": _("Accept the registration as complete? It receives its registration number and cannot "
                             "be returned afterwards."),
    "sign_agreement": _("Sign the agreement? A signature cannot be withdrawn."),
}
DANGER = {"decline_bipartite", "fail_bipartite", "reject_agreement", "strike_off", "withdraw", "return_registration"}

# Timeline entries (transitions and the other recorded events), worded as what happened, not as the button.
EVENTS = {
    "created": _("Draft started"),
    "propose_agreement": _("Agreement terms proposed"),
    "fail_bipartite": _("Negotiation declared failed"),
    "register": _("Case registered at the Disnaker office"),
    "return_registration": _("Registration returned as incomplete"),
    "resubmit_registration": _("Registration resubmitted"),
    "accept_registration": _("Registration accepted"),
    "choose_route": _("Settlement route chosen"),
    "assign_mediator": _("Delegated to a mediator"),
    "reach_agreement": _("Agreement reached in mediation"),
    "issue_recommendation": _("Written recommendation issued"),
    "respond_recommendation": _("Recommendation answered"),
    "sign_agreement": _("Agreement signed"),
    "reject_agreement": _("Agreement rejected"),
    "strike_off": _("Case struck off"),
    "withdraw": _("Dispute withdrawn"),
    "submit": _("Dispute submitted; the company was invited"),
    "accept_bipartite": _("The company accepted bipartite negotiation"),
    "decline_bipartite": _("The company declined bipartite negotiation"),
    "expire_invitation": _("The invitation went unanswered"),
    "expire_bipartite": _("The bipartite period ended"),
    "expire_route_choice": _("No route chosen: mediation by default"),
    "expire_recommendation": _("The answer period of the recommendation ended"),
    "invitation_claimed": _("The company joined through the invitation"),
    "summons_acknowledged": _("Summons acknowledged"),
    "session_scheduled": _("Session scheduled"),
    "attendance_recorded": _("Attendance recorded"),
    "session_recorded": _("Session held offline recorded"),
    "bipartite_meeting_recorded": _("Bipartite meeting recorded"),
    "bipartite_meeting_signed": _("Bipartite minutes signed"),
    "evidence_uploaded": _("Evidence added"),
    "mediator_reassigned": _("Mediator re-assigned"),
    "court_registration": _("Court registration recorded"),
    "agreement_updated": _("Agreement terms changed"),
    "handed_over": _("Handed over to another office"),
    "power_of_attorney_uploaded": _("Power of attorney uploaded"),
    "recommendation_acknowledged": _("Receipt of the recommendation acknowledged"),
    "representative_recorded": _("Representative named"),
    "representative_removed": _("Representative withdrawn"),
    "delivery_recorded": _("Delivery of a letter recorded"),
    "document_received": _("A party opened a letter (receipt)"),
    "document_link_sent": _("Letter e-mailed as a link"),
    "document_link_revoked": _("E-mailed link revoked"),
}

DEADLINES = {
    "invitation_response": _("Company's answer to the invitation"),
    "bipartite": _("Bipartite negotiation"),
    "registration_check": _("Completeness check of the registration (service standard)"),
    "registration_completion": _("Completing the returned registration"),
    "route_choice": _("Choice of settlement route"),
    "first_session": _("First mediation session"),
    "mediation": _("Mediation"),
    "recommendation_issue": _("Issue of the recommendation"),
    "recommendation_answer": _("Answer to the recommendation"),
    "agreement_drafting": _("Signing the agreement"),
}
