"""``seed_demo`` runs on every ``make run``: running it again changes nobody."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db


def people() -> dict[str, tuple[object, str]]:
    return {
        u: (at, pw) for u, at, pw in User.objects.values_list("username", "updated_at", "password")
    }


def test_seeding_again_moves_no_record_and_signs_nobody_out():
    call_command("seed_demo", stdout=StringIO())
    maya = Client()
    maya.force_login(User.objects.get(username="maya"))
    before = people()

    call_command("seed_demo", stdout=StringIO())

    assert people() == before  # integrators syncing on updated_at see no change
    assert maya.get("/").status_code == 200  # the same password hash: still signed in


def test_seeding_with_another_password_changes_it():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", password="another-demo-password", stdout=StringIO())

    maya = User.objects.get(username="maya")
    assert maya.check_password("another-demo-password")
    assert not maya.check_password("attune-demo")
