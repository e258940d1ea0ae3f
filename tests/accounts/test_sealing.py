"""Stored secrets are sealed with ATTUNE_SECRET_KEYS: a new key first still opens what the
old one sealed; a secret whose key is gone cannot be opened, and says so."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from accounts.sso.sealing import SealError, hint, seal, unseal

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_a_sealed_secret_is_not_the_secret_and_opens_again(settings):
    settings.ATTUNE_SECRET_KEYS = [OLD]

    sealed = seal("client-secret-value")

    assert "client-secret-value" not in sealed
    assert unseal(sealed) == "client-secret-value"


def test_rotation_opens_old_seals_and_seals_with_the_new_key(settings):
    settings.ATTUNE_SECRET_KEYS = [OLD]
    sealed_before = seal("s1")
    settings.ATTUNE_SECRET_KEYS = [NEW, OLD]

    assert unseal(sealed_before) == "s1"
    sealed_after = seal("s2")
    settings.ATTUNE_SECRET_KEYS = [NEW]
    assert unseal(sealed_after) == "s2"
    with pytest.raises(SealError):
        unseal(sealed_before)


def test_without_keys_the_seal_follows_the_django_secret_key(settings):
    settings.ATTUNE_SECRET_KEYS = []
    sealed = seal("s3")
    settings.SECRET_KEY = "another-secret-key"

    with pytest.raises(SealError):
        unseal(sealed)


def test_a_hint_never_gives_the_secret_away():
    assert hint("abcdefghijklmnop") == "…mnop"
    assert hint("short") == "(set)"
