"""Admin: disputes are read here, never moved; a state changes only through the workflow's services."""

from django.contrib import admin

from disputes.models import Deadline, Dispute, DisputeEvent, Evidence


class EventInline(admin.TabularInline):
    model = DisputeEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "name", "source", "target", "payload"]

    def has_add_permission(self, request, obj=None):
        return False


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    can_delete = False
    readonly_fields = ["key", "owed_by", "days", "starts_at", "due_at", "state", "closed_at", "overdue_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["id", "number", "registration_number", "type", "state", "office", "respondent_name", "created_at"]
    list_filter = ["state", "type", "office"]
    search_fields = ["number", "registration_number", "respondent_name", "petitioner__name"]
    readonly_fields = [f.name for f in Dispute._meta.fields]
    inlines = [DeadlineInline, EventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["id", "dispute", "title", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = [f.name for f in Evidence._meta.fields]

    def has_add_permission(self, request):
        return False
