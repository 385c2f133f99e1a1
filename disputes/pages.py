"""Dispute pages: the role home (/beranda/), the filing wizard, the dispute page and its actions.

Views adapt: they resolve through selectors, validate a form, call one service and redirect, or render the page
again with the errors beside the fields. What a user may do comes from `available_transitions`, never from the
template."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.calendar import WorkingCalendar
from accounts.models import Company, Role
from chat.permissions import is_room_member
from disputes import labels, services
from disputes import permissions as perms
from disputes.forms import (
    TYPE_HELP,
    CompanyStepForm,
    DemandsStepForm,
    EvidenceForm,
    StoryStepForm,
    TypeStepForm,
    transition_form,
    transition_payload,
)
from disputes.models import Deadline, DeadlineState, Dispute, DisputeState, DisputeType
from disputes.selectors import dispute_get_for, dispute_list_for, mediator_loads
from sikhi.pages import apply_errors, call_service, found_or_404

WIZARD_STEPS = [
    ("perusahaan", gettext_lazy("Company")),
    ("jenis", gettext_lazy("Type")),
    ("kronologi", gettext_lazy("What happened")),
    ("tuntutan", gettext_lazy("Demands")),
    ("bukti", gettext_lazy("Evidence")),
    ("periksa", gettext_lazy("Review")),
]


def _dispute_or_404(user, pk) -> Dispute:
    return found_or_404(dispute_get_for, user=user, pk=pk)


def deadline_view(deadline: Deadline, calendar: WorkingCalendar, today: dt.date) -> dict:
    due = timezone.localtime(deadline.due_at).date()
    left = calendar.working_days_between(today, due) if due >= today else -calendar.working_days_between(due, today)
    return {
        "key": deadline.key,
        "label": labels.DEADLINES.get(deadline.key, deadline.key),
        "due_at": deadline.due_at,
        "state": deadline.state,
        "owed_by": [str(labels.ACTORS.get(r, r)) for r in deadline.owed_by],
        "working_days_left": left,
        "overdue": deadline.state == DeadlineState.OVERDUE or left < 0,
    }


def dispute_card(dispute: Dispute, user, calendar: WorkingCalendar, today: dt.date) -> dict:
    """What a list shows of one dispute: stage, who acts next, the next open deadline."""
    open_deadlines = sorted(
        (d for d in dispute.deadlines.all() if d.state in ("open", "overdue")), key=lambda d: d.due_at
    )
    actors = services.next_actor(dispute)
    side = perms.party_side(dispute, user)
    mine = (
        (side in actors)
        or (user.role == Role.OFFICER and "officer" in actors)
        or (user.role == Role.MEDIATOR and "mediator" in actors and dispute.mediator_id == user.id)
    )
    return {
        "dispute": dispute,
        "state_label": dispute.get_state_display(),
        "next_actor": ", ".join(str(labels.ACTORS.get(a, a)) for a in actors),
        "my_turn": mine,
        "deadline": deadline_view(open_deadlines[0], calendar, today) if open_deadlines else None,
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's home, by role."""
    user = request.user
    calendar, today = WorkingCalendar(), timezone.localdate()
    disputes = list(dispute_list_for(user=user)[:200])
    context = {"cards": [dispute_card(d, user, calendar, today) for d in disputes]}
    if user.role == Role.COMPANY:
        context["invitations"] = [c for c in context["cards"] if c["dispute"].state == DisputeState.BIPARTITE_INVITED]
        context["company"] = user.company
    if user.role == Role.OFFICER:
        context["to_verify"] = Company.objects.filter(regency_id=user.office_id, verified_at__isnull=True).order_by(
            "id"
        )
        context["to_check"] = [c for c in context["cards"] if c["dispute"].state == DisputeState.REGISTRATION_SUBMITTED]
        context["to_delegate"] = [c for c in context["cards"] if c["dispute"].state == DisputeState.AWAITING_MEDIATOR]
        context["mediators"] = list(mediator_loads(office_id=user.office_id))
        context["overdue"] = (
            Deadline.objects.filter(dispute__office_id=user.office_id, state=DeadlineState.OVERDUE)
            .select_related("dispute")
            .order_by("due_at")[:100]
        )
    if user.role == Role.MEDIATOR:
        from mediation.models import MediationSession

        week_start = today - dt.timedelta(days=today.weekday())
        context["my_cards"] = [c for c in context["cards"] if c["dispute"].mediator_id == user.id]
        context["sessions"] = (
            MediationSession.objects.filter(
                dispute__mediator=user,
                scheduled_for__date__gte=week_start,
                scheduled_for__date__lt=week_start + dt.timedelta(days=7),
            )
            .select_related("dispute")
            .order_by("scheduled_for")
        )
    return render(request, f"disputes/home_{user.role}.html", context)


# --- the filing wizard ------------------------------------------------------------------------------------


def _worker_only(request: HttpRequest) -> None:
    if request.user.role != Role.WORKER:
        raise Http404


def _wizard_context(dispute: Dispute | None, step: str, form, **extra) -> dict:
    return {"dispute": dispute, "step": step, "steps": WIZARD_STEPS, "form": form, "type_help": TYPE_HELP, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def dispute_new(request: HttpRequest) -> HttpResponse:
    """Step 1: the company and the workplace. The draft is created here and saved at every later step."""
    _worker_only(request)
    form = CompanyStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {
            "type": request.POST.get("type") or "hak",
            "respondent": form.respondent(),
            "workplace_regency": form.cleaned_data["workplace_regency"].code,
        }
        dispute, fields, message = call_service(services.dispute_create, by=request.user, data=data)
        if dispute is not None:
            return redirect(f"/perselisihan/{dispute.pk}/isi/jenis/")
        apply_errors(form, CompanyStepForm.field_errors(fields), message)
    drafts = dispute_list_for(user=request.user, status=DisputeState.DRAFT)
    return render(
        request,
        "disputes/wizard.html",
        _wizard_context(None, "perusahaan", form, drafts=drafts),
        status=400 if form.errors else 200,
    )


STEP_FORMS = {
    "perusahaan": CompanyStepForm,
    "jenis": TypeStepForm,
    "kronologi": StoryStepForm,
    "tuntutan": DemandsStepForm,
}


def _initial(dispute: Dispute, step: str) -> dict:
    if step == "perusahaan":
        how = "nib" if dispute.respondent_company_id else "name"
        return {
            "how": how,
            "nib": dispute.respondent_nib,
            "name": dispute.respondent_name,
            "email": dispute.respondent_email,
            "address": dispute.respondent_address,
            "workplace_regency": dispute.workplace_regency,
        }
    return {
        "type": dispute.type,
        "summary": dispute.summary,
        "chronology": dispute.chronology,
        "demands": dispute.demands,
        "monthly_wage": dispute.monthly_wage,
        "employment_start": dispute.employment_start,
        "employment_end": dispute.employment_end,
    }


@login_required
@require_http_methods(["GET", "POST"])
def dispute_wizard(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    _worker_only(request)
    dispute = _dispute_or_404(request.user, pk)
    if step not in dict(WIZARD_STEPS):
        raise Http404
    if dispute.state != DisputeState.DRAFT:
        messages.info(request, _("This dispute has been submitted; it can no longer be edited."))
        return redirect(f"/perselisihan/{dispute.pk}/")
    order = [s for s, _label in WIZARD_STEPS]
    following = order[min(order.index(step) + 1, len(order) - 1)]
    if step == "bukti":
        return _evidence_step(request, dispute, following)
    if step == "periksa":
        return render(
            request,
            "disputes/wizard.html",
            _wizard_context(
                dispute,
                step,
                None,
                evidence=dispute.evidence.order_by("id"),
                missing=[f for f in ("summary", "chronology", "demands") if not getattr(dispute, f).strip()],
            ),
        )
    form = STEP_FORMS[step](request.POST or None, initial=_initial(dispute, step))
    if request.method == "POST" and form.is_valid():
        if step == "perusahaan":
            data = {"respondent": form.respondent(), "workplace_regency": form.cleaned_data["workplace_regency"].code}
        else:
            data = dict(form.cleaned_data)
        saved, fields, message = call_service(services.dispute_update, dispute=dispute, by=request.user, data=data)
        if saved is not None:
            if "save_only" in request.POST:
                messages.success(request, _("Saved. You can continue later from your home page."))
                return redirect(f"/perselisihan/{dispute.pk}/isi/{step}/")
            return redirect(f"/perselisihan/{dispute.pk}/isi/{following}/")
        apply_errors(form, CompanyStepForm.field_errors(fields), message)
    return render(
        request, "disputes/wizard.html", _wizard_context(dispute, step, form), status=400 if form.errors else 200
    )


def _evidence_step(request: HttpRequest, dispute: Dispute, following: str) -> HttpResponse:
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        evidence, fields, message = call_service(
            services.evidence_upload,
            dispute=dispute,
            by=request.user,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if evidence is not None:
            messages.success(request, _("The file was added."))
            return redirect(f"/perselisihan/{dispute.pk}/isi/bukti/")
        apply_errors(form, fields, message)
    return render(
        request,
        "disputes/wizard.html",
        _wizard_context(dispute, "bukti", form, evidence=dispute.evidence.order_by("id"), following=following),
        status=400 if form.errors else 200,
    )


# --- the dispute page -------------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, dispute: Dispute, bound: dict | None = None) -> dict:
    user = request.user
    calendar, today = WorkingCalendar(), timezone.localdate()
    names = services.available_transitions(dispute, user)
    actions = []
    for name in names:
        form = (bound or {}).get(name) or transition_form(dispute, user, name)
        actions.append(
            {
                "name": name,
                "label": labels.TRANSITIONS.get(name, name),
                "form": form,
                "danger": name in labels.DANGER,
                "open": name in (bound or {}),
            }
        )
    events = [
        {
            "at": e.at,
            "label": labels.EVENTS.get(e.name, e.name),
            "actor": e.actor.name if e.actor else _("SIKHI (automatic)"),
            "target": DisputeState(e.target).label if e.target in DisputeState.values and e.source != e.target else "",
        }
        for e in dispute.events.select_related("actor").order_by("at", "id")
    ]
    from documents.selectors import document_list_for

    context = {
        "dispute": dispute,
        "card": dispute_card(dispute, user, calendar, today),
        "actions": actions,
        "events": events,
        "side": perms.party_side(dispute, user),
        "deadlines": [deadline_view(d, calendar, today) for d in dispute.deadlines.order_by("due_at")],
        "rooms": [r for r in dispute.rooms.order_by("id") if is_room_member(user, r)],
        "documents": document_list_for(user=user, dispute=dispute),
        "evidence": dispute.evidence.order_by("id"),
        "can_edit": dispute.state == DisputeState.DRAFT and perms.can_edit_dispute(user, dispute),
        "missing_items": dispute.missing_items if dispute.state == DisputeState.REGISTRATION_RETURNED else [],
        "calculator_url": _calculator_url(dispute) if dispute.type == DisputeType.PHK else None,
    }
    context.update(_mediation_context(dispute, user))
    context.update(_court_context(dispute, user))
    return context


def _court_context(dispute: Dispute, user) -> dict:
    """After court_referral: which PHI court the claim goes to, and whether this user may take the bundle."""
    if dispute.state != DisputeState.COURT_REFERRAL:
        return {"court": None}
    from accounts.courts import phi_court_name
    from documents.permissions import can_get_court_bundle

    return {"court": phi_court_name(dispute.office_id), "can_take_bundle": can_get_court_bundle(user, dispute)}


def _calculator_url(dispute: Dispute) -> str:
    """The severance calculator, filled in with what the worker gave (its GET parameters prefill it)."""
    params = {"start_date": dispute.employment_start, "end_date": dispute.employment_end,
              "monthly_wage": dispute.monthly_wage}
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return "/kalkulator-pesangon/" + (f"?{query}" if query else "")


def _mediation_context(dispute: Dispute, user) -> dict:
    from mediation.models import BipartiteMeeting, MediationSession

    out = {}
    if perms.can_see_bipartite_meetings(user, dispute):
        out["meetings"] = BipartiteMeeting.objects.filter(dispute=dispute).prefetch_related("signatures").order_by("id")
    if perms.can_see_sessions(user, dispute):
        out["sessions"] = (
            MediationSession.objects.filter(dispute=dispute).prefetch_related("summons").order_by("scheduled_for")
        )
        out["can_schedule"] = perms.can_schedule_session(user, dispute)
    if perms.can_see_recommendation(user, dispute):
        out["recommendation"] = getattr(dispute, "recommendation", None)
    return out


@login_required
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute_or_404(request.user, pk)
    return render(request, "disputes/detail.html", _detail_context(request, dispute))


@login_required
@require_POST
def dispute_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Make transition `name` from the dispute page; on a refusal the page is shown again with the form filled."""
    dispute = _dispute_or_404(request.user, pk)
    form = transition_form(dispute, request.user, name, request.POST)
    if form.is_valid():
        result, fields, message = call_service(
            services.dispute_transition,
            dispute=dispute,
            by=request.user,
            name=name,
            data=transition_payload(name, form.cleaned_data),
        )
        if result is not None:
            messages.success(request, _("Done: %(action)s.") % {"action": labels.TRANSITIONS.get(name, name)})
            return redirect(f"/perselisihan/{dispute.pk}/")
        apply_errors(form, fields, message)
    dispute.refresh_from_db()
    context = _detail_context(request, dispute, bound={name: form})
    if not any(a["name"] == name for a in context["actions"]):
        messages.error(
            request, form.non_field_errors()[0] if form.non_field_errors() else _("This action is not possible now.")
        )
    return render(request, "disputes/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest) -> HttpResponse:
    """A signed-in company representative answers an invitation link for their company."""
    token = request.POST.get("token") or request.GET.get("token") or ""
    found = services.invitation_for_token(token) if token else None
    error = None
    if request.method == "POST":
        dispute, fields, message = call_service(services.invitation_claim, token=token, by=request.user)
        if dispute is not None:
            messages.success(request, _("The dispute is now linked to your company. Answer the invitation below."))
            return redirect(f"/perselisihan/{dispute.pk}/")
        error = message if not fields else " ".join(t for texts in fields.values() for t in texts)
    return render(
        request,
        "disputes/invitation.html",
        {"token": token, "found": found, "error": error},
        status=400 if error else 200,
    )
