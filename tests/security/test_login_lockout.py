"""Login protection: too many wrong passwords lock an account (and an address) for the
cool-off, the right password included; HR of the person's organisation or staff can
unlock; lockout and unlock are in the audit log. The admin login follows the same rule."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from activity.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests/factories.py
LIMIT = settings.ATTUNE_LOGIN_FAILURE_LIMIT


def login(client: Client, username: str, password: str, url: str = "/accounts/login/", **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def lock_out(client: Client, username: str, **extra) -> None:
    for _ in range(LIMIT):
        login(client, username, "wrong password", **extra)


def test_wrong_passwords_lock_the_account_even_for_the_right_password(world):
    client = Client()
    first = login(client, "ana", "wrong password")
    lock_out(client, "ana")

    locked = login(client, "ana", PASSWORD)

    assert first.status_code == 200  # an ordinary failed login before the limit
    assert locked.status_code == 429
    assert "Sign-in is locked for now" in locked.content.decode()
    assert f"Try again in {settings.ATTUNE_LOGIN_COOLOFF_MINUTES} minutes" in (
        locked.content.decode()
    )
    assert "_auth_user_id" not in client.session
    # another account from another address is untouched
    other = login(Client(REMOTE_ADDR="10.9.9.9"), "ben", PASSWORD)
    assert other.status_code == 302


def test_one_address_guessing_many_accounts_is_locked_by_address(world):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(LIMIT):
        login(client, f"nobody{number}", "guess")

    response = login(client, "ben", PASSWORD)
    elsewhere = login(Client(REMOTE_ADDR="203.0.113.8"), "ben", PASSWORD)

    assert response.status_code == 429
    assert elsewhere.status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_counts(world, settings):
    settings.ATTUNE_TRUSTED_PROXY_COUNT = 1
    attacker = {"HTTP_X_FORWARDED_FOR": "198.51.100.1", "REMOTE_ADDR": "10.0.0.2"}
    for number in range(LIMIT):
        login(Client(), f"nobody{number}", "guess", **attacker)

    blocked = login(Client(), "ben", PASSWORD, **attacker)
    # Someone else behind the same proxy is a different client; a spoofed left-most entry
    # does not change who the proxy says is asking.
    neighbour = login(
        Client(), "ben", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1, 198.51.100.2",
        REMOTE_ADDR="10.0.0.2",
    )  # fmt: skip

    assert blocked.status_code == 429
    assert neighbour.status_code == 302


def test_the_admin_login_follows_the_same_rule(world):
    client = Client()
    lock_out(client, "ada", url="/admin/login/")

    response = login(client, "ada", PASSWORD, url="/admin/login/?next=/admin/")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_audited_once(world):
    client = Client()
    lock_out(client, "ana")
    login(client, "ana", PASSWORD)
    login(client, "ana", "wrong again")

    entries = AuditEntry.objects.filter(action="login.locked_out")
    assert [(e.target_type, e.target_id, e.organisation_id) for e in entries] == [
        ("User", str(world.ana.pk), world.north.pk)
    ]


def test_hr_unlock_from_the_learner_page_lets_the_person_in_and_is_audited(world, client_for):
    lock_out(Client(), "ana")
    hr = client_for(world.hr)
    page = hr.get(f"/hr/learners/{world.ana.pk}/").content.decode()

    response = hr.post(f"/hr/learners/{world.ana.pk}/unlock/")

    assert "Unlock sign-in" in page
    assert response.status_code == 302
    assert "Unlock sign-in" not in hr.get(f"/hr/learners/{world.ana.pk}/").content.decode()
    assert login(Client(), "ana", PASSWORD).status_code == 302
    entry = AuditEntry.objects.get(action="login.unlocked")
    assert (entry.actor, entry.target_id) == (world.hr, str(world.ana.pk))


def test_unlock_is_for_hr_of_the_organisation_and_staff_only(world, client_for):
    lock_out(Client(), "ana")

    url = f"/hr/learners/{world.ana.pk}/unlock/"

    assert client_for(world.manager).post(url).status_code == 404
    assert client_for(world.hr_south).post(url).status_code == 404
    assert login(Client(), "ana", PASSWORD).status_code == 429
    assert not AuditEntry.objects.filter(action="login.unlocked").exists()


def test_staff_unlock_with_the_admin_action(world, client_for):
    lock_out(Client(), "ana")

    response = client_for(world.staff).post(
        "/admin/accounts/user/",
        {"action": "unlock_login", "_selected_action": [world.ana.pk]},
    )

    assert response.status_code == 302
    assert login(Client(), "ana", PASSWORD).status_code == 302
    assert AuditEntry.objects.get(action="login.unlocked").actor == world.staff
