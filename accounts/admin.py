from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from .admin_scoping import ScopedToViewerAdmin
from .models import User
from .services import user_login_unlock
from .text import strip_invisible_controls


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
        from hr.services.people import person_update  # hr builds on this app

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


from .sso import admin as sso_admin  # noqa: E402, F401 (registers the provider admin)
