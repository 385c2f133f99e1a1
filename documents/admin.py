"""Admin: generated documents are read here, never made or changed (they are generated once by the services)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from documents.models import Document, PendingDocument
from documents.services import pending_document_retry


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["id", "dispute", "kind", "title", "number", "sha256", "created_at"]
    list_filter = ["kind"]
    search_fields = ["number", "sha256", "verification_code", "dispute__number"]
    readonly_fields = [f.name for f in Document._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PendingDocument)
class PendingDocumentAdmin(admin.ModelAdmin):
    """Documents the background job has not made yet; a given-up one (`failed`) shows why and can be retried."""

    list_display = ["id", "dispute", "kind", "state", "attempts", "requested_at", "next_attempt_at", "error"]
    list_filter = ["state", "kind"]
    search_fields = ["dispute__number", "key"]
    readonly_fields = [f.name for f in PendingDocument._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try to prepare the selected documents again"))
    def retry(self, request, queryset):
        for pending in queryset:
            pending_document_retry(pending=pending)
        self.message_user(request, _("%(count)s document(s) queued again.") % {"count": queryset.count()})
