"""Machine credentials: issue (the secret is shown once), authenticate, revoke."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from integrations.errors import IntegrationError
from integrations.models import ApiClient, Scope

DEFAULT_LIFETIME = timedelta(days=365)
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedCredential:
    client: ApiClient
    token: str  # atn_<key_id>_<secret>: give it to the integrator, it is never stored


def _hash(secret: str) -> str:
    # The secret is 256 random bits, so a fast hash is as safe as a slow one here.
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_client_create(
    *,
    organisation: Organisation,
    name: str,
    scopes: Iterable[str],
    expires_at: datetime | None = None,
    rate_limit: int | None = None,
    created_by: User | None = None,
) -> IssuedCredential:
    """Issue a credential for ``organisation``; the returned token is the only copy."""
    scopes = sorted(set(scopes))
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise IntegrationError(f"Unknown scopes: {', '.join(sorted(unknown))}.")
    if not name.strip():
        raise IntegrationError("A credential needs a name.")
    expires_at = expires_at or timezone.now() + DEFAULT_LIFETIME
    if expires_at <= timezone.now():
        raise IntegrationError("The expiry must be in the future.")
    key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        organisation=organisation,
        name=name.strip(),
        key_id=key_id,
        secret_hash=_hash(secret),
        scopes=scopes,
        expires_at=expires_at,
        created_by=created_by,
        **({"rate_limit": rate_limit} if rate_limit else {}),
    )
    return IssuedCredential(client=client, token=f"atn_{key_id}_{secret}")


def api_client_revoke(*, client: ApiClient) -> ApiClient:
    """Revoke at once; requests with the credential get 401 from now on."""
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
    return client


def api_client_authenticate(*, token: str) -> ApiClient | None:
    """The live client a bearer token belongs to, or None (unknown, wrong secret,
    revoked or expired: the caller gets the same 401 for each)."""
    prefix, _, rest = token.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != "atn" or not key_id or not secret:
        return None
    client = (
        ApiClient.objects.select_related("organisation")
        .filter(key_id=key_id, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if client is None or not hmac.compare_digest(client.secret_hash, _hash(secret)):
        return None
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
    return client
