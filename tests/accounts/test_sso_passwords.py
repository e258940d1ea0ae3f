"""An organisation can make its provider the only way in: passwords are then refused,
the right one too, while staff outside any organisation keep theirs."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def log_in(username: str) -> int:
    response = Client().post("/accounts/login/", {"username": username, "password": PASSWORD})
    return response.status_code


def test_passwords_switched_off_refuse_the_right_password_and_point_to_sso(configure, alice):
    configure(passwords_allowed=False)

    response = Client().post("/accounts/login/", {"username": alice.username, "password": PASSWORD})

    assert response.status_code == 200
    assert "Sign in with your organisation" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_passwords_work_while_allowed_or_while_the_provider_is_disabled(configure, alice):
    configure(passwords_allowed=True)
    assert log_in(alice.username) == 302
    configure(passwords_allowed=False, enabled=False)  # never locked out by a dead switch
    assert log_in(alice.username) == 302


def test_staff_outside_the_organisation_keep_their_password(configure):
    configure(passwords_allowed=False)
    UserFactory(username="root", role=Role.STAFF, is_staff=True, is_superuser=True)

    assert log_in("root") == 302
