"""Admin screens for people and HR records, scoped like every HR page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from accounts.admin_scoping import ScopedToViewerAdmin
from accounts.models import Department, Organisation, Team, User
from accounts.services import user_login_unlock
from accounts.text import strip_invisible_controls

from .models import CompletionRecord, CoursePolicy, ReminderMessage
from .services.people import people_touch, person_update


class AttuneUserChangeForm(UserChangeForm):
    """Names lose bidi controls and zero-width spaces (accounts/text.py says why)."""

    def clean_first_name(self) -> str:
        return strip_invisible_controls(self.cleaned_data["first_name"]).strip()

    def clean_last_name(self) -> str:
        return strip_invisible_controls(self.cleaned_data["last_name"]).strip()


@admin.register(User)
class AttuneUserAdmin(ScopedToViewerAdmin, UserAdmin):
    person_field = "pk"
    form = AttuneUserChangeForm
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    actions = ["unlock_login"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Attune", {"fields": ("role", "communication_style", "answers_shared_with")}),
    )
    # Who may read the answers is the learner's own choice (their privacy page, audited).
    readonly_fields = ("answers_shared_with",)

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Through the one writer of people's records, as the CSV import, the API and SCIM
        # do: what integrators see moves ``updated_at`` (and the enrolments shown with it),
        # and an employee-id change is an event.
        fields = {f.name for f in User._meta.concrete_fields}
        values: dict[str, Any] = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in fields and name != "password"
        }
        person_update(person=User.objects.get(pk=obj.pk), **values)

    @admin.action(
        description="Unlock sign-in (after too many wrong passwords)", permissions=["change"]
    )
    def unlock_login(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        # The queryset is already scoped to the viewer (ScopedToViewerAdmin).
        for user in queryset:
            user_login_unlock(user=user, actor=request.user, reason="Unlocked in the admin")  # type: ignore[arg-type]
        messages.success(request, f"Sign-in unlocked for {queryset.count()} people.")


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
