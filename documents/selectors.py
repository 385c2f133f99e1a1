"""Permission-scoped reads of documents; verification by hash or code reveals only what the document is."""

from __future__ import annotations

import re
from typing import Any

from disputes.models import Dispute
from documents.models import Document, PendingDocument
from documents.permissions import can_see_document
from sikhi.api import NotFound

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
CODE_RE = re.compile(r"^[0-9a-f]{32}$")


def document_list_for(*, user: Any, dispute: Dispute) -> list[Document]:
    """The documents of a dispute (which `user` may see, as the caller checked) that `user` may see."""
    rows = Document.objects.filter(dispute=dispute).select_related("agreement").order_by("created_at", "id")
    documents = []
    for document in rows:
        document.dispute = dispute
        if can_see_document(user, document):
            documents.append(document)
    return documents


def pending_documents_for(*, user: Any, dispute: Dispute) -> list[PendingDocument]:
    """The documents of a dispute still being prepared by the background job, which `user` may see (the rule
    of the document they will be), oldest request first."""
    rows = PendingDocument.objects.filter(dispute=dispute).select_related("agreement").order_by("requested_at", "id")
    pending = []
    for row in rows:
        row.dispute = dispute
        if can_see_document(user, row):
            pending.append(row)
    return pending


def document_get_for(*, user: Any, pk: Any) -> Document:
    """A document `user` may see; otherwise NotFound (404, never 403)."""
    document = (
        Document.objects.select_related("dispute", "agreement").filter(pk=pk).first()
        if str(pk).isdigit() else None
    )
    if document is None or not can_see_document(user, document):
        raise NotFound()
    return document


def document_verify(*, key: str) -> Document:
    """The document whose file has SHA-256 `key`, or whose verification code is `key`; otherwise NotFound."""
    key = key.strip().lower()
    if SHA256_RE.match(key):
        document = Document.objects.select_related("dispute").filter(sha256=key).order_by("id").first()
    elif CODE_RE.match(key):
        document = Document.objects.select_related("dispute").filter(verification_code=key).first()
    else:
        document = None
    if document is None:
        raise NotFound()
    return document
