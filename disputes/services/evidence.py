"""Evidence uploads, checked by content."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from disputes import permissions as perms
from disputes.models import (
    Dispute,
    Evidence,
)
from disputes.services.audit import event_record
from sikhi.api import Conflict, Forbidden, TooLarge, UnsupportedType

SIGNATURES = {
    "application/pdf": [b"%PDF-"],
    "image/jpeg": [b"\xff\xd8\xff"],
    "image/png": [b"\x89PNG\r\n\x1a\n"],
}


def sniff_content_type(head: bytes) -> str | None:
    """PDF, JPEG or PNG by the file's first bytes, whatever its name or declared type says."""
    for content_type, magics in SIGNATURES.items():
        if any(head.startswith(m) for m in magics):
            return content_type
    return None


def upload_checked(upload: Any) -> tuple[str, str]:
    """(content type by content, SHA-256) of an upload of at most 10 MB; TooLarge or UnsupportedType otherwise."""
    if upload.size > settings.SIKHI_EVIDENCE_MAX_BYTES:
        raise TooLarge(_("The file is larger than 10 MB."))
    upload.seek(0)
    content_type = sniff_content_type(upload.read(16))
    if content_type is None:
        raise UnsupportedType(_("Only PDF, JPEG and PNG files are accepted."))
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()


def evidence_upload(*, dispute: Dispute, by: User, title: str, upload: Any) -> Evidence:
    """A party attaches a PDF, JPEG or PNG of at most 10 MB; its SHA-256 is recorded."""
    if not perms.can_upload_evidence(by, dispute):
        raise Forbidden()
    if dispute.is_terminal:
        raise Conflict(_("Evidence cannot be added to a closed dispute."), details={"state": dispute.state})
    content_type, sha256 = upload_checked(upload)
    with transaction.atomic():
        evidence = Evidence(dispute=dispute, title=title, original_name=(upload.name or "")[:255],
                            content_type=content_type, size=upload.size, sha256=sha256,
                            uploaded_by=by)
        evidence.file.save("upload", upload, save=False)
        try:
            evidence.save()
            event_record(dispute=dispute, by=by, name="evidence_uploaded", source=dispute.state,
                         target=dispute.state, at=timezone.now(),
                         payload={"evidence_id": evidence.pk, "title": title, "sha256": evidence.sha256})
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


