"""What the SCIM writers share: how the audit log names a credential, how text from an
identity provider is cleaned, and the provider's own ids."""

from __future__ import annotations

from accounts.models import Organisation, Team, User
from accounts.text import strip_invisible_controls
from integrations.models import ApiClient, ScimExternalId


def actor_label(client: ApiClient) -> str:
    """How the audit log names changes made through ``client``."""
    return f"SCIM client {client.name} ({client.key_id})"


def clean_text(value: str | None, limit: int) -> str:
    """Names lose bidi controls and zero-width spaces, as everywhere (accounts/text.py)."""
    return strip_invisible_controls(value or "").strip()[:limit]


def external_id_set(
    *,
    organisation: Organisation,
    value: str | None,
    person: User | None = None,
    team: Team | None = None,
) -> None:
    """Keep the provider's ``externalId`` of a person or a team; an empty one is dropped."""
    target = {"person": person} if person is not None else {"team": team}
    if value:
        ScimExternalId.objects.update_or_create(
            **target, defaults={"organisation": organisation, "value": value[:255]}
        )
    else:
        ScimExternalId.objects.filter(**target).delete()
