"""Admin: generated documents are read here, never made or changed (they are generated once by the services)."""

from django.contrib import admin

from documents.models import Document


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
