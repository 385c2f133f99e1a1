"""Shapes of documents as the API lists and verifies them."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from documents.models import Document, DocumentKind


class DocumentOut(serializers.ModelSerializer):
    """A generated document as listed on its dispute; `url` downloads the stored PDF."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "number", "created_at", "sha256", "url"]

    def get_url(self, obj: Document) -> str:
        return reverse("document-download", kwargs={"pk": obj.pk})


class DocumentVerificationOut(serializers.Serializer):
    """What the public verification reveals: what the document is, never its content."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField()
    dispute_number = serializers.CharField(source="dispute.number")
    created_at = serializers.DateTimeField()
