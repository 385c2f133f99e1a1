"""Consultation pages: /konsultasi/ (an asker's own questions and the form to ask; an officer's office queue)
and /konsultasi/{id}/ (the question, its room, claim and close, and for the asking worker the form that turns
it into a draft dispute).

Views adapt: they read through chat.consultations' selectors and predicates, validate a form, call one service
and redirect, or render the page again with the errors beside the fields."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from chat import consultations as svc
from chat.consultation_forms import AskForm, ToDisputeForm
from chat.models import Consultation, ConsultationStatus, Room
from chat.pages import room_widget
from disputes.forms import CompanyStepForm
from disputes.permissions import can_see_dispute
from sikhi.api import Conflict, Forbidden
from sikhi.pages import apply_errors, call_service, found_or_404

LONG_WAIT = dt.timedelta(days=1)  # from here on the queue marks a question as waiting long
CLOSED_SHOWN = 50  # the office queue lists the most recently closed ones, not the whole history


def waited_text(since: dt.datetime, now: dt.datetime) -> str:
    """'3 hours', '2 days': how long from `since` to `now`, in the reader's language."""
    seconds = max(int((now - since).total_seconds()), 0)
    if seconds < 60:
        return _("less than a minute")
    if seconds < 3600:
        n = seconds // 60
        return ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}
    if seconds < 86400:
        n = seconds // 3600
        return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    n = seconds // 86400
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def status_label(consultation: Consultation) -> str:
    """The status as the pages say it (the model's "Open" reads as "in progress" for disputes)."""
    labels = {
        ConsultationStatus.OPEN: _("Waiting for an officer"),
        ConsultationStatus.CLAIMED: _("Being answered"),
        ConsultationStatus.CLOSED: _("Closed"),
    }
    return labels.get(consultation.status, consultation.get_status_display())


def consultation_row(consultation: Consultation, user, now: dt.datetime) -> dict:
    """What a list or the page shows of one consultation for this user."""
    row = {"c": consultation, "status_label": status_label(consultation), "long_wait": False,
           "can_claim": svc.can_claim(user, consultation)}
    if consultation.status == ConsultationStatus.OPEN:
        row["waiting"] = _("waiting %(time)s") % {"time": waited_text(consultation.created_at, now)}
        row["long_wait"] = now - consultation.created_at >= LONG_WAIT
    elif consultation.claimed_at:
        row["waited"] = _("claimed after %(time)s") % {
            "time": waited_text(consultation.created_at, consultation.claimed_at)
        }
    return row


def _consultation_or_404(user, pk) -> Consultation:
    return found_or_404(svc.consultation_get_for, user=user, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_list(request: HttpRequest) -> HttpResponse:
    user, now = request.user, timezone.now()
    if user.role == Role.OFFICER and user.office_id:
        rows = svc.consultation_list_for(user=user).select_related("asker__company")
        context = {
            "open": [consultation_row(c, user, now) for c in rows.filter(status=ConsultationStatus.OPEN)
                     .order_by("created_at", "id")],
            "claimed": [consultation_row(c, user, now) for c in rows.filter(status=ConsultationStatus.CLAIMED)
                        .order_by("created_at", "id")],
            "closed": [consultation_row(c, user, now) for c in rows.filter(status=ConsultationStatus.CLOSED)
                       .order_by("-closed_at", "-id")[:CLOSED_SHOWN]],
        }
        return render(request, "chat/consultation_queue.html", context)
    if not svc.can_ask(user):
        return render(request, "chat/consultation_other.html")
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consultation, fields, message = call_service(
            svc.consultation_create, by=user, regency=data["regency"].code, topic=data["topic"],
            question=data["question"],
        )
        if consultation is not None:
            messages.success(request, _("Your question was sent to %(office)s. An officer will answer here.")
                             % {"office": consultation.office.name})
            return redirect(f"/konsultasi/{consultation.pk}/")
        apply_errors(form, fields, message)
    rows = [consultation_row(c, user, now) for c in svc.consultation_list_for(user=user)[:200]]
    return render(request, "chat/consultation_mine.html", {"rows": rows, "form": form},
                  status=400 if form.errors else 200)


def _detail_context(request: HttpRequest, consultation: Consultation, dispute_form=None) -> dict:
    user = request.user
    room = Room.objects.select_related("consultation").get(consultation=consultation)
    can_convert = svc.can_turn_into_dispute(user, consultation) and consultation.dispute_id is None
    if can_convert and dispute_form is None:
        initial = {"workplace_regency": consultation.regency} if consultation.regency.count(".") == 1 else {}
        dispute_form = ToDisputeForm(initial={"how": "nib", **initial})
    return {
        "row": consultation_row(consultation, user, timezone.now()),
        "c": consultation,
        "w": room_widget(room, user),
        "can_close": svc.can_close(user, consultation),
        "is_asker": consultation.asker_id == user.id,
        "dispute_form": dispute_form if can_convert else None,
        "dispute": _linked_dispute(consultation, user),
    }


def _linked_dispute(consultation: Consultation, user) -> dict | None:
    """The dispute this consultation became, for those who may see that dispute (a draft: only its worker)."""
    dispute = consultation.dispute
    if dispute is None or not can_see_dispute(user, dispute):
        return None
    return {"url": f"/perselisihan/{dispute.pk}/", "number": dispute.number, "state": dispute.get_state_display()}


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation_or_404(request.user, pk)
    return render(request, "chat/consultation_detail.html", _detail_context(request, consultation))


def _act(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    """Claim or close from a page: 404 for those who may not see it, 403 for those who may not do it."""
    consultation = _consultation_or_404(request.user, pk)
    try:
        service(consultation=consultation, by=request.user)
    except Forbidden:
        raise PermissionDenied from None
    except Conflict as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, done)
    return redirect(f"/konsultasi/{consultation.pk}/")


@login_required
@require_POST
def consultation_claim(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, svc.consultation_claim, _("You took this question. Answer it in the room below."))


@login_required
@require_POST
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, svc.consultation_close, _("The consultation is closed."))


def _already_converted(request: HttpRequest, dispute) -> HttpResponse:
    """A consultation is turned into a dispute once: back to the dispute it already became."""
    messages.info(request, _("This consultation has already been turned into a dispute; here it is. "
                             "A consultation becomes one dispute only."))
    return redirect(f"/perselisihan/{dispute.pk}/")


@login_required
@require_POST
def consultation_to_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    """The asking worker names the company and the workplace; the draft starts with the consultation's summary.
    A consultation already converted leads to its dispute (the form is not even checked)."""
    consultation = _consultation_or_404(request.user, pk)
    if not svc.can_turn_into_dispute(request.user, consultation):
        raise PermissionDenied
    if consultation.dispute_id is not None:
        return _already_converted(request, consultation.dispute)
    form = ToDisputeForm(request.POST)
    if form.is_valid():
        result, fields, message = call_service(
            svc.consultation_to_dispute, consultation=consultation, by=request.user,
            respondent=form.respondent(), workplace_regency=form.cleaned_data["workplace_regency"].code,
        )
        if result is not None:
            dispute, created = result
            if created:
                messages.success(request, _("A draft dispute was started with your consultation as its summary. "
                                            "Choose the type of dispute to continue."))
                return redirect(f"/perselisihan/{dispute.pk}/isi/jenis/")
            return _already_converted(request, dispute)
        apply_errors(form, CompanyStepForm.field_errors(fields), message)
    return render(request, "chat/consultation_detail.html", _detail_context(request, consultation, form),
                  status=400)
