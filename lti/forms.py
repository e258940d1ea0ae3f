"""The platform registration form of HR's LTI page (and the admin)."""

from __future__ import annotations

from typing import Any

from django import forms

from courses.models import Course

from .models import Platform
from .services.platforms import AUDITED_FIELDS


class DeploymentIdsField(forms.CharField):
    """Deployment ids, one a line (Moodle shows one; Canvas one per installation)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


class PlatformForm(forms.ModelForm):
    issuer = forms.URLField(max_length=500, assume_scheme="https", help_text=(
        "Moodle: the site's address (Platform ID); Canvas: https://canvas.instructure.com."
    ))  # fmt: skip
    deployment_ids = DeploymentIdsField(
        label="Deployment ids",
        help_text="One a line. A launch from a deployment not listed here is refused.",
    )
    keyset_url = forms.URLField(max_length=500, assume_scheme="https", label="Platform keyset URL")
    auth_login_url = forms.URLField(
        max_length=500, assume_scheme="https", label="Authentication request URL"
    )
    access_token_url = forms.URLField(
        max_length=500, assume_scheme="https", label="Access token URL"
    )
    course = forms.ModelChoiceField(queryset=Course.objects.all(), empty_label=None)

    class Meta:
        model = Platform
        fields = list(AUDITED_FIELDS)  # every field HR edits is in the audit entry

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("issuer"):
            cleaned["issuer"] = cleaned["issuer"].rstrip("/")
        if not cleaned.get("deployment_ids") and "deployment_ids" not in self.errors:
            self.add_error("deployment_ids", "At least one deployment id is needed.")
        return cleaned

    def validate_unique(self) -> None:
        # (issuer, client id) is unique across organisations: say so without naming who.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("client_id", "This issuer and client id are already registered.")
