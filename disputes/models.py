"""The dispute, its audit events, its statutory deadlines and its evidence."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from disputes import extensions
from disputes import permissions as perms
from disputes.parties import PartyKind

if TYPE_CHECKING:
    from django_fsm import Transition


class DisputeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    BIPARTITE_INVITED = "bipartite_invited", _("Invited to bipartite negotiation")
    BIPARTITE = "bipartite", _("Bipartite negotiation")
    BIPARTITE_FAILED = "bipartite_failed", _("Bipartite failed")
    REGISTRATION_SUBMITTED = "registration_submitted", _("Registration submitted")
    REGISTRATION_RETURNED = "registration_returned", _("Registration returned")
    ADR_OFFERED = "adr_offered", _("Registered: choice of settlement route")
    AWAITING_MEDIATOR = "awaiting_mediator", _("Awaiting a mediator")
    MEDIATION = "mediation", _("Mediation")
    RECOMMENDATION_ISSUED = "recommendation_issued", _("Recommendation issued")
    AGREEMENT_DRAFTING = "agreement_drafting", _("Agreement awaiting signatures")
    SETTLED = "settled", _("Settled")
    COURT_REFERRAL = "court_referral", _("Referred to the industrial court")
    REFERRED_CONCILIATION = "referred_conciliation", _("Referred to conciliation")
    REFERRED_ARBITRATION = "referred_arbitration", _("Referred to arbitration")
    STRUCK_OFF = "struck_off", _("Struck off")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = DisputeState
TERMINAL_STATES = frozenset(
    {S.SETTLED, S.COURT_REFERRAL, S.REFERRED_CONCILIATION, S.REFERRED_ARBITRATION, S.STRUCK_OFF, S.WITHDRAWN}
)
NON_TERMINAL_STATES = [s for s in S.values if s not in TERMINAL_STATES]


class DisputeType(models.TextChoices):
    HAK = "hak", _("Rights dispute")
    KEPENTINGAN = "kepentingan", _("Interests dispute")
    PHK = "phk", _("Termination dispute")
    ANTAR_SERIKAT = "antar_serikat", _("Dispute between unions")


class FailureReason(models.TextChoices):
    DECLINED = "declined", _("The company declined to negotiate")
    NO_RESPONSE = "no_response", _("The company did not answer the invitation")
    NO_AGREEMENT = "no_agreement", _("Negotiation ended without agreement")
    TIMEOUT = "timeout", _("Bipartite negotiation ran out of time")


class Route(models.TextChoices):
    MEDIATION = "mediation", _("Mediation")
    CONCILIATION = "conciliation", _("Conciliation")
    ARBITRATION = "arbitration", _("Arbitration")


# Which routes the law allows per type (UU 2/2004 Art. 4(5)-(6)).
ALLOWED_ROUTES = {
    DisputeType.HAK: {Route.MEDIATION},
    DisputeType.KEPENTINGAN: {Route.MEDIATION, Route.CONCILIATION, Route.ARBITRATION},
    DisputeType.PHK: {Route.MEDIATION, Route.CONCILIATION},
    DisputeType.ANTAR_SERIKAT: {Route.MEDIATION, Route.CONCILIATION, Route.ARBITRATION},
}


def prefetched(instance: models.Model, name: str) -> list | None:
    """The rows of relation `name` if a list selector prefetched them (then reading them asks nothing)."""
    cache = getattr(instance, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else None


def _has_recorded_meeting(dispute: Dispute) -> bool:
    meetings = prefetched(dispute, "bipartite_meetings")
    return bool(meetings) if meetings is not None else dispute.bipartite_meetings.exists()


def _has_session_held(dispute: Dispute) -> bool:
    sessions = prefetched(dispute, "sessions")
    if sessions is not None:
        return any(s.kind == "mediation" and s.attendance_recorded_at is not None for s in sessions)
    return dispute.sessions.filter(kind="mediation", attendance_recorded_at__isnull=False).exists()


def _petitioner_absent_three_times(dispute: Dispute) -> bool:
    return extensions.absent_after_proper_summonses(dispute, "petitioner")  # mediation's summons


def _respondent_company_verified(dispute: Dispute) -> bool:
    # A company that is on SIKHI must be verified first; one that never joined does not block
    # the office from registering the case (the worker cannot be held hostage by silence).
    return dispute.respondent_company_id is None or dispute.respondent_company.verified


class DisputeQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> DisputeQuerySet:
        """The disputes `user` may see: `permissions.can_see_dispute` as a query (`permissions.visible_q`)."""
        return self.filter(perms.visible_q(user))


class AgreementOrigin(models.TextChoices):
    """The stage an agreement (mediation.Agreement) comes from; who signs it and who may see it depend on it."""

    BIPARTITE = "bipartite", _("Bipartite")
    MEDIATION = "mediation", _("Mediation")


class Dispute(ConcurrentTransitionMixin, FSMModelMixin, models.Model):
    """An industrial-relations dispute (perselisihan hubungan industrial) from draft to its end."""

    number = models.CharField(max_length=40, unique=True, null=True, blank=True)
    registration_number = models.CharField(max_length=40, unique=True, null=True, blank=True)
    type = models.CharField(max_length=16, choices=DisputeType.choices)
    state = FSMField(default=DisputeState.DRAFT, choices=DisputeState.choices, protected=True, db_index=True)
    failure_reason = models.CharField(max_length=16, choices=FailureReason.choices, blank=True)

    # Each side is a worker, a company or a union (disputes/parties.py says who acts for it and how it is named).
    petitioner_kind = models.CharField(max_length=8, choices=PartyKind.choices, default=PartyKind.WORKER)
    respondent_kind = models.CharField(max_length=8, choices=PartyKind.choices, default=PartyKind.COMPANY)
    # The account that filed: the worker, or the representative of the petitioning company or union.
    petitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filed_disputes")
    petitioner_company = models.ForeignKey(
        "accounts.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="filed_disputes"
    )
    petitioner_union = models.ForeignKey(
        "accounts.Union", null=True, blank=True, on_delete=models.PROTECT, related_name="filed_disputes"
    )
    respondent_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="responded_disputes"
    )
    respondent_union = models.ForeignKey(
        "accounts.Union", null=True, blank=True, on_delete=models.PROTECT, related_name="responded_disputes"
    )
    respondent_company = models.ForeignKey(
        "accounts.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="disputes"
    )
    # As the worker named the company; kept for a company that is not (yet) on SIKHI.
    respondent_name = models.CharField(max_length=200)
    respondent_nib = models.CharField(max_length=13, blank=True)
    respondent_email = models.EmailField(blank=True)
    respondent_address = models.TextField(blank=True)
    respondent_nik = models.CharField(max_length=16, blank=True)  # a respondent worker's, as the company gave it
    respondent_registration_number = models.CharField(max_length=60, blank=True)  # a respondent union's

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="disputes")
    workplace_regency = models.CharField(max_length=8)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="mediated_disputes"
    )

    summary = models.TextField(blank=True)
    chronology = models.TextField(blank=True)
    demands = models.TextField(blank=True)
    collective = models.BooleanField(default=False)
    members = models.JSONField(default=list, blank=True)
    # For a termination dispute: what the severance calculator needs (optional, written by the petitioner).
    monthly_wage = models.PositiveBigIntegerField(null=True, blank=True)
    employment_start = models.DateField(null=True, blank=True)
    employment_end = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    route_petitioner = models.CharField(max_length=16, choices=Route.choices, blank=True)
    route_respondent = models.CharField(max_length=16, choices=Route.choices, blank=True)
    missing_items = models.JSONField(default=list, blank=True)
    registration_proof = models.JSONField(default=dict, blank=True)

    court_name = models.CharField(max_length=200, blank=True)
    court_akta_number = models.CharField(max_length=100, blank=True)
    court_registered_on = models.DateField(null=True, blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["office", "state"]),
            models.Index(fields=["respondent_company", "state"]),
            # Office statistics and the register (reports/selectors.py) filter an office's year by these.
            models.Index(fields=["office", "submitted_at"], name="dispute_office_submitted_idx"),
            models.Index(fields=["office", "closed_at"], name="dispute_office_closed_idx"),
        ]

    def __str__(self) -> str:
        return self.number or f"draft #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"/perselisihan/{self.pk}/"

    @property
    def is_terminal(self) -> bool:
        return self.state in TERMINAL_STATES

    if TYPE_CHECKING:  # FSMField adds this to the class at runtime; declared here for mypy
        def get_available_user_state_transitions(self, user: Any) -> Iterator[Transition]: ...

    # --- transitions: they declare the graph and change only the dispute's own fields -------------

    @transition(field=state, source=S.DRAFT, target=S.BIPARTITE_INVITED, permission=perms.is_petitioner)
    def submit(self, *, number: str, at) -> None:
        """Filed: the company is invited to bipartite negotiation."""
        self.number = number
        self.submitted_at = at

    @transition(field=state, source=S.BIPARTITE_INVITED, target=S.BIPARTITE, permission=perms.is_respondent)
    def accept_bipartite(self) -> None:
        """The company agrees to negotiate."""

    @transition(field=state, source=S.BIPARTITE_INVITED, target=S.BIPARTITE_FAILED, permission=perms.is_respondent)
    def decline_bipartite(self) -> None:
        """The company refuses to negotiate."""
        self.failure_reason = FailureReason.DECLINED

    @transition(field=state, source=S.BIPARTITE_INVITED, target=S.BIPARTITE_FAILED, permission=perms.is_system)
    def expire_invitation(self) -> None:
        """Nobody answered the invitation in time."""
        self.failure_reason = FailureReason.NO_RESPONSE

    @transition(field=state, source=S.BIPARTITE, target=S.AGREEMENT_DRAFTING, permission=perms.is_party)
    def propose_agreement(self) -> None:
        """The parties put agreed terms to signature."""

    @transition(field=state, source=S.BIPARTITE, target=S.BIPARTITE_FAILED, permission=perms.is_party,
                conditions=[_has_recorded_meeting])
    def fail_bipartite(self) -> None:
        """Negotiation ended without agreement."""
        self.failure_reason = FailureReason.NO_AGREEMENT

    @transition(field=state, source=S.BIPARTITE, target=S.BIPARTITE_FAILED, permission=perms.is_system)
    def expire_bipartite(self) -> None:
        """The 30 working days of bipartite ran out."""
        self.failure_reason = FailureReason.TIMEOUT

    @transition(field=state, source=S.BIPARTITE_FAILED, target=S.REGISTRATION_SUBMITTED, permission=perms.is_party)
    def register(self, *, proof: dict, at) -> None:
        """Registered (pencatatan) at the office with the bipartite record as proof."""
        self.registration_proof = proof
        self.registered_at = at

    @transition(field=state, source=S.REGISTRATION_SUBMITTED, target=S.REGISTRATION_RETURNED,
                permission=perms.is_office_officer)
    def return_registration(self, *, missing_items: list[str]) -> None:
        """Returned as incomplete."""
        self.missing_items = missing_items

    @transition(field=state, source=S.REGISTRATION_RETURNED, target=S.REGISTRATION_SUBMITTED,
                permission=perms.is_petitioner)
    def resubmit_registration(self) -> None:
        """Resubmitted with the missing items."""

    @transition(field=state, source=S.REGISTRATION_SUBMITTED, target=RETURN_VALUE(S.ADR_OFFERED, S.AWAITING_MEDIATOR),
                permission=perms.is_office_officer, conditions=[_respondent_company_verified])
    def accept_registration(self, *, registration_number: str) -> str:
        """Registered complete; the parties may choose a settlement route, except in a rights dispute (`hak`):
        neither conciliation nor arbitration is open to it (UU 2/2004 Art. 4(5)-(6)), so there is nothing to
        offer and it goes to mediation at once (Art. 4(4))."""
        self.registration_number = registration_number
        self.missing_items = []
        return S.AWAITING_MEDIATOR if self.offers_no_route_choice else S.ADR_OFFERED

    @property
    def offers_no_route_choice(self) -> bool:
        """Only mediation is open to this type (a rights dispute): the route choice is skipped."""
        return ALLOWED_ROUTES[self.type] == {Route.MEDIATION}

    @transition(field=state, source=S.ADR_OFFERED,
                target=RETURN_VALUE(S.ADR_OFFERED, S.AWAITING_MEDIATOR, S.REFERRED_CONCILIATION,
                                    S.REFERRED_ARBITRATION),
                permission=perms.is_party)
    def choose_route(self, *, side: str, route: str, at) -> str:
        """One party's choice; mediation wins, two equal other choices refer the case out (and end it here)."""
        setattr(self, f"route_{side}", route)
        if Route.MEDIATION in (self.route_petitioner, self.route_respondent):
            return S.AWAITING_MEDIATOR
        if self.route_petitioner and self.route_petitioner == self.route_respondent:
            self.closed_at = at
            return S.REFERRED_CONCILIATION if self.route_petitioner == Route.CONCILIATION else S.REFERRED_ARBITRATION
        return S.ADR_OFFERED

    @transition(field=state, source=S.ADR_OFFERED, target=S.AWAITING_MEDIATOR, permission=perms.is_system)
    def expire_route_choice(self) -> None:
        """No route chosen in time: mediation is the default."""

    @transition(field=state, source=S.AWAITING_MEDIATOR, target=S.MEDIATION, permission=perms.is_office_officer)
    def assign_mediator(self, *, mediator) -> None:
        """Delegated (pelimpahan) to a mediator of the office."""
        self.mediator = mediator

    @transition(field=state, source=S.MEDIATION, target=S.AGREEMENT_DRAFTING, permission=perms.is_assigned_mediator)
    def reach_agreement(self) -> None:
        """The parties agree in mediation; the terms go to signature."""

    @transition(field=state, source=S.MEDIATION, target=S.RECOMMENDATION_ISSUED,
                permission=perms.is_assigned_mediator, conditions=[_has_session_held])
    def issue_recommendation(self) -> None:
        """The mediator issues a written recommendation (anjuran)."""

    @transition(field=state, source=S.RECOMMENDATION_ISSUED,
                target=RETURN_VALUE(S.RECOMMENDATION_ISSUED, S.COURT_REFERRAL, S.AGREEMENT_DRAFTING),
                permission=perms.is_party)
    def respond_recommendation(self, *, rejected: bool, all_accepted: bool, at) -> str:
        """One party's answer; any rejection ends mediation, two acceptances lead to an agreement."""
        if rejected:
            self.closed_at = at
            return S.COURT_REFERRAL
        return S.AGREEMENT_DRAFTING if all_accepted else S.RECOMMENDATION_ISSUED

    @transition(field=state, source=S.RECOMMENDATION_ISSUED, target=S.COURT_REFERRAL, permission=perms.is_system)
    def expire_recommendation(self, *, at) -> None:
        """A party stayed silent: silence is rejection."""
        self.closed_at = at

    @transition(field=state, source=S.AGREEMENT_DRAFTING, target=RETURN_VALUE(S.AGREEMENT_DRAFTING, S.SETTLED),
                permission=perms.is_signatory)
    def sign_agreement(self, *, all_signed: bool, at) -> str:
        """One signature on the Perjanjian Bersama; the last one settles the dispute."""
        if all_signed:
            self.closed_at = at
            return S.SETTLED
        return S.AGREEMENT_DRAFTING

    @transition(field=state, source=S.AGREEMENT_DRAFTING, target=RETURN_VALUE(S.BIPARTITE, S.MEDIATION),
                permission=perms.is_party)
    def reject_agreement(self, *, origin: str) -> str:
        """A party will not sign; back to where the terms came from."""
        return S.MEDIATION if origin == "mediation" else S.BIPARTITE

    @transition(field=state, source=S.MEDIATION, target=S.STRUCK_OFF, permission=perms.is_assigned_mediator,
                conditions=[_petitioner_absent_three_times])
    def strike_off(self, *, at) -> None:
        """The petitioner stayed away from three summonses."""
        self.closed_at = at

    @transition(field=state, source=NON_TERMINAL_STATES, target=S.WITHDRAWN, permission=perms.is_petitioner)
    def withdraw(self, *, at) -> None:
        """The petitioner withdraws the dispute."""
        self.closed_at = at


class DisputeEvent(models.Model):
    """One audit row per transition (and per recorded act such as a meeting or a summons)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    name = models.CharField(max_length=40)
    source = models.CharField(max_length=32)
    target = models.CharField(max_length=32)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.source}->{self.target} at {self.at:%Y-%m-%d %H:%M}"


class DeadlineKey(models.TextChoices):
    INVITATION_RESPONSE = "invitation_response"
    BIPARTITE = "bipartite"
    REGISTRATION_CHECK = "registration_check"
    REGISTRATION_COMPLETION = "registration_completion"
    ROUTE_CHOICE = "route_choice"
    FIRST_SESSION = "first_session"
    MEDIATION = "mediation"
    RECOMMENDATION_ISSUE = "recommendation_issue"
    RECOMMENDATION_ANSWER = "recommendation_answer"
    AGREEMENT_DRAFTING = "agreement_drafting"


class DeadlineState(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    EXPIRED = "expired", _("Expired")
    OVERDUE = "overdue", _("Overdue")


class Deadline(models.Model):
    """A statutory clock (tenggat) in working days, owed by some of the dispute's actors."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="deadlines")
    key = models.CharField(max_length=32, choices=DeadlineKey.choices)
    owed_by = models.JSONField(default=list)  # roles: petitioner, respondent, officer, mediator
    days = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=8, choices=DeadlineState.choices, default=DeadlineState.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self) -> str:
        return f"{self.key} due {self.due_at:%Y-%m-%d} ({self.state})"


def private_storage():
    """Storage for uploads and documents: a directory that no URL maps to."""
    return storages["private"]


def _evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.dispute_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file a party attached to the dispute; stored outside any public URL."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_evidence_path, storage=private_storage)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.sha256[:12]})"


class Invitation(models.Model):
    """A single-use link e-mailed to a company not (yet) on SIKHI; its holder answers for the company."""

    dispute = models.OneToOneField(Dispute, on_delete=models.CASCADE, related_name="invitation")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")

    def __str__(self) -> str:
        return f"invitation for dispute {self.dispute_id} to {self.email}"


from disputes.mandates import PowerOfAttorney  # noqa: E402,F401  (a model of this app in its own module)
