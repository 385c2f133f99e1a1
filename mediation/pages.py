"""Mediation pages: the actions of the dispute page's mediation section (bipartite minutes, sessions, summons,
attendance, receipt of the recommendation), the mediator's session console, and the recommendation template.

Views adapt: each resolves the dispute through its selector (404 when hidden), refuses with 403 a user the
predicates never allow, validates a form, calls one service and redirects to the dispute page with a message.
On an error the typed values and the errors are kept in the session for one page view, so that the dispute
page shows the form again, filled in, with each error beside its field (see `kept_form`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chat.models import MEDIATION_ROOM_KINDS, Room, RoomKind
from chat.pages import room_widget
from chat.services import presence_online, room_set_paused
from disputes import permissions as perms
from disputes.forms import transition_form
from disputes.models import Dispute
from disputes.pages import _detail_context
from disputes.selectors import dispute_get_for
from disputes.services import _current_agreement, available_transitions
from mediation import services
from mediation.forms import JAKARTA, AttendanceForm, HeldSessionForm, MeetingForm, PauseForm, ScheduleForm
from mediation.models import Attendance, MediationSession, SessionKind, absent_after_proper_summonses
from mediation.selectors import meeting_get_for, session_get_for
from sikhi.pages import call_and_report, call_service, found_or_404

KEPT = "mediation_kept_form"


# --- plumbing ---------------------------------------------------------------------------------------------


def _dispute_or_404(user: Any, pk: int) -> Dispute:
    return found_or_404(dispute_get_for, user=user, pk=pk)


def _page(dispute: Dispute, anchor: str = "", request: HttpRequest | None = None) -> HttpResponse:
    """Back to the dispute page, or to the session console when the form was sent from there."""
    if request is not None and request.POST.get("from") == "console":
        return redirect(f"/perselisihan/{dispute.pk}/sidang/{anchor}")
    return redirect(f"/perselisihan/{dispute.pk}/{anchor}")


def _keep(request: HttpRequest, dispute: Dispute, key: str, errors: dict[str, list[str]] | None = None) -> None:
    """Remember what was typed (and the service's errors) for the next view of the dispute page."""
    data = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "from")}
    request.session[KEPT] = {"dispute": dispute.pk, "form": key, "data": data, "errors": errors or {}}


def kept_form(request: HttpRequest | None, dispute: Dispute) -> dict | None:
    """The form kept by the last refused POST on this dispute, once: {"form", "data", "errors"} or None."""
    if request is None or not hasattr(request, "session"):
        return None
    kept = request.session.get(KEPT)
    if not kept or kept.get("dispute") != dispute.pk:
        return None
    del request.session[KEPT]
    return kept


def _submit(request: HttpRequest, dispute: Dispute, form, key: str, anchor: str, success: str, run) -> HttpResponse:
    """Validate `form`; if valid call `run()` (a `call_service`); redirect to the dispute page either way."""
    if not form.is_valid():
        _keep(request, dispute, key)
        messages.error(request, _("Please correct the fields marked below."))
        return _page(dispute, anchor, request)
    result, fields, message = run()
    if result is None:
        _keep(request, dispute, key, fields)
        # An error about something the form does not show (e.g. the session's time) is the message itself.
        stray = [text for name, texts in (fields or {}).items() if name not in form.fields for text in texts]
        messages.error(request, " ".join(stray) or message)
        return _page(dispute, anchor, request)
    messages.success(request, success)
    return _page(dispute, anchor, request)


def _session_of(request: HttpRequest, dispute: Dispute, session_id: int) -> MediationSession:
    session = found_or_404(session_get_for, user=request.user, pk=session_id)
    if session.dispute_id != dispute.pk:
        raise Http404
    return session


# --- bipartite minutes ------------------------------------------------------------------------------------


@login_required
@require_POST
def meeting_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A party records the minutes of a bipartite meeting."""
    dispute = _dispute_or_404(request.user, pk)
    if not perms.can_record_bipartite_meeting(request.user, dispute):
        raise PermissionDenied
    form = MeetingForm(request.POST)
    return _submit(
        request, dispute, form, "meeting", "#risalah",
        _("The minutes were recorded. Each side now signs them."),
        lambda: call_service(services.meeting_record, dispute=dispute, by=request.user, data=form.payload()),
    )


@login_required
@require_POST
def meeting_sign_view(request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    """A party signs the minutes for its side."""
    dispute = _dispute_or_404(request.user, pk)
    meeting = found_or_404(meeting_get_for, user=request.user, pk=meeting_id)
    if meeting.dispute_id != dispute.pk or not perms.can_see_bipartite_meetings(request.user, dispute):
        raise Http404
    if perms.party_side(dispute, request.user) is None:
        raise PermissionDenied
    call_and_report(request, services.meeting_sign, _("You signed the minutes."), meeting=meeting, by=request.user)
    return _page(dispute, f"#risalah-{meeting.pk}")


# --- sessions and summons ---------------------------------------------------------------------------------


@login_required
@require_POST
def session_schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The assigned mediator schedules a session; each party is summoned."""
    dispute = _dispute_or_404(request.user, pk)
    if not perms.can_schedule_session(request.user, dispute):
        raise PermissionDenied
    form = ScheduleForm(request.POST)
    return _submit(
        request, dispute, form, "schedule", "#sidang",
        _("The session was scheduled and both parties were summoned."),
        lambda: call_service(services.session_schedule, dispute=dispute, by=request.user, **form.cleaned_data),
    )


@login_required
@require_POST
def session_held_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The assigned mediator records a session already held offline (no summons; attendance at once)."""
    dispute = _dispute_or_404(request.user, pk)
    if not perms.is_assigned_mediator(dispute, request.user):
        raise PermissionDenied
    form = HeldSessionForm(request.POST, auto_id="id_held_%s")
    return _submit(
        request, dispute, form, "held", "#sidang",
        _("The session held was recorded with its attendance."),
        lambda: call_service(services.session_record_held, dispute=dispute, by=request.user, **form.cleaned_data),
    )


@login_required
@require_POST
def session_acknowledge_view(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    """A party acknowledges receipt of its summons."""
    dispute = _dispute_or_404(request.user, pk)
    session = _session_of(request, dispute, session_id)
    if perms.party_side(dispute, request.user) is None:
        raise PermissionDenied
    call_and_report(request, services.session_acknowledge, _("Receipt of the summons was recorded."),
                    session=session, by=request.user)
    return _page(dispute, f"#sidang-{session.pk}")


@login_required
@require_POST
def session_attendance_view(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    """The assigned mediator records who came to a session that has taken place."""
    dispute = _dispute_or_404(request.user, pk)
    session = _session_of(request, dispute, session_id)
    if not perms.is_assigned_mediator(dispute, request.user):
        raise PermissionDenied
    form = AttendanceForm(request.POST, session_id=session.pk)
    return _submit(
        request, dispute, form, f"attendance-{session.pk}", f"#sidang-{session.pk}",
        _("Attendance was recorded."),
        lambda: call_service(services.session_record_attendance, session=session, by=request.user,
                             **form.cleaned_data),
    )


@login_required
@require_POST
def recommendation_acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A party acknowledges receipt of the written recommendation."""
    dispute = _dispute_or_404(request.user, pk)
    if perms.party_side(dispute, request.user) is None:
        raise PermissionDenied
    call_and_report(request, services.recommendation_acknowledge, _("Receipt of the recommendation was recorded."),
                    dispute=dispute, by=request.user)
    return _page(dispute, "#anjuran")


# --- the mediator's session console -----------------------------------------------------------------------

ROOM_ORDER = {RoomKind.JOINT: 0, RoomKind.CAUCUS_PETITIONER: 1, RoomKind.CAUCUS_RESPONDENT: 2}


def _console_dispute(request: HttpRequest, pk: int) -> Dispute:
    """The dispute, for its assigned mediator only: anyone else is told it does not exist."""
    dispute = _dispute_or_404(request.user, pk)
    if not perms.is_assigned_mediator(dispute, request.user):
        raise Http404
    return dispute


@login_required
@require_GET
def session_console(request: HttpRequest, pk: int) -> HttpResponse:
    """The joint room and the two caucus rooms side by side as tabs, with who is online and pause/resume."""
    dispute = _console_dispute(request, pk)
    rooms = sorted(Room.objects.filter(dispute=dispute, kind__in=MEDIATION_ROOM_KINDS).select_related("dispute"),
                   key=lambda r: ROOM_ORDER.get(r.kind, 9))
    panels = [
        {
            "room": room,
            "w": room_widget(room, request.user),
            "online": [p["name"] for p in presence_online(room_id=room.pk) if p["id"] != request.user.id],
        }
        for room in rooms
    ]
    upcoming = (
        MediationSession.objects.filter(dispute=dispute, scheduled_for__gte=timezone.now() - dt.timedelta(hours=6))
        .order_by("scheduled_for").first()
    )
    context = {"dispute": dispute, "panels": panels, "upcoming": upcoming,
               **_console_controls(request, dispute)}
    return render(request, "mediation/console.html", context)


def _kept_or_blank(kept: dict | None, key: str, cls, **kwargs):
    from mediation.templatetags.mediation_pages import _form

    return _form(kept, key, cls, **kwargs)


def _console_controls(request: HttpRequest, dispute: Dispute) -> dict:
    """Scheduling, recording a held session, the attendance forms (each shown from its session's time, without a
    reload) and the recommendation and strike-off controls, while the dispute is in mediation."""
    from mediation.models import notice_days

    if not perms.can_schedule_session_now(request.user, dispute):
        return {"in_mediation": False}
    kept = kept_form(request, dispute)
    now = timezone.now()
    pending = [
        {"session": s, "opens": s.scheduled_for <= now,
         "form": _kept_or_blank(kept, f"attendance-{s.pk}", AttendanceForm, session_id=s.pk)}
        for s in dispute.sessions.filter(attendance_recorded_at__isnull=True).order_by("scheduled_for", "id")
    ]
    held = dispute.sessions.filter(attendance_recorded_at__isnull=False).order_by("scheduled_for", "id")
    names = available_transitions(dispute, request.user)  # the transitions' own conditions, not re-coded here
    return {
        "in_mediation": True, "open": kept.get("form") if kept else None, "notice_days": notice_days(dispute),
        "schedule_form": _kept_or_blank(kept, "schedule", ScheduleForm),
        "held_form": _kept_or_blank(kept, "held", HeldSessionForm, auto_id="id_held_%s"),
        "pending": pending, "held": held,
        "recommendation_form": (transition_form(dispute, request.user, "issue_recommendation")
                                if "issue_recommendation" in names else None),
        "respondent_absent": absent_after_proper_summonses(dispute, "respondent"),
        "may_strike_off": "strike_off" in names,
    }


@login_required
@require_POST
def room_pause_view(request: HttpRequest, pk: int, room_id: int) -> HttpResponse:
    """The assigned mediator pauses (nobody else may post) or resumes a mediation room."""
    dispute = _console_dispute(request, pk)
    room = Room.objects.filter(pk=room_id, dispute=dispute, kind__in=MEDIATION_ROOM_KINDS).first()
    if room is None:
        raise Http404
    form = PauseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This action is not possible now."))
    else:
        paused = form.cleaned_data["paused"]
        result, _fields, message = call_service(room_set_paused, room_id=room.pk, by=request.user, paused=paused)
        if result is None:
            messages.error(request, message)
        elif paused:
            messages.success(request, _("%(room)s is paused: only you can post.") % {"room": room.get_kind_display()})
        else:
            messages.success(request, _("%(room)s is open again.") % {"room": room.get_kind_display()})
    return redirect(f"/perselisihan/{dispute.pk}/sidang/#ruang-{room.pk}")


# --- the recommendation template --------------------------------------------------------------------------

_MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember"]
_DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_ATTENDANCE_ID = {Attendance.PRESENT: "hadir", Attendance.ABSENT: "tidak hadir",
                  Attendance.EXCUSED: "tidak hadir dengan alasan"}
_FAILURE_ID = {
    "declined": "pihak Pengusaha menolak untuk berunding secara bipartit",
    "no_response": "pihak Pengusaha tidak menanggapi undangan perundingan bipartit",
    "no_agreement": "perundingan bipartit telah dilakukan tetapi tidak mencapai kesepakatan",
    "timeout": "perundingan bipartit tidak selesai dalam waktu 30 (tiga puluh) hari kerja",
}


def _tanggal(moment: dt.datetime | dt.date, *, time: bool = False) -> str:
    """A date in Indonesian as an official letter writes it: "Senin, 5 Oktober 2026 pukul 10.00 WIB"."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment, JAKARTA)
    text = f"{_DAYS_ID[moment.weekday()]}, {moment.day} {_MONTHS_ID[moment.month - 1]} {moment.year}"
    if time and isinstance(moment, dt.datetime):
        text += f" pukul {moment:%H.%M} WIB"
    return text


def recommendation_template(dispute: Dispute) -> dict[str, str]:
    """A draft of the written recommendation (anjuran tertulis, Permenakertrans 17/2014) for the mediator to
    complete. The letter itself (documents.render.render_recommendation) writes the opening, the parties' positions
    on the record and the 10-working-day answer rule, so the draft holds only what the mediator adds: the course
    of mediation, what the parties said in the sessions, the considerations, and the numbered recommendations.
    Always in Bahasa Indonesia (an official letter); the parts the mediator must write are in [square brackets],
    and the recommendation cannot be issued while any is left."""
    held = [s for s in dispute.sessions.order_by("scheduled_for", "id") if s.attendance_recorded_at is not None]
    sessions_lines = [
        f"{i}. Sidang {'klarifikasi' if s.kind == SessionKind.CLARIFICATION else 'mediasi'} pada "
        f"{_tanggal(s.scheduled_for, time=True)}: pihak Pekerja "
        f"{_ATTENDANCE_ID.get(s.petitioner_attendance, '-')}, pihak Pengusaha "
        f"{_ATTENDANCE_ID.get(s.respondent_attendance, '-')}."
        for i, s in enumerate(held, start=1)
    ] or ["[Sidang yang telah diadakan dan kehadiran para pihak.]"]

    absent = sum(1 for s in held if s.respondent_attendance == Attendance.ABSENT)
    on_data = absent_after_proper_summonses(dispute, "respondent")
    bipartite = _FAILURE_ID.get(dispute.failure_reason,
                                "upaya penyelesaian secara bipartit tidak mencapai kesepakatan")
    if dispute.type == "phk":
        rules = ("Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah diubah dengan "
                 "Undang-Undang Nomor 6 Tahun 2023, Peraturan Pemerintah Nomor 35 Tahun 2021, dan [perjanjian kerja, "
                 "peraturan perusahaan atau perjanjian kerja bersama yang berlaku]")
    else:
        rules = ("[ketentuan peraturan perundang-undangan, perjanjian kerja, peraturan perusahaan atau perjanjian "
                 "kerja bersama yang berlaku]")

    points = [f"{bipartite};", "dalam sidang mediasi para pihak tidak mencapai kesepakatan;"]
    if on_data:
        points.append(f"pihak Pengusaha telah dipanggil secara patut tetapi tidak hadir dalam {absent} kali sidang, "
                      "sehingga anjuran ini dibuat berdasarkan data yang ada;")
    points += [
        "[fakta yang terungkap dalam sidang mediasi dan bukti yang diajukan para pihak];",
        f"berdasarkan {rules}, [uraian pertimbangan hukum Mediator].",
    ]

    considerations = "\n".join([
        "1. Jalannya mediasi:",
        *sessions_lines,
        "",
        "2. Keterangan para pihak dalam sidang mediasi:",
        "[Keterangan pihak Pekerja dalam sidang mediasi.]",
        "[Keterangan pihak Pengusaha dalam sidang mediasi.]",
        "",
        "3. Pertimbangan:",
        *(f"{chr(ord('a') + i)}. Bahwa {point}" for i, point in enumerate(points)),
    ])
    recommendations = "\n".join([
        "1. Agar pihak Pengusaha [isi anjuran kepada pihak Pengusaha, misalnya membayar hak pihak Pekerja "
        "beserta rinciannya dan tanggal pembayaran];",
        "2. Agar pihak Pekerja [isi anjuran kepada pihak Pekerja].",
    ])
    return {"considerations": considerations, "recommendations": recommendations}



# --- the agreement's terms --------------------------------------------------------------------------------


@login_required
@require_POST
def agreement_items_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafter rewrites the terms; on bad input the page comes back with every row as typed."""
    from mediation.forms import agreement_items_formset, agreement_items_payload

    dispute = _dispute_or_404(request.user, pk)
    agreement = _current_agreement(dispute)
    if agreement is None or not perms.can_draft_agreement(request.user, dispute, origin=agreement.origin):
        raise PermissionDenied
    formset = agreement_items_formset(agreement, request.POST)
    message = _("Please correct the fields marked below.")
    if formset.is_valid():
        result, fields, message = call_service(services.agreement_update, dispute=dispute, by=request.user,
                                               data=agreement_items_payload(formset))
        if result is not None:
            messages.success(request, _("The terms were saved. Every signatory must now read and sign them."))
            return _page(dispute, "#agreement")
        message = " ".join(str(t) for texts in (fields or {}).values() for t in texts) or message
    messages.error(request, message)
    context = _detail_context(request, dispute)
    context["agreement_formset"] = formset
    return render(request, "disputes/detail.html", context, status=400)
