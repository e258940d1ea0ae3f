"""Staff configure any organisation's provider in the admin (HR use their own page); the
client secret is write-only here too, and saving goes through the audited service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .forms import IdentityProviderForm
from .models import IdentityProvider
from .services import identity_provider_save


class IdentityProviderAdminForm(IdentityProviderForm):
    class Meta(IdentityProviderForm.Meta):
        fields = ["organisation", *IdentityProviderForm.Meta.fields]


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderAdminForm
    list_display = ("organisation", "issuer", "client_id", "enabled", "passwords_allowed")
    list_select_related = ("organisation",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("organisation",) if obj else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        fields = {name: data[name] for name in IdentityProviderForm.Meta.fields if name in data}
        del fields["client_secret"]
        saved = identity_provider_save(
            organisation=data.get("organisation") or obj.organisation,
            actor=request.user,  # type: ignore[arg-type]
            client_secret=data["client_secret"],
            **fields,
        )
        obj.pk = saved.pk
