"""Rotate Attune's LTI signing key: a new key signs, the previous one stays published."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lti.keys import published_keyset, tool_key_rotate


class Command(BaseCommand):
    help = "Make a new LTI signing key; keep the previous one in the JWKS, retire older ones."

    def handle(self, *args: Any, **options: Any) -> None:
        key = tool_key_rotate()
        kids = [k["kid"] for k in published_keyset()["keys"]]
        self.stdout.write(f"Signing with {key.kid}; published: {', '.join(kids)}")
