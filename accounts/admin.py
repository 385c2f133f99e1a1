"""Admin: users, companies (verified only by the `verify` action), offices (renaming), holiday overrides."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Company, HolidayOverride, Office, Union, User
from accounts.services import company_verify
from sikhi.api import ApiError


class SikhiUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "role", "name", "email", "office", "company")


class SikhiUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = SikhiUserChangeForm
    add_form = SikhiUserCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("SIKHI"), {"fields": ("role", "name", "email", "phone", "nik", "address", "office", "company",
                                    "nip", "grade")}),
        (_("Permissions"), {
            "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
        }),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {
            "classes": ("wide",),
            "fields": ("username", "role", "name", "email", "office", "company",
                       "usable_password", "password1", "password2"),
        }),
    )
    list_display = ("username", "name", "role", "office", "company", "is_active")
    list_filter = ("role", "office", "is_active", "is_superuser")
    search_fields = ("username", "name", "email", "nik")
    list_select_related = ("office", "company")
    autocomplete_fields = ("company",)
    ordering = ("username",)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "nib", "regency", "verified_flag", "verified_at")
    list_filter = (("verified_at", admin.EmptyFieldListFilter), "regency")
    search_fields = ("name", "nib", "email")
    list_select_related = ("regency",)
    readonly_fields = ("created_at", "verified_at", "verified_by")
    actions = ["verify"]

    @admin.display(boolean=True, description=_("verified"))
    def verified_flag(self, obj: Company) -> bool:
        return obj.verified

    @admin.action(description=_("Verify the selected companies"))
    def verify(self, request, queryset) -> None:
        done = 0
        for company in queryset:
            try:
                company_verify(company=company, by=request.user)
            except (ApiError, PermissionDenied) as exc:
                self.message_user(request, f"{company}: {exc}", messages.ERROR)
            else:
                done += 1
        if done:
            message = ngettext("%(count)d company verified.", "%(count)d companies verified.", done)
            self.message_user(request, message % {"count": done}, messages.SUCCESS)


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region_name", "kind")
    list_editable = ("name",)
    fields = ("code", "region_name", "kind", "name", "address", "phone", "email", "website")
    search_fields = ("code", "name", "region_name")
    readonly_fields = ("code", "region_name", "kind")

    # Offices are the seeded Kemendagri regions: an admin renames them, never adds or removes one.
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "is_holiday", "name")
    list_filter = ("is_holiday",)
    search_fields = ("name",)
    date_hierarchy = "date"


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin):
    list_display = ["name", "registration_number", "regency", "company"]
    search_fields = ["name", "registration_number"]
