"""An organisation's OpenID Connect provider, and which of its people each identity is."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MatchClaim(models.TextChoices):
    EMAIL = "email", "Email address"
    EMPLOYEE_ID = "employee_id", "Employee id (a claim the provider sends)"


class IdentityProvider(models.Model):
    """The OpenID Connect provider (Entra ID, Okta, Google, Keycloak…) an organisation's
    people sign in with. The client secret is kept encrypted (accounts/sso/sealing.py)
    and never shown back."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="identity_provider"
    )
    issuer = models.URLField(max_length=500, help_text="The provider's issuer identifier.")
    discovery_url = models.URLField(
        max_length=500,
        blank=True,
        help_text="Leave empty for the issuer's /.well-known/openid-configuration.",
    )
    client_id = models.CharField(max_length=255)
    client_secret_sealed = models.TextField()
    match_claim = models.CharField(
        max_length=16, choices=MatchClaim.choices, default=MatchClaim.EMAIL
    )
    employee_id_claim = models.CharField(max_length=100, default="employee_id")
    create_accounts = models.BooleanField(
        default=False, help_text="Create an account on first sign-in for someone not yet known."
    )
    passwords_allowed = models.BooleanField(
        default=True, help_text="People of the organisation may still log in with a password."
    )
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organisation} via {self.issuer}"

    @property
    def metadata_url(self) -> str:
        return self.discovery_url or (self.issuer.rstrip("/") + "/.well-known/openid-configuration")


class SsoIdentity(models.Model):
    """One person at one provider: the provider's stable subject (``sub``), linked to an
    Attune account the first time it signs in."""

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="sso_subject_unique"),
            models.UniqueConstraint(fields=["provider", "user"], name="sso_one_identity_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.provider.issuer}"
