"""Shapes of documents as the API lists and verifies them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from rest_framework import serializers

from documents.models import Document, DocumentKind, PendingDocument, PendingState


class DocumentOut(serializers.ModelSerializer):
    """A generated document as listed on its dispute; `url` downloads the stored PDF."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "number", "created_at", "sha256", "url"]

    def get_url(self, obj: Document) -> str:
        return reverse("document-download", kwargs={"pk": obj.pk})


class PendingDocumentOut(serializers.ModelSerializer):
    """A document the dispute's history calls for that the background job has not made yet (it renders and
    signs documents after the event): once made it leaves `pending` and appears in `results`."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(help_text="What is being prepared: the kind's name in the request's language.")
    state = serializers.ChoiceField(
        choices=PendingState.choices,
        help_text="`queued`: waiting for the worker (after a failed attempt: for its retry at `next_attempt_at`); "
                  "`running`: being rendered and signed now; `failed`: given up after the last attempt, the "
                  "office's staff have it made.")
    attempts = serializers.IntegerField(help_text="Attempts made so far (a failed one is retried with backoff).")
    requested_at = serializers.DateTimeField(help_text="When the event that calls for the document happened.")
    next_attempt_at = serializers.SerializerMethodField(
        help_text="When a failed attempt is retried (`queued` after a failure); null otherwise.")
    error = serializers.SerializerMethodField(
        help_text="Why the last attempt failed; shown to the office's staff only, null for everyone else.")

    class Meta:
        model = PendingDocument
        fields = ["kind", "title", "state", "attempts", "requested_at", "next_attempt_at", "error"]

    def get_next_attempt_at(self, obj: PendingDocument) -> dt.datetime | None:
        return obj.next_attempt_at if obj.state == PendingState.QUEUED and obj.attempts else None

    def get_error(self, obj: PendingDocument) -> str | None:
        return (obj.error or None) if self.context.get("show_errors") else None


class DocumentVerificationOut(serializers.Serializer):
    """What the public verification reveals: what the document is, never its content."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField()
    dispute_number = serializers.CharField(source="dispute.number")
    created_at = serializers.DateTimeField()
