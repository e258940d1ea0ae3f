"""Attune's own signing keys: generated, rotated, published as a JWKS.

The newest key signs. Rotation keeps the previous key published, so a platform that
cached the keyset a moment ago still verifies what the previous key signed; the key
before that is retired (no longer published, kept for the record). Private keys are
stored sealed with ``ATTUNE_SECRET_KEYS`` (accounts/sso/sealing.py).
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import transaction
from django.utils import timezone
from jwcrypto.jwk import JWK

from accounts.sso.sealing import seal, unseal

from .models import ToolKey

PUBLISHED = 2  # the current key and the one before it
KEY_BITS = 2048  # what LTI platforms expect for RS256


def _new_key() -> tuple[str, dict[str, Any]]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = json.loads(JWK.from_pem(pem.encode()).export_public())
    public.update(alg="RS256", use="sig", kid=public.get("kid") or JWK(**public).thumbprint())
    return pem, public


@transaction.atomic
def tool_key_rotate() -> ToolKey:
    """Make a new current key; keep the previous one published, retire older ones."""
    pem, public = _new_key()
    key = ToolKey.objects.create(kid=public["kid"], private_key_sealed=seal(pem), public_jwk=public)
    keep = list(
        ToolKey.objects.select_for_update()
        .filter(retired_at__isnull=True)
        .values_list("pk", flat=True)[:PUBLISHED]
    )
    ToolKey.objects.filter(retired_at__isnull=True).exclude(pk__in=keep).update(
        retired_at=timezone.now()
    )
    return key


def current_tool_key() -> ToolKey:
    """The key that signs now; the first one is made on first use."""
    key = ToolKey.objects.filter(retired_at__isnull=True).first()
    return key if key is not None else tool_key_rotate()


def private_pem(key: ToolKey) -> str:
    return unseal(key.private_key_sealed)


def public_pem(key: ToolKey) -> str:
    return JWK(**key.public_jwk).export_to_pem().decode()


def published_keyset() -> dict[str, list[dict[str, Any]]]:
    """The public JWKS: the current and the previous key."""
    current_tool_key()
    keys = ToolKey.objects.filter(retired_at__isnull=True)[:PUBLISHED]
    return {"keys": [key.public_jwk for key in keys]}
