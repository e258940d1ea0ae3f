"""Attune's public keyset: the current key and the one before it, rotated by a command
(or the admin action); what the previous key signed still verifies after a rotation."""

from __future__ import annotations

import jwt
import pytest
from django.core.management import call_command
from django.test import Client

from lti.keys import current_tool_key, private_pem
from lti.models import ToolKey

pytestmark = pytest.mark.django_db


def published_kids() -> list[str]:
    response = Client().get("/lti/jwks/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "max-age" in response["Cache-Control"]
    keys = response.json()["keys"]
    assert all(k["kty"] == "RSA" and k["alg"] == "RS256" and k["use"] == "sig" for k in keys)
    assert all("d" not in k and "p" not in k for k in keys), "a private part is published"
    return [k["kid"] for k in keys]


def test_the_keyset_publishes_the_current_key_made_on_first_use():
    kids = published_kids()

    assert kids == [current_tool_key().kid]


def test_rotation_keeps_the_previous_key_published_and_retires_the_one_before(capsys):
    first = current_tool_key()
    signed_before = jwt.encode({"iss": "attune"}, private_pem(first), "RS256", {"kid": first.kid})

    call_command("lti_rotate_key")
    second = current_tool_key()
    assert published_kids() == [second.kid, first.kid]
    response = Client().get("/lti/jwks/").json()
    old_public = jwt.PyJWK(next(k for k in response["keys"] if k["kid"] == first.kid))
    assert jwt.decode(signed_before, old_public.key, ["RS256"])["iss"] == "attune"

    call_command("lti_rotate_key")
    third = current_tool_key()

    assert published_kids() == [third.kid, second.kid]
    assert ToolKey.objects.get(pk=first.pk).retired_at is not None
    assert f"Signing with {third.kid}" in capsys.readouterr().out


def test_private_keys_are_stored_sealed():
    key = current_tool_key()

    assert "PRIVATE KEY" not in key.private_key_sealed
    assert private_pem(key).startswith("-----BEGIN PRIVATE KEY-----")
