"""Notice that stands up: who a document is addressed to, how each party was reached, when it received it, and
the clocks that count from that receipt.

- A notice document (a summons to its party; the anjuran and the settlement minutes to both) reaches a party by
  its SIKHI account (an in-app notice and e-mail when the document is issued), by an e-mailed link when the party
  has no account but an e-mail address (documents/links.py), or by post, courier or hand, recorded by the office
  as a `Delivery`. A party reached by none of these "has not been notified": the dispute page warns the office's
  staff and the officer's desk flags it (`notice_gaps`); `role_users` returning nobody is never the end.
- A party's receipt of a document is the earliest of: its acknowledgement in SIKHI (the summons' or the
  anjuran's "acknowledge receipt"), its first opening of the PDF (downloaded by its account or opened from the
  e-mailed link: `DocumentReceipt`), or the date of a recorded delivery.
- The answer to the anjuran runs 10 working days per party from that party's receipt (UU 2/2004 Art. 13(2)(c):
  "setelah menerima anjuran tertulis"; Permenakertrans 17/2014 Art. 14(2)), and only then does that party's
  silence count as rejection (Art. 13(2)(d); Art. 14(3)). spec/workflow.md counts from the issue; the law wins.
- The minimum notice of a summons counts from its sending for a party reached on SIKHI or by e-mail, and from
  the recorded delivery for a party reached only by post, courier or hand (`summons_notice_from`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.calendar import JAKARTA, due_at, local_date
from accounts.models import User
from chat.notices import role_users
from disputes import permissions as perms
from disputes.deadlines import deadline_start
from disputes.models import Deadline, DeadlineKey, DeadlineState, Dispute, DisputeState
from disputes.services.audit import event_record
from disputes.services.evidence import upload_checked
from documents.models import Document, DocumentKind
from documents.notice_models import Delivery, DocumentLink, DocumentReceipt, ReceiptVia
from documents.permissions import can_record_delivery, can_see_delivery
from mediation.models import RecommendationReceipt, Summons
from sikhi.api import Forbidden, Invalid, NotFound

K = DocumentKind
PARTIES = ("petitioner", "respondent")
ANSWER_DAYS = 10


# --- who a document is addressed to, and how a party can be reached -------------------------------------------


def _summons_side(document: Document) -> tuple[str, ...]:
    return (document.summons.side,) if document.summons_id else ()


# The notice documents and the sides each is addressed to (a new kind of letter to the parties is added here).
NOTICE_KINDS: dict[str, Any] = {
    K.SUMMONS: _summons_side,
    K.RECOMMENDATION: lambda document: PARTIES,
    K.SETTLEMENT_MINUTES: lambda document: PARTIES,
}


def addressees(document: Document) -> tuple[str, ...]:
    """The sides a notice document must reach (none for a document that is not a notice)."""
    sides = NOTICE_KINDS.get(document.kind)
    return tuple(sides(document)) if sides else ()


def side_accounts(dispute: Dispute, side: str) -> list[Any]:
    """The active accounts that act for `side` (chat.notices.role_users)."""
    return [user for user, _role in role_users(dispute, [side])]


def side_email(dispute: Dispute, side: str) -> str:
    """The address a link goes to for a side without an account: the e-mail the petitioner gave for the
    respondent that is not on SIKHI. (The petitioner always has an account.)"""
    if side == "respondent":
        return dispute.respondent_email or ""
    return ""


def side_name(dispute: Dispute, side: str) -> str:
    return dispute.petitioner.name if side == "petitioner" else dispute.respondent_name


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=JAKARTA)


# --- receipts ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    at: dt.datetime
    how: str  # acknowledged | download | link | delivery:<method>


def _acknowledgement(document: Document, side: str) -> dt.datetime | None:
    """The party's explicit acknowledgement of the thing the document is (a summons, the recommendation)."""
    if document.kind == K.SUMMONS and document.summons_id and document.summons.side == side:
        return document.summons.acknowledged_at
    if document.kind == K.RECOMMENDATION:
        row = RecommendationReceipt.objects.filter(recommendation__dispute_id=document.dispute_id, side=side).first()
        return row.acknowledged_at if row else None
    return None


def document_receipt(document: Document, side: str) -> Receipt | None:
    """When (and how) `side` received `document`: the earliest acknowledgement, opening or recorded delivery."""
    found: list[Receipt] = []
    acknowledged = _acknowledgement(document, side)
    if acknowledged:
        found.append(Receipt(acknowledged, "acknowledged"))
    opened = DocumentReceipt.objects.filter(document=document, side=side).first()
    if opened:
        found.append(Receipt(opened.at, opened.via))
    delivery = Delivery.objects.filter(document=document, side=side).order_by("delivered_on", "id").first()
    if delivery:
        found.append(Receipt(max(_day_start(delivery.delivered_on), document.created_at),
                             f"delivery:{delivery.method}"))
    return min(found, key=lambda r: r.at) if found else None


def _recommendation_document(dispute: Dispute) -> Document | None:
    return Document.objects.filter(dispute=dispute, kind=K.RECOMMENDATION).first()


def answer_clock_start(dispute: Dispute, side: str) -> dt.datetime | None:
    """When `side`'s 10 working days to answer the anjuran start: its receipt of the anjuran (its acknowledgement
    on SIKHI, its first opening of the PDF, or the date of a recorded delivery), never before the issue; None
    while it has not received it (UU 2/2004 Art. 13(2)(c); Permenakertrans 17/2014 Art. 14(2))."""
    recommendation = getattr(dispute, "recommendation", None)
    if recommendation is None:
        return None
    moments = [r.acknowledged_at for r in RecommendationReceipt.objects.filter(recommendation=recommendation,
                                                                              side=side)]
    document = _recommendation_document(dispute)
    if document is not None:
        receipt = document_receipt(document, side)
        if receipt:
            moments.append(receipt.at)
    if not moments:
        return None
    return max(min(moments), recommendation.issued_at)


def _answer_deadline(dispute: Dispute, side: str) -> Deadline | None:
    rows = [d for d in Deadline.objects.filter(dispute=dispute, key=DeadlineKey.RECOMMENDATION_ANSWER)
            .order_by("-id") if d.owed_by == [side]]
    return rows[0] if rows else None


def answer_clocks_sync(*, dispute: Dispute) -> list[Deadline]:
    """Start each party's answer clock once it has received the anjuran (or move an open one back to an earlier
    receipt recorded later, e.g. a delivery). Called in the caller's transaction by every act of receipt; a
    party that has answered keeps its closed clock. Answers the clocks started or moved."""
    if dispute.state != DisputeState.RECOMMENDATION_ISSUED or getattr(dispute, "recommendation", None) is None:
        return []
    answered = set(dispute.recommendation.answers.values_list("side", flat=True))
    changed = []
    for side in PARTIES:
        if side in answered:
            continue
        start = answer_clock_start(dispute, side)
        if start is None:
            continue
        existing = _answer_deadline(dispute, side)
        if existing is None:
            changed.append(deadline_start(dispute=dispute, key=DeadlineKey.RECOMMENDATION_ANSWER, at=start,
                                          owed_by=[side]))
        elif existing.state == DeadlineState.OPEN and start < existing.starts_at:
            existing.starts_at, existing.due_at = start, due_at(start, existing.days)
            existing.reminded_at = None
            existing.save(update_fields=["starts_at", "due_at", "reminded_at"])
            changed.append(existing)
    return changed


def answer_clocks_run_out(*, dispute: Dispute, at: dt.datetime) -> list[str]:
    """The parties whose own answer clock ran out before `at` without an answer: only their silence is a
    rejection (UU 2/2004 Art. 13(2)(d)). A party whose clock has not started (no receipt) or still runs is not."""
    answered = set(dispute.recommendation.answers.values_list("side", flat=True))
    run_out = set()
    for deadline in Deadline.objects.filter(dispute=dispute, key=DeadlineKey.RECOMMENDATION_ANSWER,
                                            state__in=(DeadlineState.OPEN, DeadlineState.OVERDUE), due_at__lt=at):
        run_out.update(deadline.owed_by)
    return [side for side in PARTIES if side in run_out and side not in answered]


def answer_clocks(dispute: Dispute) -> list[dict]:
    """Each party's answer clock as shown and served: received_at (None: not received, the clock has not
    started), due_at, the answer if any."""
    recommendation = getattr(dispute, "recommendation", None)
    if recommendation is None:
        return []
    answers = {a.side: a for a in recommendation.answers.all()}
    out = []
    for side in PARTIES:
        start = answer_clock_start(dispute, side)
        deadline = _answer_deadline(dispute, side)
        out.append({"side": side, "received_at": start,
                    "due_at": deadline.due_at if deadline else (due_at(start, ANSWER_DAYS) if start else None),
                    "answered": side in answers, "by_silence": bool(side in answers and answers[side].by_silence)})
    return out


# --- the summons' notice ------------------------------------------------------------------------------------


def summons_notice_from(summons: Any) -> dt.datetime | None:
    """The moment the minimum notice of a summons counts from: its sending, for a party reached on SIKHI (its
    account) or by the e-mailed link (from the link's sending); otherwise the recorded delivery's date; None when
    the party was never reached."""
    dispute = summons.session.dispute
    moments = []
    if side_accounts(dispute, summons.side):
        moments.append(summons.sent_at)
    document = Document.objects.filter(kind=K.SUMMONS, summons=summons).first()
    if document is not None:
        link = DocumentLink.objects.filter(document=document, side=summons.side).order_by("created_at").first()
        if link is not None:
            moments.append(max(link.created_at, summons.sent_at))
        delivery = Delivery.objects.filter(document=document, side=summons.side).order_by("delivered_on").first()
        if delivery is not None:
            moments.append(max(_day_start(delivery.delivered_on), summons.sent_at))
    return min(moments) if moments else None


# --- who was not notified ------------------------------------------------------------------------------------


def notice_status(document: Document, side: str) -> dict:
    """How `side` was reached with `document`: received (and when), notified (account or e-mailed link), or not
    notified at all (no account, no e-mail, no delivery recorded)."""
    dispute = document.dispute
    receipt = document_receipt(document, side)
    links = list(DocumentLink.objects.filter(document=document, side=side))
    accounts = side_accounts(dispute, side)
    if receipt:
        state = "received"
    elif accounts or any(link.revoked_at is None for link in links):
        state = "notified"
    else:
        state = "not_notified"
    return {"document": document, "side": side, "party": side_name(dispute, side), "state": state,
            "receipt": receipt, "links": links, "on_sikhi": bool(accounts)}


def notice_gaps(dispute: Dispute) -> list[dict]:
    """The notice documents of the dispute that a party has not been notified of (no account, no e-mail link,
    no recorded delivery): what the office must still deliver."""
    gaps = []
    documents = Document.objects.filter(dispute=dispute, kind__in=list(NOTICE_KINDS)).select_related("summons")
    for document in documents:
        document.dispute = dispute
        for side in addressees(document):
            status = notice_status(document, side)
            if status["state"] == "not_notified":
                gaps.append(status)
    return gaps


def office_notice_gaps(*, office_id: str, limit: int = 50) -> list[dict]:
    """The office's disputes with a notice document that a party has not been notified of (the officer's desk).
    Only disputes whose respondent has no active account are looked at: the petitioner always has one."""
    from django.db.models import Exists, OuterRef, Q


    has_account = User.objects.filter(company_id=OuterRef("respondent_company_id"), is_active=True)
    candidates = (
        Dispute.objects.filter(office_id=office_id, submitted_at__isnull=False)
        .filter(Q(closed_at__isnull=True) | Q(state=DisputeState.COURT_REFERRAL))
        .filter(Q(respondent_company__isnull=True) | ~Exists(has_account))
        .filter(Exists(Document.objects.filter(dispute=OuterRef("pk"), kind__in=list(NOTICE_KINDS))))
        .select_related("petitioner").order_by("id")
    )
    rows = []
    for dispute in candidates[:500]:
        gaps = notice_gaps(dispute)
        if gaps:
            rows.append({"dispute": dispute, "gaps": gaps})
        if len(rows) >= limit:
            break
    return rows


# --- services: recording receipts and deliveries -------------------------------------------------------------


def _event(dispute: Dispute, by: Any, name: str, at: dt.datetime, payload: dict) -> None:
    event_record(dispute=dispute, by=by, name=name, source=dispute.state, target=dispute.state, at=at,
                 payload=payload)


def _after_receipt(dispute: Dispute, document: Document, side: str, at: dt.datetime, by: Any, *,
                   opened: bool) -> None:
    """What a receipt changes: the party's opening of an unacknowledged summons is its acknowledgement (a
    delivery is not: its notice counts from the delivery's date, `summons_notice_from`), and the answer clock of
    the anjuran starts."""
    if opened and document.kind == K.SUMMONS and document.summons_id and document.summons.side == side:
        summons = Summons.objects.select_for_update().get(pk=document.summons_id)
        if summons.acknowledged_at is None:
            summons.acknowledged_at = at
            summons.acknowledged_by = by if getattr(by, "pk", None) else None
            summons.save(update_fields=["acknowledged_at", "acknowledged_by"])
    if document.kind == K.RECOMMENDATION:
        answer_clocks_sync(dispute=dispute)


def document_opened(*, document: Document, side: str, via: str, by: Any = None, link: DocumentLink | None = None,
                    at: dt.datetime | None = None) -> DocumentReceipt | None:
    """Record `side`'s first opening of a notice document addressed to it (download by its account, or its
    e-mailed link) as its acknowledgement of receipt; later openings change nothing. Publishes nothing."""
    if side not in addressees(document):
        return None
    at = at or timezone.now()
    with transaction.atomic():
        dispute = Dispute.objects.select_for_update().get(pk=document.dispute_id)
        if DocumentReceipt.objects.filter(document=document, side=side).exists():
            return None
        receipt = DocumentReceipt.objects.create(document=document, side=side, at=at, via=via,
                                                 user=by if getattr(by, "pk", None) else None, link=link)
        _event(dispute, by, "document_received", at, {"document_id": document.pk, "side": side, "via": via,
                                                      "title": document.title})
        _after_receipt(dispute, document, side, at, by, opened=True)
    return receipt


def document_downloaded(*, document: Document, by: Any) -> None:
    """A party's account downloaded a notice document addressed to it: its receipt (first time only)."""
    side = perms.party_side(document.dispute, by)
    if side is not None:
        document_opened(document=document, side=side, via=ReceiptVia.DOWNLOAD, by=by)


def _validate_delivery(document: Document, data: dict) -> dict:
    errors: dict[str, list[str]] = {}
    if data["side"] not in addressees(document):
        errors["side"] = [_("This document is not addressed to that party.")]
    delivered = data["delivered_on"]
    if delivered > timezone.localdate():
        errors["delivered_on"] = [_("The delivery date cannot be in the future.")]
    elif delivered < local_date(document.created_at):
        errors["delivered_on"] = [_("The delivery date cannot be before the document was issued.")]
    if data["method"] in ("post", "courier") and not data.get("receipt_number", "").strip():
        errors["receipt_number"] = [_("Give the receipt number of the post or courier.")]
    return errors


def delivery_record(*, dispute: Dispute, by: Any, data: dict, scan: Any = None) -> Delivery:
    """The office (an officer, or the assigned mediator) records that a document reached a party outside SIKHI:
    method, date delivered (the party's receipt), receipt number, and an optional scan of the proof (a PDF,
    JPEG or PNG of at most 10 MB, checked by content as evidence is). Starts the party's answer clock for the
    anjuran. Publishes nothing."""
    if not can_record_delivery(by, dispute):
        raise Forbidden(_("Only the office's officers and the assigned mediator record deliveries."))
    document = Document.objects.filter(pk=data["document"], dispute=dispute).select_related("summons").first()
    if document is None or document.kind not in NOTICE_KINDS:
        raise Invalid(details={"document": [_("Not a letter of this dispute that is delivered to a party.")]})
    document.dispute = dispute
    if errors := _validate_delivery(document, data):
        raise Invalid(details=errors)
    checked = upload_checked(scan) if scan else None
    with transaction.atomic():
        locked = Dispute.objects.select_for_update().get(pk=dispute.pk)
        delivery = Delivery(document=document, side=data["side"], method=data["method"],
                            delivered_on=data["delivered_on"], receipt_number=data.get("receipt_number", "").strip(),
                            note=data.get("note", "").strip(), recorded_by=by)
        if checked:
            delivery.scan_content_type, delivery.scan_sha256 = checked
            delivery.scan_size = scan.size
            delivery.scan.save("scan", scan, save=False)
        try:
            delivery.save()
            now = timezone.now()
            _event(locked, by, "delivery_recorded", now, {
                "delivery_id": delivery.pk, "document_id": document.pk, "title": document.title,
                "side": delivery.side, "method": delivery.method, "delivered_on": delivery.delivered_on.isoformat(),
                "receipt_number": delivery.receipt_number, "scan_sha256": delivery.scan_sha256})
            _after_receipt(locked, document, delivery.side, _day_start(delivery.delivered_on), by, opened=False)
        except Exception:
            if delivery.scan:
                delivery.scan.delete(save=False)
            raise
    return delivery


# --- selectors --------------------------------------------------------------------------------------------


def delivery_list_for(*, user: Any, dispute: Dispute) -> list[Delivery]:
    """The deliveries of a dispute `user` may see: all for the office's staff, a party's own side's."""
    rows = Delivery.objects.filter(document__dispute=dispute).select_related("document", "recorded_by")
    out = []
    for delivery in rows:
        delivery.document.dispute = dispute
        if can_see_delivery(user, delivery):
            out.append(delivery)
    return out


def delivery_get_for(*, user: Any, pk: Any) -> Delivery:
    """A delivery `user` may see; otherwise NotFound (404, never 403)."""
    delivery = (Delivery.objects.select_related("document__dispute").filter(pk=pk).first()
                if str(pk).isdigit() else None)
    if delivery is None or not can_see_delivery(user, delivery):
        raise NotFound()
    return delivery


def deliverable_documents(dispute: Dispute) -> list[tuple[Document, tuple[str, ...]]]:
    """The notice documents of the dispute with the sides each is addressed to (the delivery form's choices)."""
    documents = Document.objects.filter(dispute=dispute, kind__in=list(NOTICE_KINDS)).select_related("summons")
    return [(d, addressees(d)) for d in documents]

