"""Staff see and edit any organisation's platforms (saved through the audited service),
rotate the tool key, and see what grade passback sent."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .forms import PlatformForm
from .keys import tool_key_rotate
from .models import Platform, ScorePost, ToolKey
from .services.platforms import platform_save


class PlatformAdminForm(PlatformForm):
    class Meta(PlatformForm.Meta):
        fields = ["organisation", *PlatformForm.Meta.fields]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    form = PlatformAdminForm
    list_display = ("name", "organisation", "issuer", "client_id", "enabled")
    list_select_related = ("organisation",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("organisation",) if obj else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation", None) or obj.organisation
        saved = platform_save(
            organisation=organisation,
            actor=request.user,  # type: ignore[arg-type]
            platform=obj if change else None,
            **{name: data[name] for name in PlatformForm.Meta.fields if name in data},
        )
        obj.pk = saved.pk


@admin.register(ToolKey)
class ToolKeyAdmin(admin.ModelAdmin):
    list_display = ("kid", "created_at", "retired_at")
    fields = ("kid", "public_jwk", "created_at", "retired_at")
    readonly_fields = fields
    actions = ["rotate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Rotate: make a new signing key (the current one stays published)")
    def rotate(self, request: HttpRequest, queryset: QuerySet[ToolKey]) -> None:
        key = tool_key_rotate()
        messages.success(request, f"New signing key {key.kid}; the previous one stays published.")


@admin.register(ScorePost)
class ScorePostAdmin(admin.ModelAdmin):
    list_display = ("grade_link", "version", "score_given", "status", "attempts", "sent_at")
    list_filter = ("status",)
    list_select_related = ("grade_link__enrollment__user",)
    readonly_fields = [f.name for f in ScorePost._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
