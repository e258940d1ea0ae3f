"""Admin screens for HR records, scoped like every HR page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from accounts.admin_scoping import ScopedToViewerAdmin
from accounts.models import Department, Organisation, Team

from .models import CompletionRecord, CoursePolicy, ReminderMessage
from .services.people import people_touch


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "created_at")
    prepopulated_fields = {"slug": ("name",)}


class RenameTouchesMembersAdmin(admin.ModelAdmin):
    """Renaming or removing a team or department changes what its members' learner
    records show, so their ``updated_at`` moves in the same transaction (as through the
    CSV import, the API and SCIM)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and "name" in form.changed_data:
                people_touch(**{self.model._meta.model_name: obj})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            people_touch(**{self.model._meta.model_name: obj})
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                people_touch(**{self.model._meta.model_name: obj})
            super().delete_queryset(request, queryset)


@admin.register(Department)
class DepartmentAdmin(RenameTouchesMembersAdmin):
    list_display = ("name", "organisation")
    list_filter = ("organisation",)


@admin.register(Team)
class TeamAdmin(RenameTouchesMembersAdmin):
    list_display = ("name", "department", "organisation")
    list_filter = ("organisation",)


@admin.register(CoursePolicy)
class CoursePolicyAdmin(admin.ModelAdmin):
    list_display = (
        "organisation", "course", "remind_days_before", "recertify_after_months",
        "recertify_due_days",
    )  # fmt: skip


@admin.register(ReminderMessage)
class ReminderMessageAdmin(ScopedToViewerAdmin, admin.ModelAdmin):
    """The ledger of every reminder: read-only. A row left in "sending" lost its sender
    mid-send; it is deliberately not resent (at most once)."""

    person_field = "recipient"
    list_display = ("kind", "to_email", "status", "created_at", "sent_at", "attempts")
    list_filter = ("kind", "status")
    search_fields = ("to_email", "key")
    list_select_related = ("recipient",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CompletionRecord)
class CompletionRecordAdmin(ScopedToViewerAdmin, admin.ModelAdmin):
    person_field = "enrollment__user"
    list_display = ("enrollment", "completed_at", "expired_at", "certificate_code")
    list_select_related = ("enrollment__user", "enrollment__course")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
