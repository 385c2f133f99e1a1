"""Generating the office's further letters (issue 10), each once, at the point of the workflow where it arises:

| kind | made when | subject |
|---|---|---|
| `registration_receipt` (tanda bukti pencatatan) | `accept_registration` | the dispute |
| `adr_offer` (penawaran konsiliasi/arbitrase) | `accept_registration` into `adr_offered` (never `hak`) | the dispute |
| `registration_return` (pengembalian berkas) | each `return_registration` | that event |
| `delegation_letter` (surat pelimpahan) | each hand-over to the province (`handed_over`) | that event |
| `clarification_minutes` (risalah klarifikasi) | attendance recorded at a clarification session | the session |
| `session_record` (berita acara sidang) | attendance recorded at a mediation session | the session |
| `strike_off_notice` (pemberitahuan penghapusan) | `strike_off` | the dispute |

The generators follow `documents.services` (lock the dispute, return the existing document, store signed) and
are scheduled through its after-commit path, so that `manage.py generate_documents` makes any that is missing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Office
from accounts.numbers import office_letter_number
from chat.models import Room, RoomKind
from disputes import permissions as perms
from disputes.models import Dispute, DisputeEvent, DisputeState
from documents import render_letters as letters
from documents.models import Document, DocumentKind
from documents.render import tanggal
from mediation.models import Attendance, MediationSession, SessionKind, Summons

K = DocumentKind
S = DisputeState
Generator = Callable[[int], tuple[Document, bool]]


def _services():
    from documents import services  # documents.services imports this module (documents_due, the triggers)

    return services


def _last_event(dispute: Dispute, name: str) -> DisputeEvent | None:
    return dispute.events.filter(name=name).select_related("actor").order_by("at", "id").last()


def _due_at(dispute: Dispute, key: str):
    deadline = dispute.deadlines.filter(key=key).order_by("-starts_at", "-id").first()
    return deadline.due_at if deadline else None


def _filed_by(dispute: Dispute, event: DisputeEvent | None) -> str:
    """Who filed the registration: the worker by name, the company by its name (and its user's)."""
    actor = event.actor if event else None
    if actor is None:
        return dispute.petitioner.name
    if perms.party_side(dispute, actor) == "respondent":
        return f"{dispute.respondent_name} (diwakili oleh {actor.name})"
    return actor.name


def _checklist(dispute: Dispute, event: DisputeEvent | None) -> list[tuple[str, str]]:
    """What the registration's file holds: the proof of the bipartite attempt, the evidence, the powers of
    attorney."""

    proof = (event.payload or {}).get("proof", {}) if event else {}
    rows: list[tuple[str, str]] = []
    meetings = list(dispute.bipartite_meetings.filter(pk__in=proof.get("signed_meetings", [])))
    if meetings:
        rows.append(("Risalah perundingan bipartit",
                     f"{len(meetings)} risalah ditandatangani kedua belah pihak (perundingan tanggal "
                     f"{', '.join(tanggal(m.held_at) for m in meetings)})"))
    invitation = proof.get("invitation")
    if invitation:
        sent = tanggal(timezone.datetime.fromisoformat(invitation["sent_at"]))
        how = (f"ditolak pada tanggal {tanggal(timezone.datetime.fromisoformat(invitation['declined_at']))}"
               if invitation.get("declined_at") else "tidak dijawab sampai batas waktu")
        rows.append(("Bukti undangan perundingan bipartit", f"dikirim melalui SIKHI tanggal {sent}; {how}"))
    for evidence in dispute.evidence.order_by("id"):
        rows.append((evidence.title, f"diunggah tanggal {tanggal(evidence.uploaded_at)}"))
    for mandate in dispute.powers_of_attorney.order_by("uploaded_at", "id"):
        rows.append(("Surat kuasa anggota", f"tanggal {tanggal(mandate.issued_on)}"))
    for rep in dispute.representatives.order_by("side"):
        rows.append((f"Surat kuasa khusus {letters.SIDES.get(rep.side, rep.side)}",
                     f"kepada {rep.name}, tanggal {tanggal(rep.issued_on)}"))
    return rows


# --- one function per kind -------------------------------------------------------------------------------------


def _registration_receipt(dispute_id: int) -> tuple[Document, bool]:
    s = _services()
    with transaction.atomic():
        dispute = s._lock(dispute_id)
        existing = Document.objects.filter(kind=K.REGISTRATION_RECEIPT, dispute=dispute).first()
        if existing:
            return existing, False
        accepted = _last_event(dispute, "accept_registration")
        if accepted is None or not dispute.registration_number:
            raise s.DocumentNotDue("the registration has not been accepted")
        filed = dispute.events.filter(name="register").select_related("actor").order_by("at", "id").first()
        data = letters.RegistrationReceipt(
            dispute=dispute, registered_at=dispute.registered_at or accepted.at, accepted_at=accepted.at,
            registered_by=_filed_by(dispute, filed), officer=accepted.actor, checklist=_checklist(dispute, filed),
            route_due=_due_at(dispute, "route_choice") if accepted.target == S.ADR_OFFERED else None)
        document = s._store(dispute=dispute, kind=K.REGISTRATION_RECEIPT,
                            title="Tanda Bukti Pencatatan Perselisihan Hubungan Industrial",
                            number=s._office_number(dispute, "TBP", accepted.at),
                            renderer=lambda stamp: letters.render_registration_receipt(data, stamp))
        return document, True


def _adr_offer(dispute_id: int) -> tuple[Document, bool]:
    s = _services()
    with transaction.atomic():
        dispute = s._lock(dispute_id)
        existing = Document.objects.filter(kind=K.ADR_OFFER, dispute=dispute).first()
        if existing:
            return existing, False
        accepted = _last_event(dispute, "accept_registration")
        if accepted is None or accepted.target != S.ADR_OFFERED or not letters.offered_routes(dispute.type):
            raise s.DocumentNotDue("no settlement route is offered")
        data = letters.AdrOffer(dispute=dispute, offered_at=accepted.at, due_at=_due_at(dispute, "route_choice"),
                                officer=accepted.actor)
        routes = " atau ".join(letters.ROUTES[r][0] for r in letters.offered_routes(dispute.type))
        document = s._store(dispute=dispute, kind=K.ADR_OFFER, title=f"Penawaran Penyelesaian melalui {routes}",
                            number=s._office_number(dispute, "PNW", accepted.at),
                            renderer=lambda stamp: letters.render_adr_offer(data, stamp))
        return document, True


def _registration_return(event_id: int) -> tuple[Document, bool]:
    s = _services()
    with transaction.atomic():
        event = DisputeEvent.objects.select_related("actor").get(pk=event_id, name="return_registration")
        dispute = s._lock(event.dispute_id)
        existing = Document.objects.filter(kind=K.REGISTRATION_RETURN, event=event).first()
        if existing:
            return existing, False
        ordinal = dispute.events.filter(name="return_registration", id__lte=event.pk).count()
        data = letters.RegistrationReturn(dispute=dispute, returned_at=event.at, registered_at=dispute.registered_at,
                                          missing_items=list((event.payload or {}).get("missing_items", [])),
                                          officer=event.actor, ordinal=ordinal)
        document = s._store(dispute=dispute, kind=K.REGISTRATION_RETURN,
                            title=f"Pengembalian Berkas Pencatatan{f' ke-{ordinal}' if ordinal > 1 else ''}",
                            number=s._office_number(dispute, "PBK", event.at), event=event,
                            renderer=lambda stamp: letters.render_registration_return(data, stamp))
        return document, True


def _delegation_letter(event_id: int) -> tuple[Document, bool]:
    s = _services()
    with transaction.atomic():
        event = DisputeEvent.objects.select_related("actor").get(pk=event_id, name="handed_over")
        dispute = s._lock(event.dispute_id)
        existing = Document.objects.filter(kind=K.DELEGATION_LETTER, event=event).first()
        if existing:
            return existing, False
        payload = event.payload or {}
        office = Office.objects.get(code=payload["from"]["code"])
        province = Office.objects.get(code=payload["to"]["code"])
        letter_date = (timezone.datetime.fromisoformat(payload["letter_date"]).date() if payload.get("letter_date")
                       else timezone.localdate(event.at))
        number = payload.get("letter_number") or office_letter_number(office.code, "PLM", event.at)
        data = letters.DelegationLetter(dispute=dispute, office=office, province=province, handed_at=event.at,
                                        letter_date=letter_date, reason=payload.get("reason", ""),
                                        officer=event.actor, registered_at=dispute.registered_at,
                                        accepted_at=getattr(_last_event(dispute, "accept_registration"), "at", None))
        document = s._store(dispute=dispute, kind=K.DELEGATION_LETTER, title="Surat Pelimpahan Penyelesaian "
                            "Perselisihan Hubungan Industrial", number=number, event=event,
                            renderer=lambda stamp: letters.render_delegation_letter(data, stamp))
        return document, True


def unexcused_run(session: MediationSession) -> int:
    """The petitioner's unexcused absences in a row after proper summonses, ending at this mediation session
    (0 when they came, excused themselves, or were not properly summoned): the count of the no-show rule."""
    held = (session.dispute.sessions.filter(kind=SessionKind.MEDIATION, attendance_recorded_at__isnull=False,
                                            scheduled_for__lte=session.scheduled_for)
            .prefetch_related("summons").order_by("-scheduled_for", "-id"))
    run = 0
    for s in held:
        if s.scheduled_for == session.scheduled_for and s.pk > session.pk:
            continue
        summons = next((m for m in s.summons.all() if m.side == "petitioner"), None)
        if s.petitioner_attendance != Attendance.ABSENT or summons is None or not summons.proper:
            break
        run += 1
    return run


def _session_document(session_id: int) -> tuple[Document, bool]:
    s = _services()
    with transaction.atomic():
        session = MediationSession.objects.select_related("created_by").get(pk=session_id)
        dispute = s._lock(session.dispute_id)
        session = MediationSession.objects.select_related("created_by").get(pk=session_id)
        session.dispute = dispute
        clarification = session.kind == SessionKind.CLARIFICATION
        kind = K.CLARIFICATION_MINUTES if clarification else K.SESSION_RECORD
        existing = Document.objects.filter(kind=kind, session=session).first()
        if existing:
            return existing, False
        if session.attendance_recorded_at is None:
            raise s.DocumentNotDue("attendance has not been recorded")
        ordinal = sum(1 for other in dispute.sessions.filter(kind=session.kind, attendance_recorded_at__isnull=False)
                      if (other.scheduled_for, other.pk) <= (session.scheduled_for, session.pk))
        room = Room.objects.filter(dispute=dispute, kind=RoomKind.JOINT).first()
        base = settings.SIKHI_BASE_URL.rstrip("/")
        place = f"ruang sidang bersama SIKHI: {base}/ruang/{room.pk}/" if room else "ruang sidang bersama SIKHI"
        data = letters.SessionRecord(
            dispute=dispute, session=session, ordinal=ordinal, mediator=dispute.mediator or session.created_by,
            summons=list(Summons.objects.filter(session=session).order_by("side")), place=place,
            respondent_account=s._respondent_account(dispute) if clarification else [],
            unexcused_run=0 if clarification else unexcused_run(session))
        if clarification:
            title, code, renderer = (f"Risalah Klarifikasi ke-{ordinal}", "RKL",
                                     letters.render_clarification_minutes)
        else:
            title, code, renderer = f"Berita Acara Sidang Mediasi ke-{ordinal}", "BAS", letters.render_session_record
        document = s._store(dispute=dispute, kind=kind, title=title, session=session,
                            number=s._office_number(dispute, code, session.attendance_recorded_at),
                            renderer=lambda stamp: renderer(data, stamp))
        return document, True


def _strike_off_notice(dispute_id: int) -> tuple[Document, bool]:
    s = _services()
    with transaction.atomic():
        dispute = s._lock(dispute_id)
        existing = Document.objects.filter(kind=K.STRIKE_OFF_NOTICE, dispute=dispute).first()
        if existing:
            return existing, False
        event = _last_event(dispute, "strike_off")
        if dispute.state != S.STRUCK_OFF or event is None:
            raise s.DocumentNotDue("the dispute has not been struck off")
        sessions = list(dispute.sessions.filter(kind=SessionKind.MEDIATION, attendance_recorded_at__isnull=False,
                                                scheduled_for__lte=event.at).order_by("-scheduled_for", "-id")[:3])
        sessions.reverse()
        summons = {m.session_id: m for m in Summons.objects.filter(session__in=sessions, side="petitioner")}
        data = letters.StrikeOffNotice(dispute=dispute, struck_at=event.at, mediator=dispute.mediator or event.actor,
                                       sessions=sessions, summons=summons)
        document = s._store(dispute=dispute, kind=K.STRIKE_OFF_NOTICE,
                            title="Pemberitahuan Penghapusan Perselisihan dari Buku Registrasi",
                            number=s._office_number(dispute, "HPS", event.at),
                            renderer=lambda stamp: letters.render_strike_off_notice(data, stamp))
        return document, True


# --- the public entry points -----------------------------------------------------------------------------------


def document_generate_registration_receipt(*, dispute: Dispute) -> Document:
    """The tanda bukti pencatatan, once the office accepted the registration."""
    return _services()._idempotent(_registration_receipt, dispute.pk)[0]


def document_generate_adr_offer(*, dispute: Dispute) -> Document:
    """The offer of conciliation or arbitration, once the dispute is in `adr_offered` (never for `hak`)."""
    return _services()._idempotent(_adr_offer, dispute.pk)[0]


def document_generate_registration_return(*, event: DisputeEvent) -> Document:
    """The return letter of one `return_registration`."""
    return _services()._idempotent(_registration_return, event.pk)[0]


def document_generate_delegation_letter(*, event: DisputeEvent) -> Document:
    """The surat pelimpahan of one hand-over to the province."""
    return _services()._idempotent(_delegation_letter, event.pk)[0]


def document_generate_session_record(*, session: MediationSession) -> Document:
    """The risalah klarifikasi (a clarification) or the berita acara (a mediation session) of a session held."""
    return _services()._idempotent(_session_document, session.pk)[0]


def document_generate_strike_off_notice(*, dispute: Dispute) -> Document:
    """The notice that the dispute was struck off the register."""
    return _services()._idempotent(_strike_off_notice, dispute.pk)[0]


def letters_due(dispute: Dispute) -> list[tuple[str, Generator, int]]:
    """The letters the dispute's history calls for, as (label, generator, object id) (see documents_due)."""
    due: list[tuple[str, Generator, int]] = []
    accepted = _last_event(dispute, "accept_registration")
    if accepted is not None and dispute.registration_number:
        due.append(("registration_receipt", _registration_receipt, dispute.pk))
        if accepted.target == S.ADR_OFFERED and letters.offered_routes(dispute.type):
            due.append(("adr_offer", _adr_offer, dispute.pk))
    for name, label, generate in (("return_registration", "registration_return", _registration_return),
                                  ("handed_over", "delegation_letter", _delegation_letter)):
        for event_id in dispute.events.filter(name=name).order_by("id").values_list("id", flat=True):
            due.append((f"{label} event={event_id}", generate, event_id))
    for session_id in (dispute.sessions.filter(attendance_recorded_at__isnull=False).order_by("id")
                       .values_list("id", flat=True)):
        due.append((f"session_record session={session_id}", _session_document, session_id))
    if dispute.state == S.STRUCK_OFF:
        due.append(("strike_off_notice", _strike_off_notice, dispute.pk))
    return due


def letters_for_transition(*, dispute: Dispute, name: str) -> None:
    """Called by documents_for_transition (inside the transition's atomic): schedules the letters it makes."""
    after = _services()._after_commit
    if name == "accept_registration":
        after("registration_receipt", _registration_receipt, dispute.pk, dispute.pk)
        if dispute.state == S.ADR_OFFERED and letters.offered_routes(dispute.type):
            after("adr_offer", _adr_offer, dispute.pk, dispute.pk)
    elif name == "return_registration":
        event = dispute.events.filter(name=name).order_by("-id").first()
        if event is not None:
            after(f"registration_return event={event.pk}", _registration_return, event.pk, dispute.pk)
    elif name == "strike_off":
        after("strike_off_notice", _strike_off_notice, dispute.pk, dispute.pk)


def documents_after_session_held(*, session: MediationSession) -> None:
    """Called when a session's attendance is recorded: its risalah klarifikasi or berita acara."""
    _services()._after_commit(f"session_record session={session.pk}", _session_document, session.pk,
                              session.dispute_id)


def documents_after_hand_over(*, event: DisputeEvent) -> None:
    """Called by dispute_hand_over: the surat pelimpahan."""
    _services()._after_commit(f"delegation_letter event={event.pk}", _delegation_letter, event.pk, event.dispute_id)
