"""Secrets Attune must give back to someone else (an OIDC client secret) are kept
sealed with Fernet (AES-128-CBC + HMAC-SHA256), never in clear text.

The keys come from ``ATTUNE_SECRET_KEYS``: the first seals, all of them open, so a key
is rotated by putting the new one first and re-saving. With no keys set, one is derived
from ``SECRET_KEY`` so development needs no variable.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class SealError(Exception):
    """A sealed value that none of the configured keys opens."""


def _box() -> MultiFernet:
    keys = list(settings.ATTUNE_SECRET_KEYS) or [
        base64.urlsafe_b64encode(
            hashlib.sha256(f"attune-sealing:{settings.SECRET_KEY}".encode()).digest()
        ).decode()
    ]
    return MultiFernet([Fernet(key) for key in keys])


def seal(secret: str) -> str:
    return _box().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str:
    try:
        return _box().decrypt(sealed.encode()).decode()
    except InvalidToken as error:
        raise SealError("The stored secret cannot be opened with ATTUNE_SECRET_KEYS.") from error


def hint(secret: str) -> str:
    """Enough of a secret to recognise it, never enough to use it."""
    return f"…{secret[-4:]}" if len(secret) >= 12 else "(set)"
