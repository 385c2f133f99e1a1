"""E-mailed links that open one document without an account, for a party not on SIKHI.

When a notice document (documents/deliveries.py `NOTICE_KINDS`) is stored, each party it is addressed to that has
no active account but an e-mail address gets a link by e-mail (through the outbox, chat/mail.py, in Indonesian:
the party has no account and so no language of its own). The token is random; only its SHA-256 is stored. A link
opens that one document, expires (`SIKHI_DOCUMENT_LINK_DAYS`, default 60 calendar days) and can be revoked by the
office; its first opening is recorded as the party's acknowledgement of receipt (`deliveries.document_opened`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chat.mail import email_queue, page_url
from disputes import permissions as perms
from disputes.models import Dispute
from disputes.services.audit import event_record
from documents.deliveries import addressees, document_opened, side_accounts, side_email, side_name
from documents.models import Document
from documents.notice_models import DocumentLink, ReceiptVia
from documents.permissions import can_manage_document_links
from sikhi.api import Conflict, Forbidden, Invalid, NotFound

logger = logging.getLogger(__name__)


def link_days() -> int:
    return int(getattr(settings, "SIKHI_DOCUMENT_LINK_DAYS", 60))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(token: str) -> str:
    return page_url(f"/dokumen/{token}/")


def document_link_send(*, document: Document, side: str, email: str, by: Any = None) -> DocumentLink:
    """Make a link to `document` for `side` and e-mail it to `email` (in the caller's transaction; the e-mail
    leaves after commit through the outbox). Publishes nothing."""
    dispute = document.dispute
    token = secrets.token_urlsafe(32)
    link = DocumentLink.objects.create(document=document, side=side, email=email, token_hash=token_hash(token),
                                       expires_at=timezone.now() + dt.timedelta(days=link_days()))
    email_queue(to=email, language="id", template="notices/email/document_link", kind="document_link",
                dispute=dispute, context={"party": side_name(dispute, side), "number": dispute.number,
                                          "title": document.title, "document_number": document.number,
                                          "url": link_url(token), "expires": timezone.localtime(link.expires_at),
                                          "office": dispute.office.name})
    event_record(dispute=dispute, by=by, name="document_link_sent", source=dispute.state, target=dispute.state,
                 at=link.created_at, payload={"document_id": document.pk, "side": side, "link_id": link.pk,
                                              "title": document.title})
    return link


def links_after_document_stored(*, document: Document) -> list[DocumentLink]:
    """The links a newly stored notice document needs: one per addressed party without an active account that
    has an e-mail address. Never raises into the document's storing (a failure is logged)."""
    sent = []
    try:
        with transaction.atomic():
            dispute = document.dispute
            for side in addressees(document):
                email = side_email(dispute, side)
                if email and not side_accounts(dispute, side):
                    sent.append(document_link_send(document=document, side=side, email=email))
    except Exception:
        logger.exception("the e-mail link of document %s could not be made", document.pk)
        return []
    return sent


def _on_document_saved(sender: Any, instance: Document, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """post_save of Document: however and wherever a document is generated (web, worker, a background job), a
    party without an account gets its link in the same transaction."""
    if created and not raw:
        links_after_document_stored(document=instance)


def connect() -> None:
    from django.db.models.signals import post_save

    post_save.connect(_on_document_saved, sender=Document, dispatch_uid="documents.links.after_document_stored")


class LinkGone(Exception):
    """The link exists but was revoked or has expired."""


def link_for_token(token: str) -> DocumentLink:
    """The live link of `token`; NotFound for an unknown token, LinkGone for a revoked or expired one."""
    if not token or len(token) > 200:
        raise NotFound()
    link = (DocumentLink.objects.select_related("document__dispute__office", "document__summons")
            .filter(token_hash=token_hash(token)).first())
    if link is None:
        raise NotFound()
    if link.revoked_at is not None or link.expires_at <= timezone.now():
        raise LinkGone()
    return link


def document_link_open(*, token: str) -> DocumentLink:
    """Open the document of a live link: counts the opening; the first is the party's acknowledgement of
    receipt (`deliveries.document_opened`)."""
    link = link_for_token(token)
    now = timezone.now()
    with transaction.atomic():
        DocumentLink.objects.filter(pk=link.pk, first_opened_at__isnull=True).update(first_opened_at=now)
        DocumentLink.objects.filter(pk=link.pk).update(last_opened_at=now, open_count=F("open_count") + 1)
        document_opened(document=link.document, side=link.side, via=ReceiptVia.LINK, link=link, at=now)
    link.refresh_from_db()
    return link


def document_link_revoke(*, link: DocumentLink, by: Any) -> DocumentLink:
    """An officer or the assigned mediator revokes a link (e.g. sent to a wrong address); it opens nothing
    afterwards. Publishes nothing."""
    dispute = link.document.dispute
    if not can_manage_document_links(by, dispute):
        raise Forbidden()
    with transaction.atomic():
        link = DocumentLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is not None:
            raise Conflict(_("This link has already been revoked."))
        link.revoked_at, link.revoked_by = timezone.now(), by
        link.save(update_fields=["revoked_at", "revoked_by"])
        event_record(dispute=dispute, by=by, name="document_link_revoked", source=dispute.state,
                     target=dispute.state, at=link.revoked_at,
                     payload={"document_id": link.document_id, "side": link.side, "link_id": link.pk})
    return link


def document_link_resend(*, document: Document, side: str, email: str, by: Any) -> tuple[DocumentLink, list[int]]:
    """An officer or the assigned mediator sends `document` again to `side` at a new address (the one the party
    was reached at bounced, was mistyped, or the party gave another): the live links of that document and side
    are revoked (they went to the old address), a new one goes to `email`, and for a respondent not on SIKHI the
    address becomes the dispute's, so that the letters still to come go there too. Returns the new link and the
    revoked links' ids."""
    dispute = document.dispute
    if not can_manage_document_links(by, dispute):
        raise Forbidden()
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise Invalid(details={"email": [_("Enter a valid e-mail address.")]}) from None
    if side not in addressees(document):
        raise Invalid(details={"side": [_("This letter is not addressed to that party.")]})
    if side_accounts(dispute, side):
        raise Conflict(_("This party is on SIKHI and reads the letter there; no link is sent."))
    with transaction.atomic():
        now = timezone.now()
        live = list(DocumentLink.objects.select_for_update().filter(
            document=document, side=side, revoked_at__isnull=True, expires_at__gt=now))
        for old in live:
            old.revoked_at, old.revoked_by = now, by
            old.save(update_fields=["revoked_at", "revoked_by"])
            event_record(dispute=dispute, by=by, name="document_link_revoked", source=dispute.state,
                         target=dispute.state, at=now,
                         payload={"document_id": document.pk, "side": side, "link_id": old.pk})
        if side == "respondent" and dispute.respondent_email != email:
            Dispute.objects.filter(pk=dispute.pk).update(respondent_email=email)
            dispute.respondent_email = email
        link = document_link_send(document=document, side=side, email=email, by=by)
    return link, [old.pk for old in live]


def link_get_for(*, user: Any, pk: Any) -> DocumentLink:
    """A link whose dispute `user` manages links of; NotFound otherwise."""
    link = (DocumentLink.objects.select_related("document__dispute").filter(pk=pk).first()
            if str(pk).isdigit() else None)
    if link is None or not perms.can_see_dispute(user, link.document.dispute):
        raise NotFound()
    return link
