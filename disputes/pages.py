"""Dispute pages: the role home (/beranda/), the filing wizard, the dispute page and its actions.

Views adapt: they resolve through selectors, validate a form, call one service and redirect, or render the page
again with the errors beside the fields. What a user may do comes from `available_transitions`, never from the
template."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.calendar import WorkingCalendar
from accounts.courts import phi_court_name
from accounts.models import Company, Role, Union, User
from disputes import extensions, labels, services
from disputes import permissions as perms
from disputes.extensions import is_room_member
from disputes.forms import (
    TYPE_HELP,
    CompanyStepForm,
    DemandsStepForm,
    EvidenceForm,
    HandOverForm,
    MembersStepForm,
    PowerOfAttorneyForm,
    RepresentativeForm,
    StoryStepForm,
    TypeStepForm,
    transition_form,
    transition_payload,
)
from disputes.models import Deadline, DeadlineState, Dispute, DisputeState, DisputeType
from disputes.selectors import (
    deadlines_overdue_for,
    dispute_get_for,
    dispute_list_for,
    mediator_loads,
)
from sikhi.pages import apply_errors, call_service, found_or_404

WIZARD_STEPS = [
    ("perusahaan", gettext_lazy("Company")),
    ("jenis", gettext_lazy("Type")),
    ("kronologi", gettext_lazy("What happened")),
    ("tuntutan", gettext_lazy("Demands")),
    ("anggota", gettext_lazy("You and members")),
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
        "state_label": deadline.get_state_display(),
        "owed_by": [str(labels.ACTORS.get(r, r)) for r in deadline.owed_by],
        "owed_by_text": ", ".join(str(labels.ACTORS.get(r, r)) for r in deadline.owed_by),
        "working_days_left": left,
        "overdue": deadline.state == DeadlineState.OVERDUE or left < 0,
    }


def visible_deadlines(dispute: Dispute, user) -> list[Deadline]:
    """The dispute's deadlines (prefetched in lists) that `user` is shown, by due date."""
    return sorted((d for d in dispute.deadlines.all() if perms.can_see_deadline(user, dispute, d.key)),
                  key=lambda d: (d.due_at, d.id))


def deadline_lines(deadlines: list[Deadline]) -> list[Deadline]:
    """One line per clock and debtor: a clock started again (a registration checked twice) shows its open
    instance, or else its latest; in due-date order."""
    latest: dict[tuple, Deadline] = {}
    for d in deadlines:
        line = (d.key, tuple(sorted(d.owed_by)))
        kept = latest.get(line)
        if kept is None or _line_rank(d) >= _line_rank(kept):
            latest[line] = d
    return sorted(latest.values(), key=lambda d: (d.due_at, d.id))


def _line_rank(d: Deadline) -> tuple:
    return (d.state in (DeadlineState.OPEN, DeadlineState.OVERDUE), d.starts_at, d.id)


def dispute_card(dispute: Dispute, user, calendar: WorkingCalendar, today: dt.date) -> dict:
    """What a list shows of one dispute: stage, who acts next, the next open deadline."""
    open_deadlines = sorted(
        (d for d in visible_deadlines(dispute, user) if d.state in ("open", "overdue")), key=lambda d: d.due_at
    )
    actors = services.next_actor(dispute)
    return {
        "dispute": dispute,
        "state_label": dispute.get_state_display(),
        "next_actor": ", ".join(str(labels.ACTORS.get(a, a)) for a in actors),
        "my_turn": perms.is_my_turn(user, dispute, actors),
        "continue_draft": perms.can_continue_draft(user, dispute),
        "deadline": deadline_view(open_deadlines[0], calendar, today) if open_deadlines else None,
    }


PER_PAGE = 25  # disputes per page of a home list
SECTION_SIZE = 10  # cards shown in a desk section before its "show all" link


def _page_url(request: HttpRequest, param: str, number: int) -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}"


def paginate(request: HttpRequest, items, *, param: str = "page") -> dict:
    """One page of `items` (a queryset) from the GET parameter `param`, with the links to its neighbours."""
    page = Paginator(items, PER_PAGE).get_page(request.GET.get(param))
    return {
        "page": page,
        "previous_url": _page_url(request, param, page.previous_page_number()) if page.has_previous() else None,
        "next_url": _page_url(request, param, page.next_page_number()) if page.has_next() else None,
    }


def desk_filters(request: HttpRequest) -> dict:
    """The desk's search (`q`: dispute or registration number, or a party's name) and state filter (`status`)."""
    q = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    return {"q": q, "status": status if status in DisputeState.values else ""}


def desk_search(qs, *, q: str, status: str):
    if status:
        qs = qs.filter(state=status)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(registration_number__icontains=q) | Q(respondent_name__icontains=q)
                       | Q(petitioner__name__icontains=q))
    return qs


def _officer_desk(request: HttpRequest, user, cards) -> dict:
    """The office's queues, each with its full count; the longer ones link to the filtered list or page on."""
    mine = dispute_list_for(user=user)
    to_check = mine.filter(state__in=[DisputeState.REGISTRATION_SUBMITTED])
    to_delegate = mine.filter(state__in=[DisputeState.AWAITING_MEDIATOR])
    overdue = deadlines_overdue_for(user=user)
    to_verify = Company.objects.filter(regency_id=user.office_id, verified_at__isnull=True).order_by("id")
    unions_to_verify = Union.objects.filter(regency_id=user.office_id, verified_at__isnull=True).order_by("id")
    return {
        "to_verify": paginate(request, to_verify, param="companies"),
        "unions_to_verify": paginate(request, unions_to_verify, param="unions"),
        "to_check": cards(to_check[:SECTION_SIZE]), "to_check_count": to_check.count(),
        "to_delegate": cards(to_delegate[:SECTION_SIZE]), "to_delegate_count": to_delegate.count(),
        "section_size": SECTION_SIZE,
        "overdue": paginate(request, overdue, param="overdue"),
        "mediators": list(mediator_loads(office_id=user.office_id)),
        "unnotified": extensions.office_notice_gaps(office_id=user.office_id),
        "states": [(value, label) for value, label in DisputeState.choices if value != DisputeState.DRAFT],
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's home, by role: its lists page on (never a silent cap); an officer's desk also
    searches and filters the office's disputes."""
    user = request.user
    calendar, today = WorkingCalendar(), timezone.localdate()

    def cards(disputes) -> list[dict]:
        return [dispute_card(d, user, calendar, today) for d in disputes]

    filters = desk_filters(request)
    listing = paginate(request, desk_search(dispute_list_for(user=user), **filters))
    context = {"cards": cards(listing["page"].object_list), "listing": listing, "filters": filters}
    if user.role == Role.COMPANY:
        context["invitations"] = cards(dispute_list_for(user=user, status=DisputeState.BIPARTITE_INVITED))
        context["company"] = user.company
    if user.role == Role.OFFICER:
        context.update(_officer_desk(request, user, cards))
    if user.role == Role.MEDIATOR:
        week_start = today - dt.timedelta(days=today.weekday())
        context["my_cards"] = cards(dispute_list_for(user=user).filter(mediator_id=user.id))
        context["sessions"] = extensions.mediator_week_sessions(user, week_start)  # mediation
    return render(request, f"disputes/home_{user.role}.html", context)


# --- the filing wizard ------------------------------------------------------------------------------------


def _worker_only(request: HttpRequest) -> None:
    if not perms.can_file_dispute(request.user):
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
    if step == "anggota":
        return _members_step(request, dispute, following)
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
                collective_missing=services.collective_missing(dispute),
                powers_of_attorney=dispute.powers_of_attorney.all(),
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


def _members_step(request: HttpRequest, dispute: Dispute, following: str) -> HttpResponse:
    """The worker's address; a collective dispute's members (name, NIK, position) and their surat kuasa."""
    initial = {"collective": dispute.collective, "members": MembersStepForm.as_text(dispute.members or []),
               "petitioner_address": request.user.address}
    uploading = request.method == "POST" and "granted_by" in request.POST
    form = MembersStepForm(request.POST if request.method == "POST" and not uploading else None, initial=initial)
    mandate_form = PowerOfAttorneyForm(request.POST if uploading else None, request.FILES if uploading else None)
    if uploading and mandate_form.is_valid():
        got = mandate_form.cleaned_data
        saved, fields, message = call_service(
            services.power_of_attorney_upload, dispute=dispute, by=request.user, upload=got["file"],
            granted_by=got["granted_by"], issued_on=got["issued_on"])
        if saved is not None:
            messages.success(request, _("The power of attorney was added."))
            return redirect(f"/perselisihan/{dispute.pk}/isi/anggota/")
        apply_errors(mandate_form, fields or {}, message or "")
    elif request.method == "POST" and not uploading and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ("collective", "members", "petitioner_address")}
        saved, fields, message = call_service(services.dispute_update, dispute=dispute, by=request.user, data=data)
        if saved is not None:
            if "save_only" in request.POST:
                messages.success(request, _("Saved. You can continue later from your home page."))
                return redirect(f"/perselisihan/{dispute.pk}/isi/anggota/")
            return redirect(f"/perselisihan/{dispute.pk}/isi/{following}/")
        apply_errors(form, fields or {}, message or "")
    context = _wizard_context(dispute, "anggota", form, mandate_form=mandate_form, following=following,
                              powers_of_attorney=dispute.powers_of_attorney.all())
    return render(request, "disputes/wizard.html", context,
                  status=400 if form.errors or mandate_form.errors else 200)


def _evidence_step(request: HttpRequest, dispute: Dispute, following: str) -> HttpResponse:
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and _store_evidence(request, dispute, form):
        messages.success(request, _("The file was added."))
        return redirect(f"/perselisihan/{dispute.pk}/isi/bukti/")
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
                "confirm": labels.CONFIRM.get(name, ""),
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
    context = {
        "dispute": dispute,
        "card": dispute_card(dispute, user, calendar, today),
        "actions": actions,
        "events": events,
        "side": perms.party_side(dispute, user),
        "deadlines": [deadline_view(d, calendar, today) for d in deadline_lines(visible_deadlines(dispute, user))],
        "rooms": [r for r in dispute.rooms.order_by("id") if is_room_member(user, r)],
        "evidence": dispute.evidence.order_by("id"),
        "evidence_form": EvidenceForm() if perms.can_upload_evidence_now(user, dispute) else None,
        "representatives": dispute.representatives.all(),
        "representative_form": RepresentativeForm() if perms.can_name_representative_now(user, dispute) else None,
        "can_edit": perms.can_continue_draft(user, dispute),
        "may_resubmit": "resubmit_registration" in names,
        "missing_items": dispute.missing_items if dispute.state == DisputeState.REGISTRATION_RETURNED else [],
        "calculator_url": _calculator_url(dispute) if dispute.type == DisputeType.PHK else None,
        "route_status": _route_status(dispute),
        "hand_over_form": HandOverForm() if _may_hand_over(user, dispute) else None,
    }
    for section in extensions.dispute_page_sections:  # mediation's stages, documents' documents
        context.update(section(dispute, user))
    context.update(_court_context(dispute, user))
    return context


def _may_hand_over(user, dispute: Dispute) -> bool:
    """The hand-over to the province is offered to the office's officer while the dispute waits for a mediator
    and the office has none active (the service's own checks)."""
    return (perms.can_hand_over_dispute(user, dispute) and dispute.state == DisputeState.AWAITING_MEDIATOR
            and not User.objects.filter(role=Role.MEDIATOR, office_id=dispute.office_id, is_active=True).exists())


@login_required
@require_POST
def dispute_hand_over_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer hands the dispute over to the province's office (after the page's confirmation step); the
    officer no longer sees it afterwards, so the answer is their desk."""
    dispute = _dispute_or_404(request.user, pk)
    if not perms.can_hand_over_dispute(request.user, dispute):
        raise PermissionDenied
    form = HandOverForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done, fields, message = call_service(services.dispute_hand_over, dispute=dispute, by=request.user,
                                             reason=data["reason"], letter_number=data["letter_number"],
                                             letter_date=data["letter_date"])
        if done is not None:
            messages.success(request, _("Dispute %(number)s was handed over to %(office)s; the hand-over letter "
                                        "is among its documents.") % {"number": done.number,
                                                                      "office": done.office.name})
            return redirect("/beranda/")
        apply_errors(form, fields or {}, message or "")
    context = _detail_context(request, dispute)
    context["hand_over_form"] = form
    return render(request, "disputes/detail.html", context, status=400)


def _court_context(dispute: Dispute, user) -> dict:
    """After court_referral: which PHI court the claim goes to (whether this user may take the bundle is
    documents' section)."""
    if dispute.state != DisputeState.COURT_REFERRAL:
        return {"court": None}
    return {"court": phi_court_name(dispute.office_id)}


def _route_status(dispute: Dispute) -> dict | None:
    """In `adr_offered`: what each party chose so far, and whether the two choices differ (the case then waits
    for the clock, and mediation is the default: UU 2/2004 Art. 4(4))."""
    if dispute.state != DisputeState.ADR_OFFERED:
        return None
    chosen = {side: dispute.get_route_petitioner_display() if side == "petitioner"
              else dispute.get_route_respondent_display() for side in ("petitioner", "respondent")
              if getattr(dispute, f"route_{side}")}
    return {**chosen, "any": bool(chosen), "differ": len(chosen) == 2}


def _calculator_url(dispute: Dispute) -> str:
    """The severance calculator, filled in with what the worker gave (its GET parameters prefill it)."""
    params = {"start_date": dispute.employment_start, "end_date": dispute.employment_end,
              "monthly_wage": dispute.monthly_wage}
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return "/kalkulator-pesangon/" + (f"?{query}" if query else "")


@login_required
def agreement_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement out for signature as a PDF marked draft, for whoever may see the agreement."""
    dispute = _dispute_or_404(request.user, pk)
    agreement = services._current_agreement(dispute) if dispute.state == DisputeState.AGREEMENT_DRAFTING else None
    if agreement is None or not perms.can_see_agreement(request.user, dispute, origin=agreement.origin):
        raise Http404
    response = HttpResponse(extensions.agreement_draft_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draf-perjanjian-bersama-{dispute.pk}.pdf"'
    return response


@login_required
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute_or_404(request.user, pk)
    return render(request, "disputes/detail.html", _detail_context(request, dispute))


@login_required
@require_POST
def dispute_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Make transition `name` from the dispute page; on a refusal the page is shown again with the form filled."""
    dispute = _dispute_or_404(request.user, pk)
    form = transition_form(dispute, request.user, name, request.POST, request.FILES)
    if form.is_valid() and _attach_upload(request, dispute, form):
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


def _attach_upload(request: HttpRequest, dispute: Dispute, form) -> bool:
    """The file a transition form carries (the resubmission's missing document), uploaded and content-checked
    as any evidence before the transition is made; False (errors on the form) when it was refused."""
    if not form.cleaned_data.get("file"):
        return True
    return _store_evidence(request, dispute, form)


def _store_evidence(request: HttpRequest, dispute: Dispute, form) -> bool:
    """Upload the form's `file` as evidence titled `title` (the API's checks); False with the errors on the form."""
    evidence, fields, message = call_service(
        services.evidence_upload, dispute=dispute, by=request.user, title=form.cleaned_data["title"],
        upload=form.cleaned_data["file"],
    )
    if evidence is None:
        apply_errors(form, fields or {"file": [message]}, message)
        return False
    return True


@login_required
@require_POST
def dispute_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """A party adds evidence from the dispute page (the same checks as the API's upload)."""
    dispute = _dispute_or_404(request.user, pk)
    if not perms.can_upload_evidence(request.user, dispute):
        raise PermissionDenied
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid() and _store_evidence(request, dispute, form):
        messages.success(request, _("The file was added."))
        return redirect(f"/perselisihan/{dispute.pk}/#evidence-h")
    context = _detail_context(request, dispute)
    context["evidence_form"] = form
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
        {"token": token, "found": found, "error": error, "can_claim": perms.can_claim_invitation(request.user)},
        status=400 if error else 200,
    )


@login_required
@require_POST
def dispute_representative(request: HttpRequest, pk: int) -> HttpResponse:
    """A party names its side's proxy with the surat kuasa khusus (the API's checks), or withdraws it."""
    dispute = _dispute_or_404(request.user, pk)
    if not perms.can_name_representative(request.user, dispute):
        raise PermissionDenied
    if "remove" in request.POST:
        call_service(services.representative_remove, dispute=dispute, by=request.user)
        messages.success(request, _("The representative was withdrawn."))
        return redirect(f"/perselisihan/{dispute.pk}/#representatives-h")
    form = RepresentativeForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        saved, fields, message = call_service(services.representative_record, dispute=dispute, by=request.user,
                                              data=data, upload=data["file"])
        if saved is not None:
            messages.success(request, _("The representative was recorded."))
            return redirect(f"/perselisihan/{dispute.pk}/#representatives-h")
        apply_errors(form, fields or {"file": [message or ""]}, message or "")
    context = _detail_context(request, dispute)
    context["representative_form"] = form
    return render(request, "disputes/detail.html", context, status=400)
