"""Writes for single sign-on: configuring a provider, turning a verified identity into
an account of the provider's organisation, and recording refusals."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ..models import Organisation, User
from ..provisioning import (
    NotVouched,
    Vouching,
    email_held_elsewhere,
    organisation_learner_create,
    organisation_members_with,
    vouched_account,
)
from .errors import Refusal, SsoError
from .models import IdentityProvider, MatchClaim, SsoIdentity
from .sealing import seal

AUDITED_FIELDS = (
    "issuer",
    "discovery_url",
    "client_id",
    "match_claim",
    "employee_id_claim",
    "create_accounts",
    "passwords_allowed",
    "enabled",
)


@transaction.atomic
def identity_provider_save(
    *, organisation: Organisation, actor: User, client_secret: str, **fields: Any
) -> IdentityProvider:
    """Create or change the organisation's provider; an empty ``client_secret`` keeps the
    stored one. Audited with every changed field (the secret only as "changed")."""
    from activity.services import audit_record

    provider = IdentityProvider.objects.select_for_update().filter(
        organisation=organisation
    ).first() or IdentityProvider(organisation=organisation)
    changes: dict[str, list[Any]] = {
        name: [getattr(provider, name) if provider.pk else None, value]
        for name, value in fields.items()
        if name in AUDITED_FIELDS and (not provider.pk or getattr(provider, name) != value)
    }
    for name, value in fields.items():
        setattr(provider, name, value)
    if client_secret:
        provider.client_secret_sealed = seal(client_secret)
        changes["client_secret"] = ["(kept)" if provider.pk else None, "(changed)"]
    provider.save()
    audit_record(
        actor=actor,
        action="sso.provider_saved",
        target=provider,
        reason="Single sign-on settings saved",
        changes=changes,
        organisation_id=organisation.pk,
    )
    return provider


def _claim(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    return str(value).strip() if isinstance(value, str | int) else ""


def _matching_members(provider: IdentityProvider, claims: dict[str, Any]) -> tuple[str, list[User]]:
    """The claim value that identifies the person, and the organisation's accounts with it."""
    organisation_id = provider.organisation_id
    if provider.match_claim == MatchClaim.EMPLOYEE_ID:
        value = _claim(claims, provider.employee_id_claim)
        if not value:
            raise SsoError(Refusal.CLAIMS, f"no {provider.employee_id_claim!r} claim")
        return value, organisation_members_with(organisation_id=organisation_id, employee_id=value)
    value = _claim(claims, "email").lower()
    if not value:
        raise SsoError(Refusal.CLAIMS, "no 'email' claim")
    if claims.get("email_verified") is False:
        raise SsoError(Refusal.CLAIMS, f"the provider has not verified {value}")
    return value, organisation_members_with(organisation_id=organisation_id, email=value)


def _account_create(provider: IdentityProvider, claims: dict[str, Any], value: str) -> User:
    email = _claim(claims, "email").lower()
    if email_held_elsewhere(email=email, organisation_id=provider.organisation_id):
        raise SsoError(
            Refusal.OTHER_ORGANISATION, f"{email} has an account outside the organisation"
        )
    return organisation_learner_create(
        organisation_id=provider.organisation_id,
        username_base=email or f"{provider.organisation.slug}-{value}",
        email=email,
        first_name=_claim(claims, "given_name"),
        last_name=_claim(claims, "family_name"),
        employee_id=_claim(claims, provider.employee_id_claim),
    )


@transaction.atomic
def sso_user_resolve(*, provider: IdentityProvider, claims: dict[str, Any]) -> User:
    """The account of the provider's organisation that verified ``claims`` belong to.

    Known subjects sign in as their linked account; a new subject is linked by the
    configured claim (email or employee id) to an account of the same organisation, or
    gets a new one when the organisation allows it. Never an account of another
    organisation. Raises ``SsoError`` otherwise."""
    subject = _claim(claims, "sub")
    if not subject:
        raise SsoError(Refusal.CLAIMS, "no 'sub' claim")
    vouching = Vouching(
        organisation_id=provider.organisation_id,
        identities=SsoIdentity.objects.filter(provider=provider, subject=subject),
        identity_link=lambda user: SsoIdentity.objects.create(
            provider=provider, subject=subject, user=user
        ),
        seen_field="last_signed_in_at",
        match=lambda: _matching_members(provider, claims),
        create=(lambda value: _account_create(provider, claims, value))
        if provider.create_accounts
        else None,
        audit_label="single sign-on",
        audit_prefix="sso",
        audit_reason=lambda value: (
            f"First sign-in through {provider.issuer} as {subject} ({value})"
        ),
    )
    try:
        return vouched_account(vouching)
    except NotVouched as refused:
        raise SsoError(Refusal(refused.refusal), refused.detail) from refused


@transaction.atomic
def sso_refusal_record(*, provider: IdentityProvider, error: SsoError, address: str) -> None:
    """Audit a refused sign-in with what failed and where it came from."""
    from activity.services import audit_record

    audit_record(
        actor=None,
        actor_label="single sign-on",
        action="sso.refused",
        target=provider,
        reason=f"{error.refusal.label} ({error.refusal.value}): {error.detail}; from {address}",
        changes={"refusal": [None, error.refusal.value]},
        organisation_id=provider.organisation_id,
    )
