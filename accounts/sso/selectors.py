"""Reads for single sign-on."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from ..models import User
from .models import IdentityProvider


def provider_for_sign_in(organisation_slug: str) -> IdentityProvider:
    """The enabled provider of an organisation, or 404 (unknown and disabled look alike)."""
    return get_object_or_404(
        IdentityProvider.objects.select_related("organisation"),
        organisation__slug=organisation_slug,
        enabled=True,
    )


def signs_in_with_a_provider(organisation_slug: str) -> bool:
    return IdentityProvider.objects.filter(
        organisation__slug=organisation_slug, enabled=True
    ).exists()


def provider_of(organisation_id: int) -> IdentityProvider | None:
    return IdentityProvider.objects.filter(organisation_id=organisation_id).first()


def passwords_allowed(user: User) -> bool:
    """False when the person's organisation signs in only through its enabled provider."""
    if user.organisation_id is None:
        return True
    return not IdentityProvider.objects.filter(
        organisation_id=user.organisation_id, enabled=True, passwords_allowed=False
    ).exists()
