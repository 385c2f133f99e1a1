"""Generating documents: each one once, from the dispute's data, after the event that calls for it.

The events' services only schedule generation (`documents_after_*`, `documents_for_transition`): a
`PendingDocument` row in the event's transaction, and after commit a background job (`document_generate_job`,
django-tasks) that the worker runs, so no web process renders or signs a PDF. A failed rendering is logged, retried
with backoff and never undoes the event; `manage.py generate_documents` makes whatever is missing later.
Every `document_generate_*` function is idempotent: when the document of that object exists it is returned
unchanged (the stored bytes never change); they run synchronously, for the callers that need the document
now (the court bundle).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import logging
import re
import secrets
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.courts import phi_court_name
from accounts.numbers import office_letter_number
from chat.models import Room, RoomKind
from disputes import permissions as perms
from disputes.models import Dispute, DisputeState
from documents import render, signing
from documents.models import Document, DocumentKind, PendingDocument, PendingState
from documents.permissions import can_get_court_bundle
from mediation.models import (
    Agreement,
    BipartiteMeeting,
    MediationSession,
    MeetingSignature,
    Recommendation,
    Summons,
)
from sikhi.api import Conflict, Forbidden

logger = logging.getLogger(__name__)
K = DocumentKind
S = DisputeState
BOTH_SIDES = {"petitioner", "respondent"}


class DocumentNotDue(Exception):
    """The event that makes this document has not happened (yet)."""


def verification_url(code: str) -> str:
    """The public page a document's QR code leads to."""
    return f"{settings.SIKHI_BASE_URL.rstrip('/')}/verifikasi/{code}/"


def _lock(dispute_id: int) -> Dispute:
    """The dispute, locked: generations of one dispute's documents (and its transitions) run one at a time."""
    return (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("office", "petitioner", "mediator")
        .get(pk=dispute_id)
    )


def _office_number(dispute: Dispute, code: str, at: dt.datetime | None) -> str:
    """An office letter number, e.g. 32.73/ANJ/2026/00001, from a gapless counter per office, kind and year."""
    return office_letter_number(dispute.office_id, code, at)


def _store(*, dispute: Dispute, kind: str, title: str, number: str, renderer: Callable[[render.Stamp], bytes],
           **subject: Any) -> Document:
    """Choose the verification code, render with it, sign (the office's certificate), store the signed bytes and
    their SHA-256 (in the caller's atomic)."""
    code = secrets.token_hex(16)
    stamp = render.Stamp(title=title, number=number, verification_code=code, verification_url=verification_url(code))
    content = signing.sign_pdf(renderer(stamp), reason=f"{title}, nomor {number}", location=dispute.office.name)
    document = Document(dispute=dispute, kind=kind, title=title, number=number, size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), verification_code=code, **subject)
    document.file.save("document.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def _respondent_account(dispute: Dispute) -> list[str]:
    """What the company said on the record (the bipartite minutes, a refusal, its attendance), as markup lines."""
    x = render.x
    lines = [f"Dalam perundingan bipartit tanggal {render.tanggal(m.held_at)}: {x(m.respondent_position)}"
             for m in dispute.bipartite_meetings.all()]
    declined = dispute.events.filter(name="decline_bipartite").first()
    if declined and declined.payload.get("reason"):
        lines.append(f"Menolak perundingan bipartit dengan alasan: {x(declined.payload['reason'])}")
    held = list(dispute.sessions.filter(attendance_recorded_at__isnull=False))
    absent = [render.tanggal(s.scheduled_for) for s in held if s.respondent_attendance == "absent"]
    if held and len(absent) == len(held):
        lines.append(f"{render.side_role(dispute, 'respondent')} tidak hadir pada sidang tanggal {', '.join(absent)} "
                     "meskipun telah dipanggil secara patut.")
    return lines or [f"{render.side_role(dispute, 'respondent')} tidak menyampaikan keterangan tertulis melalui SIKHI."]


def _event_at(dispute: Dispute, name: str, *, last: bool = False) -> dt.datetime | None:
    events = dispute.events.filter(name=name).order_by("at", "id")
    event = events.last() if last else events.first()
    return event.at if event else None


def _delegation_letter(dispute: Dispute) -> str:
    """The number of the pelimpahan letter, when one was recorded (a hand-over to the province's office)."""
    event = dispute.events.filter(name="handed_over").order_by("at", "id").last()
    return str((event.payload or {}).get("letter_number") or "") if event else ""


# --- one function per kind -------------------------------------------------------------------------------------


def _bipartite_minutes(meeting_id: int) -> tuple[Document, bool]:
    with transaction.atomic():
        meeting = BipartiteMeeting.objects.get(pk=meeting_id)
        dispute = _lock(meeting.dispute_id)
        existing = Document.objects.filter(kind=K.BIPARTITE_MINUTES, meeting=meeting).first()
        if existing:
            return existing, False
        signatures = {s.side: s for s in MeetingSignature.objects.filter(meeting=meeting).select_related("user")}
        if set(signatures) != BOTH_SIDES:
            raise DocumentNotDue("the minutes are not signed by both parties")
        ordinal = dispute.bipartite_meetings.filter(id__lte=meeting.id).count()  # in the order they were recorded
        data = render.MeetingMinutes(dispute=dispute, meeting=meeting, ordinal=ordinal,
                                     signers={side: (s.user.name, s.at) for side, s in signatures.items()})
        document = _store(dispute=dispute, kind=K.BIPARTITE_MINUTES, title=f"Risalah Perundingan Bipartit ke-{ordinal}",
                          number=f"{dispute.number}/BIP/{ordinal}", meeting=meeting,
                          renderer=lambda stamp: render.render_bipartite_minutes(data, stamp))
        return document, True


def _summons(summons_id: int) -> tuple[Document, bool]:
    with transaction.atomic():
        summons = Summons.objects.select_related("session").get(pk=summons_id)
        dispute = _lock(summons.session.dispute_id)
        existing = Document.objects.filter(kind=K.SUMMONS, summons=summons).first()
        if existing:
            return existing, False
        room = Room.objects.filter(dispute=dispute, kind=RoomKind.JOINT).first()
        base = settings.SIKHI_BASE_URL.rstrip("/")
        link = f"{base}/ruang/{room.pk}/" if room else f"{base}/perselisihan/{dispute.pk}/"
        data = render.SummonsLetter(dispute=dispute, session=summons.session, summons=summons,
                                    place=f"ruang sidang bersama SIKHI: {link}",
                                    delegated_at=_event_at(dispute, "assign_mediator"),
                                    delegation_number=_delegation_letter(dispute))
        kind = render.SESSION_KINDS.get(summons.session.kind, summons.session.kind)
        title = f"Surat Panggilan {kind} ke-{summons.number} kepada {render.side_role(dispute, summons.side)}"
        document = _store(dispute=dispute, kind=K.SUMMONS, title=title,
                          number=_office_number(dispute, "PGL", summons.sent_at), summons=summons,
                          renderer=lambda stamp: render.render_summons(data, stamp))
        return document, True


def _recommendation(dispute_id: int) -> tuple[Document, bool]:
    with transaction.atomic():
        dispute = _lock(dispute_id)
        existing = Document.objects.filter(kind=K.RECOMMENDATION, dispute=dispute).first()
        if existing:
            return existing, False
        rec = Recommendation.objects.select_related("issued_by").filter(dispute=dispute).first()
        if rec is None:
            raise DocumentNotDue("no recommendation has been issued")
        data = render.RecommendationLetter(
            dispute=dispute, recommendation=rec, delegated_at=_event_at(dispute, "assign_mediator"),
            sessions=list(dispute.sessions.filter(kind="mediation", attendance_recorded_at__isnull=False,
                                                  scheduled_for__lte=rec.issued_at)),
            respondent_account=_respondent_account(dispute))
        document = _store(dispute=dispute, kind=K.RECOMMENDATION, title="Anjuran Tertulis",
                          number=_office_number(dispute, "ANJ", rec.issued_at),
                          renderer=lambda stamp: render.render_recommendation(data, stamp))
        return document, True


def _signed(agreement: Agreement) -> dict:
    return {s.role: render.Signed(name=s.user.name, at=s.at, address=s.address, position=s.position,
                                  authority=s.authority)
            for s in agreement.signatures.select_related("user")}


def _recommendation_number(agreement: Agreement) -> str | None:
    return _recommendation(agreement.dispute_id)[0].number if agreement.from_recommendation else None


def _agreement(agreement_id: int) -> tuple[Document, bool]:
    with transaction.atomic():
        agreement = Agreement.objects.get(pk=agreement_id)
        dispute = _lock(agreement.dispute_id)
        existing = Document.objects.filter(kind=K.AGREEMENT, dispute=dispute).first()
        if existing:
            return existing, False
        signed = _signed(agreement)
        if agreement.rejected_at is not None or not set(agreement.required) <= set(signed):
            raise DocumentNotDue("the agreement is not signed by every signatory")
        data = render.AgreementDeed(dispute=dispute, agreement=agreement, items=list(agreement.items.all()),
                                    signed=signed, settled_at=max(s.at for s in signed.values()),
                                    recommendation_number=_recommendation_number(agreement))
        document = _store(dispute=dispute, kind=K.AGREEMENT, title="Perjanjian Bersama",
                          number=f"{dispute.number}/PB", agreement=agreement,
                          renderer=lambda stamp: render.render_agreement(data, stamp))
        return document, True


def _registration_request(agreement_id: int) -> tuple[Document, bool]:
    """The parties' request to register the signed PB at the PHI court of the office's region (Pasal 7(3)-(4))."""
    with transaction.atomic():
        agreement_document = _agreement(agreement_id)[0]
        dispute = _lock(agreement_document.dispute_id)
        existing = Document.objects.filter(kind=K.REGISTRATION_REQUEST, dispute=dispute).first()
        if existing:
            return existing, False
        agreement = Agreement.objects.get(pk=agreement_id)
        signed = _signed(agreement)
        data = render.RegistrationRequest(
            dispute=dispute, agreement_number=agreement_document.number,
            signed={role: signed[role] for role in ("petitioner", "respondent")},
            settled_at=max(s.at for s in signed.values()), court=phi_court_name(dispute.office_id))
        document = _store(dispute=dispute, kind=K.REGISTRATION_REQUEST,
                          title="Permohonan Pendaftaran Perjanjian Bersama",
                          number=f"{dispute.number}/PB/DAFTAR", agreement=agreement,
                          renderer=lambda stamp: render.render_registration_request(data, stamp))
        return document, True


def agreement_draft_pdf(*, agreement: Agreement) -> bytes:
    """The agreement as it stands, for a signatory to read before signing: marked as a draft, never stored."""
    dispute = Dispute.objects.select_related("office", "petitioner", "mediator").get(pk=agreement.dispute_id)
    signed = _signed(agreement)
    recommendation = Document.objects.filter(kind=K.RECOMMENDATION, dispute=dispute).first()
    data = render.AgreementDeed(
        dispute=dispute, agreement=agreement, items=list(agreement.items.all()), signed=signed,
        settled_at=timezone.now(), draft=True,
        recommendation_number=recommendation.number if recommendation and agreement.from_recommendation else None)
    page = f"{settings.SIKHI_BASE_URL.rstrip('/')}/perselisihan/{dispute.pk}/"
    stamp = render.Stamp(title="Draf Perjanjian Bersama", number=f"{dispute.number}/PB (draf)",
                         verification_code="DRAF, belum ditandatangani", verification_url=page)
    return render.render_agreement(data, stamp)


def _settlement_minutes(dispute_id: int) -> tuple[Document, bool]:
    with transaction.atomic():
        dispute = _lock(dispute_id)
        existing = Document.objects.filter(kind=K.SETTLEMENT_MINUTES, dispute=dispute).first()
        if existing:
            return existing, False
        if dispute.state != S.COURT_REFERRAL:
            raise DocumentNotDue("the dispute has not ended in court_referral")
        recommendation_document = _recommendation(dispute.pk)[0]
        rec = Recommendation.objects.select_related("issued_by").get(dispute=dispute)
        sessions = list(dispute.sessions.filter(attendance_recorded_at__isnull=False))
        data = render.SettlementRecord(
            dispute=dispute, recommendation=rec, recommendation_number=recommendation_document.number,
            registered_at=dispute.registered_at, accepted_at=_event_at(dispute, "accept_registration", last=True),
            delegated_at=_event_at(dispute, "assign_mediator"),
            sessions=sessions, respondent_account=_respondent_account(dispute),
            summons=list(Summons.objects.filter(session__in=sessions).order_by("session__scheduled_for", "session_id",
                                                                            "side")),
            receipts={r.side: r.acknowledged_at for r in rec.receipts.all()})
        document = _store(dispute=dispute, kind=K.SETTLEMENT_MINUTES,
                          title="Risalah Penyelesaian Perselisihan Hubungan Industrial melalui Mediasi",
                          number=_office_number(dispute, "RIS", dispute.closed_at),
                          renderer=lambda stamp: render.render_settlement_minutes(data, stamp))
        return document, True


def _idempotent(generate: Callable[[int], tuple[Document, bool]], pk: int) -> tuple[Document, bool]:
    """Generate, or, when a concurrent call stored the same document first, return that one. Whoever makes it
    (the job, `generate_documents`, the court bundle), it is then no longer pending."""
    try:
        made = generate(pk)
    except IntegrityError:
        # The unique constraints are the last word on "once"; the dispute lock normally gets there first.
        made = generate(pk)
    PendingDocument.objects.filter(key=_pending_key(generate, pk)).delete()
    return made


def document_generate_bipartite_minutes(*, meeting: BipartiteMeeting) -> Document:
    """The minutes of one bipartite meeting, once both parties have signed them."""
    return _idempotent(_bipartite_minutes, meeting.pk)[0]


def document_generate_summons(*, summons: Summons) -> Document:
    """The summons (surat panggilan) to one party for one session."""
    return _idempotent(_summons, summons.pk)[0]


def document_generate_recommendation(*, dispute: Dispute) -> Document:
    """The written recommendation (anjuran tertulis), once issued."""
    return _idempotent(_recommendation, dispute.pk)[0]


def document_generate_agreement(*, agreement: Agreement) -> Document:
    """The joint agreement (perjanjian bersama), once every signatory has signed it."""
    return _idempotent(_agreement, agreement.pk)[0]


def document_generate_settlement_minutes(*, dispute: Dispute) -> Document:
    """The settlement minutes (risalah penyelesaian) of a dispute that ended in court_referral."""
    return _idempotent(_settlement_minutes, dispute.pk)[0]


# --- what is due, and the triggers ---------------------------------------------------------------------------


def documents_due(dispute: Dispute) -> list[tuple[str, Callable[[int], tuple[Document, bool]], int]]:
    """Every document the dispute's history calls for, as (label, generator, object id)."""
    due: list[tuple[str, Callable[[int], tuple[Document, bool]], int]] = []
    for meeting in dispute.bipartite_meetings.prefetch_related("signatures"):
        if meeting.fully_signed:
            due.append((f"bipartite_minutes meeting={meeting.pk}", _bipartite_minutes, meeting.pk))
    for summons_id in Summons.objects.filter(session__dispute=dispute).order_by("id").values_list("id", flat=True):
        due.append((f"summons summons={summons_id}", _summons, summons_id))
    if Recommendation.objects.filter(dispute=dispute).exists():
        due.append(("recommendation", _recommendation, dispute.pk))
    if dispute.state == S.SETTLED:
        agreement = dispute.agreements.filter(rejected_at__isnull=True).order_by("-id").first()
        if agreement is not None:
            due.append((f"agreement agreement={agreement.pk}", _agreement, agreement.pk))
            due.append((f"registration_request agreement={agreement.pk}", _registration_request, agreement.pk))
    if dispute.state == S.COURT_REFERRAL:
        due.append(("settlement_minutes", _settlement_minutes, dispute.pk))
    from documents.letters import letters_due

    due.extend(letters_due(dispute))  # the office's further letters (receipt, return, offer, pelimpahan, ...)
    return due


def documents_generate_missing(*, dispute: Dispute) -> Counter:
    """Make the dispute's missing documents (idempotent); counts created, existing and failed."""
    counts: Counter = Counter(created=0, existing=0, failed=0)
    for label, generate, pk in documents_due(dispute):
        try:
            _, created = _idempotent(generate, pk)
        except Exception:
            logger.exception("document %s of dispute %s could not be generated", label, dispute.pk)
            counts["failed"] += 1
            continue
        counts["created" if created else "existing"] += 1
    return counts


def _after_commit(label: str, generate: Callable[[int], tuple[Document, bool]], pk: int, dispute_id: int) -> None:
    """Queue the generation: a pending row in the event's transaction (the page shows the document being
    prepared), the background job (`document_generate_job`) once the event is committed. Never raises into the
    event; a document that already exists is not queued again."""
    pending_queue(label=label, generate=generate, pk=pk, dispute_id=dispute_id)


def documents_after_meeting_signed(*, meeting: BipartiteMeeting) -> None:
    """Called by meeting_sign: the second signature makes the meeting's minutes."""
    sides = set(MeetingSignature.objects.filter(meeting_id=meeting.pk).values_list("side", flat=True))
    if sides >= BOTH_SIDES:
        _after_commit(f"bipartite_minutes meeting={meeting.pk}", _bipartite_minutes, meeting.pk, meeting.dispute_id)


def documents_after_session_scheduled(*, session: MediationSession) -> None:
    """Called by session_schedule: one summons document per party."""
    for summons_id in Summons.objects.filter(session_id=session.pk).order_by("id").values_list("id", flat=True):
        _after_commit(f"summons summons={summons_id}", _summons, summons_id, session.dispute_id)


def documents_for_transition(*, dispute: Dispute, name: str) -> None:
    """Called by dispute_transition after the handler: the recommendation when issued, the agreement when
    settled, the settlement minutes when the case ends in court_referral."""
    if name == "issue_recommendation":
        _after_commit("recommendation", _recommendation, dispute.pk, dispute.pk)
    if dispute.state == S.SETTLED:
        agreement = dispute.agreements.filter(rejected_at__isnull=True).order_by("-id").first()
        if agreement is not None:
            _after_commit(f"agreement agreement={agreement.pk}", _agreement, agreement.pk, dispute.pk)
            _after_commit(f"registration_request agreement={agreement.pk}", _registration_request, agreement.pk,
                          dispute.pk)
    elif dispute.state == S.COURT_REFERRAL:
        _after_commit("settlement_minutes", _settlement_minutes, dispute.pk, dispute.pk)
    from documents.letters import letters_for_transition

    letters_for_transition(dispute=dispute, name=name)  # receipt and offer, return letter, strike-off notice


# --- background generation (django-tasks) ----------------------------------------------------------------------
# A document is rendered and signed by the worker, never on a web process's (single) database thread: the event
# writes a PendingDocument row and queues `document_generate_job` after commit. One attempt at a time (a
# conditional UPDATE claims the row, with a lease); a failure is recorded on the row and retried with backoff (a
# deferred job, and the deadline sweep for a job that was lost); after MAX_ATTEMPTS the row is `failed` and
# office staff see why. The generators are idempotent, so a retry never makes a second document.

MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=10)  # how long one attempt holds the row before another may take it over
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=1)
SWEEP_GRACE = dt.timedelta(minutes=2)  # how late a due attempt is before the sweep makes it itself


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after failed attempt number `attempts`: 1, 2, 4 ... minutes, at most an hour."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def _generator_path(generate: Callable[[int], tuple[Document, bool]]) -> str:
    return f"{generate.__module__}.{generate.__qualname__}"


def _pending_key(generate: Callable[[int], tuple[Document, bool]], pk: int) -> str:
    """The document to be: its generator and the object it documents (one pending row each)."""
    return f"{_generator_path(generate)}:{pk}"


def _generator(path: str) -> Callable[[int], tuple[Document, bool]]:
    if not path.startswith("documents."):  # only ever our own generators, whatever a row says
        raise ValueError(f"not a document generator: {path}")
    return import_string(path)


def _label_subject(label: str) -> tuple[str, str | None, int | None]:
    """("summons", "summons", 7) from the label "summons summons=7"; ("recommendation", None, None)."""
    kind, *rest = label.split()
    for part in rest:
        field, _sep, value = part.partition("=")
        if value.isdigit():
            return kind, field, int(value)
    return kind, None, None


def _document_exists(kind: str, field: str | None, value: int | None, dispute_id: int) -> bool:
    filters = {"kind": kind, f"{field}_id": value} if field else {"kind": kind, "dispute_id": dispute_id}
    try:
        return Document.objects.filter(**filters).exists()
    except (FieldError, ValueError, TypeError):  # a label that names no Document field: let the job decide
        return False


def pending_queue(*, label: str, generate: Callable[[int], tuple[Document, bool]], pk: int,
                  dispute_id: int) -> PendingDocument | None:
    """The pending row of one document (in the caller's transaction) and its job after commit; None when the
    document exists already. Never raises: a row that cannot be written is logged and left to
    `manage.py generate_documents`."""
    kind, field, value = _label_subject(label)
    try:
        if _document_exists(kind, field, value, dispute_id):
            return None
        with transaction.atomic():  # a savepoint: a failed insert must not break the caller's transaction
            pending, created = PendingDocument.objects.get_or_create(
                key=_pending_key(generate, pk),
                defaults={"dispute_id": dispute_id, "kind": kind, "generator": _generator_path(generate),
                          "object_id": pk, "agreement_id": value if field == "agreement" else None})
            if not created and pending.state == PendingState.FAILED:  # asked for again: start afresh
                now = timezone.now()
                PendingDocument.objects.filter(pk=pending.pk).update(
                    state=PendingState.QUEUED, attempts=0, error="", requested_at=now, next_attempt_at=now)
    except Exception:
        logger.exception("document %s of dispute %s could not be queued; run `manage.py generate_documents "
                         "--dispute %s` to make it", label, dispute_id, dispute_id)
        return None
    pending_id = pending.pk
    # If the job cannot be queued (database gone after commit), the row stays queued and the sweep makes it.
    transaction.on_commit(lambda: _enqueue(pending_id), robust=True)
    return pending


def _enqueue(pending_id: int, *, at: dt.datetime | None = None) -> None:
    job = document_generate_job
    if at is not None:
        if not job.get_backend().supports_defer:
            return  # a backend that cannot wait (the tests' immediate one): the sweep retries
        job = job.using(run_after=at)
    job.enqueue(pending_id)


@task(queue_name="documents")  # its own queue and worker thread (settings.TASK_QUEUES)
def document_generate_job(pending_id: int) -> str:
    """The background job of one pending document: one attempt (see `pending_document_run`)."""
    return pending_document_run(pending_id)


def pending_document_run(pending_id: int, *, now: dt.datetime | None = None) -> str:
    """One attempt at a pending document, if it is due and no one else holds it. Answers "created",
    "existing" (made meanwhile), "retry" (failed, retried later), "failed" (given up), "not_due" (the event
    does not call for it after all) or "skipped" (not ours to make now)."""
    now = now or timezone.now()
    claimed = PendingDocument.objects.filter(
        pk=pending_id, state__in=[PendingState.QUEUED, PendingState.RUNNING], next_attempt_at__lte=now,
    ).update(state=PendingState.RUNNING, attempts=F("attempts") + 1, started_at=now, next_attempt_at=now + LEASE)
    if not claimed:
        return "skipped"
    row = PendingDocument.objects.get(pk=pending_id)
    try:
        _, created = _idempotent(_generator(row.generator), row.object_id)
    except DocumentNotDue as exc:
        logger.warning("document %s of dispute %s is not due (%s); dropped", row.key, row.dispute_id, exc)
        PendingDocument.objects.filter(pk=pending_id).delete()
        return "not_due"
    except Exception as exc:
        given_up = row.attempts >= MAX_ATTEMPTS
        retry_at = now + retry_delay(row.attempts)
        PendingDocument.objects.filter(pk=pending_id).update(
            state=PendingState.FAILED if given_up else PendingState.QUEUED,
            error=f"{type(exc).__name__}: {exc}"[:2000], next_attempt_at=retry_at)
        logger.exception("document %s of dispute %s could not be generated (attempt %s of %s%s); run `manage.py "
                         "generate_documents --dispute %s` to make it now", row.kind, row.dispute_id, row.attempts,
                         MAX_ATTEMPTS, ", giving up" if given_up else f", retried at {retry_at.isoformat()}",
                         row.dispute_id)
        if not given_up:
            try:
                _enqueue(pending_id, at=retry_at)
            except Exception:
                logger.exception("the retry of pending document %s could not be queued; the sweep retries it",
                                 pending_id)
        return "failed" if given_up else "retry"
    PendingDocument.objects.filter(pk=pending_id).delete()
    return "created" if created else "existing"


def pending_document_retry(*, pending: PendingDocument) -> None:
    """Staff asked to try a given-up document again (the admin's action): a fresh set of attempts, now."""
    now = timezone.now()
    PendingDocument.objects.filter(pk=pending.pk).update(state=PendingState.QUEUED, attempts=0, error="",
                                                         next_attempt_at=now)
    transaction.on_commit(lambda: _enqueue(pending.pk), robust=True)


def documents_retry(*, now: dt.datetime | None = None, limit: int = 20) -> Counter:
    """The deadline sweep's part: attempts due for longer than SWEEP_GRACE (their job was lost, the worker died
    holding the row, or the backend cannot defer a retry) are made here. Counts the outcomes."""
    now = now or timezone.now()
    ids = list(
        PendingDocument.objects.filter(state__in=[PendingState.QUEUED, PendingState.RUNNING],
                                       next_attempt_at__lte=now - SWEEP_GRACE)
        .order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit]
    )
    counts: Counter = Counter()
    for pending_id in ids:
        try:
            counts[pending_document_run(pending_id, now=now)] += 1
        except Exception:  # the database itself failed: the row waits for the next sweep
            logger.exception("pending document %s could not be processed", pending_id)
    return counts


# --- the court bundle ------------------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(text: str, fallback: str) -> str:
    name = _UNSAFE.sub("-", render.clean(text)).strip("-.")[:60]
    return name or fallback


EVIDENCE_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
BUNDLE_README = (
    "Berkas gugatan ke Pengadilan Hubungan Industrial dari SIKHI.\n"
    "Jawaban para pihak atas anjuran (termasuk yang dianggap menolak karena tidak menjawab) tercantum dalam "
    "risalah penyelesaian.\n"
    "Setiap dokumen PDF dapat diverifikasi dengan kode QR-nya atau dengan SHA-256 di bawah ini.\n"
)


def court_bundle_build(*, dispute: Dispute, by: Any) -> tuple[str, Any]:
    """A party's bundle for a claim at the PHI court: (file name, a file object holding the zip).

    It holds the settlement minutes, the recommendation (the answers are in the minutes), the signed bipartite
    minutes, the evidence files and `bukti/daftar-bukti.csv` (title, file name, content type, size, sha256,
    uploaded_at, uploaded_by), and `daftar-isi.txt` with the SHA-256 of every document. Missing documents are
    generated first (idempotently). Nothing from any room is included."""
    if not can_get_court_bundle(by, dispute):
        raise Forbidden(_("Only a party can take the court bundle."))
    if dispute.state != S.COURT_REFERRAL:
        raise Conflict(_("Only a dispute referred to the industrial court has a court bundle."),
                       details={"state": dispute.state})
    documents = [("risalah-penyelesaian.pdf", document_generate_settlement_minutes(dispute=dispute)),
                 ("anjuran-tertulis.pdf", document_generate_recommendation(dispute=dispute))]
    for meeting in dispute.bipartite_meetings.prefetch_related("signatures"):
        if meeting.fully_signed:
            minutes = document_generate_bipartite_minutes(meeting=meeting)
            documents.append((f"risalah-bipartit-{minutes.number.rsplit('/', 1)[-1]}.pdf", minutes))
    stamp = timezone.localtime(dispute.closed_at or timezone.now()).timetuple()[:6]

    def info(name: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        return entry

    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    with zipfile.ZipFile(out, "w") as archive:
        index = [BUNDLE_README, f"Nomor perselisihan: {dispute.number}",
                 f"Nomor registrasi: {dispute.registration_number or '-'}", ""]
        for name, document in documents:
            with document.file.open("rb") as f:
                archive.writestr(info(name), f.read())
            index.append(f"{name}\n  {document.title}, Nomor {document.number}\n  SHA-256: {document.sha256}\n"
                         f"  Verifikasi: {verification_url(document.verification_code)}")
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["title", "file_name", "original_name", "content_type", "size", "sha256", "uploaded_at",
                         "uploaded_by"])
        for evidence in dispute.evidence.select_related("uploaded_by"):
            name = (f"bukti/{evidence.pk}-{_safe_name(evidence.title, 'bukti')}"
                    f"{EVIDENCE_EXTENSIONS.get(evidence.content_type, '')}")
            with evidence.file.open("rb") as src, archive.open(info(name), "w") as dst:
                for chunk in iter(functools.partial(src.read, 1024 * 1024), b""):
                    dst.write(chunk)
            side = perms.party_side(dispute, evidence.uploaded_by)
            writer.writerow([render.clean(evidence.title), name, evidence.original_name, evidence.content_type,
                             evidence.size, evidence.sha256, timezone.localtime(evidence.uploaded_at).isoformat(),
                             f"{evidence.uploaded_by.name} ({render.SIDES.get(side or '', '-')})"])
        archive.writestr(info("bukti/daftar-bukti.csv"), rows.getvalue())
        index.append("bukti/daftar-bukti.csv\n  Daftar bukti dengan SHA-256 setiap berkas (berkasnya di folder bukti/)")
        archive.writestr(info("daftar-isi.txt"), "\n".join(index) + "\n")
    out.seek(0)
    return f"berkas-phi-{_safe_name(dispute.number or str(dispute.pk), str(dispute.pk))}.zip", out

