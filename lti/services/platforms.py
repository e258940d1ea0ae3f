"""Registering a platform, audited like single sign-on settings."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import Organisation, User

from ..models import Platform

AUDITED_FIELDS = (
    "name",
    "issuer",
    "client_id",
    "deployment_ids",
    "keyset_url",
    "auth_login_url",
    "access_token_url",
    "course",
    "match_claim",
    "employee_id_claim",
    "create_accounts",
    "enabled",
)


def _shown(value: Any) -> Any:
    return value.slug if hasattr(value, "slug") else value


@transaction.atomic
def platform_save(
    *, organisation: Organisation, actor: User, platform: Platform | None = None, **fields: Any
) -> Platform:
    """Create a platform of ``organisation`` or change ``platform`` (which must be one of
    its own); audited with every changed field."""
    from activity.services import audit_record

    if platform is not None:
        platform = Platform.objects.select_for_update().get(
            pk=platform.pk, organisation=organisation
        )
    else:
        platform = Platform(organisation=organisation)
    changes: dict[str, list[Any]] = {
        name: [_shown(getattr(platform, name)) if platform.pk else None, _shown(value)]
        for name, value in fields.items()
        if name in AUDITED_FIELDS and (not platform.pk or getattr(platform, name) != value)
    }
    for name, value in fields.items():
        setattr(platform, name, value)
    platform.save()
    audit_record(
        actor=actor,
        action="lti.platform_saved",
        target=platform,
        reason=f"LTI platform “{platform.name}” saved",
        changes=changes,
        organisation_id=organisation.pk,
    )
    return platform
