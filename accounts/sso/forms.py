"""Forms of the single sign-on pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import IdentityProvider


class FindOrganisationForm(forms.Form):
    organisation = forms.SlugField(
        label="Your organisation's sign-in code",
        help_text="HR can tell you, e.g. northwind.",
    )


class IdentityProviderForm(forms.ModelForm):
    issuer = forms.URLField(
        max_length=500,
        assume_scheme="https",
        help_text="Exactly as the provider's discovery document names it.",
    )
    discovery_url = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        label="Discovery URL",
        help_text="Leave empty for the issuer's /.well-known/openid-configuration.",
    )
    client_secret = forms.CharField(
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Kept encrypted and never shown again; leave empty to keep the stored one.",
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "issuer",
            "discovery_url",
            "client_id",
            "client_secret",
            "match_claim",
            "employee_id_claim",
            "create_accounts",
            "passwords_allowed",
            "enabled",
        ]
        help_texts = {
            "passwords_allowed": (
                "Untick to make single sign-on the only way in for your organisation's "
                "people; staff accounts outside it keep their passwords."
            ),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.instance.pk and not cleaned.get("client_secret"):
            self.add_error("client_secret", "The client secret is needed the first time.")
        if cleaned.get("issuer"):
            cleaned["issuer"] = cleaned["issuer"].rstrip("/")
        return cleaned


class LoginForm(AuthenticationForm):
    """The password login, pointing people whose organisation signs in with its own
    provider to single sign-on (the message is the same whoever asks: it tells a
    stranger nothing about which accounts exist)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter a correct %(username)s and password. Note that both fields may be "
            "case-sensitive. If your organisation signs in with its own accounts, use "
            "“Sign in with your organisation” below."
        ),
    }
