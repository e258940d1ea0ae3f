"""Signing in through the organisation's OpenID Connect provider (a real one, started by
the suite): who comes back as whom, and what is refused."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.fernet import Fernet
from django.test import Client

from accounts.models import Organisation, Role, User
from accounts.sso.models import SsoIdentity
from activity.models import AuditEntry
from tests.factories import UserFactory

from .oidc_provider.fixture import sign_in_at_provider

pytestmark = pytest.mark.django_db


def signed_in_as(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_an_employee_signs_in_by_email_and_lands_on_the_course(configure, alice, sign_in):
    configure()
    client = Client()

    response = sign_in(client, "alice")

    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_as(client) == alice
    assert client.get("/").status_code == 200
    identity = SsoIdentity.objects.get(user=alice)
    assert identity.last_signed_in_at is not None
    assert (
        AuditEntry.objects.filter(action="sso.identity_linked", target_id=str(alice.pk)).count()
        == 1
    )


def test_a_second_sign_in_uses_the_linked_subject_and_links_nothing_new(configure, alice, sign_in):
    configure()
    sign_in(Client(), "alice")
    alice.email = "alice.adams@north.example"  # HR changed her address meanwhile
    alice.save()
    client = Client()

    assert sign_in(client, "alice").status_code == 302

    assert signed_in_as(client) == alice
    assert AuditEntry.objects.filter(action="sso.identity_linked").count() == 1


def test_the_page_asked_for_before_signing_in_is_where_the_person_lands(configure, alice):
    configure()
    client = Client()
    start = client.get("/accounts/sso/north/login/?next=/accounts/privacy/")
    back = sign_in_at_provider(start["Location"], "alice")

    response = client.get(back.removeprefix("http://testserver"))

    assert response["Location"] == "/accounts/privacy/"


def test_an_employee_is_matched_by_the_employee_id_claim(configure, north, sign_in):
    bruno = UserFactory(
        username="b.berg",
        email="bruno.private@example.com",
        employee_id="N-BRUNO",
        organisation=north,
    )
    configure(match_claim="employee_id")
    client = Client()

    assert sign_in(client, "bruno").status_code == 302

    assert signed_in_as(client) == bruno


def test_someone_unknown_is_refused_unless_the_organisation_creates_accounts(
    configure, north, sign_in
):
    configure(create_accounts=False)
    client = Client()

    refused = sign_in(client, "nadia")

    assert refused.status_code == 403
    assert "No account matches you" in refused.content.decode()
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="nadia@north.example").exists()
    entry = AuditEntry.objects.get(action="sso.refused")
    assert (
        entry.changes == {"refusal": [None, "no_account"]} and "nadia@north.example" in entry.reason
    )

    configure(create_accounts=True)
    client = Client()
    assert sign_in(client, "nadia").status_code == 302

    nadia = signed_in_as(client)
    assert nadia is not None
    assert (nadia.email, nadia.organisation, nadia.role) == (
        "nadia@north.example",
        north,
        Role.EMPLOYEE,
    )
    assert (nadia.first_name, nadia.last_name, nadia.employee_id) == ("Nadia", "New", "N-NADIA")
    assert not nadia.has_usable_password()
    assert AuditEntry.objects.filter(action="sso.account_created", target_id=str(nadia.pk)).exists()


def test_an_account_of_another_organisation_is_never_signed_in_or_duplicated(
    configure, south: Organisation, sign_in
):
    sam = UserFactory(username="sam", email="sam@south.example", organisation=south)
    configure(create_accounts=True)  # north's provider, which also knows sam
    client = Client()

    refused = sign_in(client, "sam")

    assert refused.status_code == 403
    assert "another organisation" in refused.content.decode()
    assert signed_in_as(client) is None
    assert list(User.objects.filter(email__iexact="sam@south.example")) == [sam]
    assert AuditEntry.objects.get(action="sso.refused").changes["refusal"] == [
        None,
        "other_organisation",
    ]


def test_a_switched_off_account_is_refused(configure, alice, sign_in):
    configure()
    alice.is_active = False
    alice.save()

    refused = sign_in(Client(), "alice")

    assert refused.status_code == 403 and "switched off" in refused.content.decode()


@pytest.mark.parametrize(
    ("client_id", "refusal", "shown"),
    [
        ("attune-tampered", "signature", "not signed by your provider"),
        ("attune-expired", "expired", "has expired"),
        ("attune-wrong-audience", "audience", "meant for another application"),
        ("attune-other-issuer", "issuer", "came from an unknown provider"),
    ],
)
def test_a_bad_id_token_is_refused_with_a_clear_page_and_an_audit_entry(
    configure, alice, sign_in, client_id, refusal, shown
):
    configure(client_id)
    client = Client()

    response = sign_in(client, "alice")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Sign-in refused" in page and shown in page
    assert signed_in_as(client) is None
    assert not SsoIdentity.objects.exists()
    entry = AuditEntry.objects.get(action="sso.refused")
    assert entry.changes == {"refusal": [None, refusal]}
    assert entry.organisation_id == alice.organisation_id and "127.0.0.1" in entry.reason


def test_a_replayed_callback_is_refused(configure, alice, sign_in):
    configure()
    client = Client()
    start = client.get("/accounts/sso/north/login/")
    back = sign_in_at_provider(start["Location"], "alice").removeprefix("http://testserver")
    assert client.get(back).status_code == 302

    for replayer in (client, Client()):  # the same browser, and someone who copied the URL
        replayed = replayer.get(back)
        assert replayed.status_code == 403
        assert "already completed or has expired" in replayed.content.decode()
    assert (
        AuditEntry.objects.filter(action="sso.refused", changes__refusal=[None, "state"]).count()
        == 2
    )


def test_an_id_token_replayed_into_a_new_sign_in_is_refused_by_its_nonce(configure, alice, sign_in):
    configure("attune-replay")  # this client's provider repeats its first sign-in's nonce
    assert sign_in(Client(), "alice").status_code == 302
    client = Client()

    replayed = sign_in(client, "alice")

    assert replayed.status_code == 403
    assert "belongs to an earlier sign-in" in replayed.content.decode()
    assert signed_in_as(client) is None
    assert AuditEntry.objects.get(action="sso.refused").changes == {"refusal": [None, "nonce"]}


def test_a_discovery_document_naming_another_issuer_is_refused_before_leaving(
    configure, oidc_provider
):
    # The same server under another name: its discovery document names 127.0.0.1.
    configure(issuer=oidc_provider.issuer.replace("127.0.0.1", "localhost"))

    response = Client().get("/accounts/sso/north/login/")

    assert response.status_code == 403
    assert "came from an unknown provider" in response.content.decode()
    assert "discovery names issuer" in AuditEntry.objects.get(action="sso.refused").reason


def test_an_unreachable_provider_is_a_clear_refusal(configure):
    configure(issuer="http://127.0.0.1:9/o")  # the discard port: nothing listens

    response = Client().get("/accounts/sso/north/login/")

    assert response.status_code == 403
    assert "could not be reached" in response.content.decode()


def test_an_organisation_without_an_enabled_provider_has_no_sign_in_page(configure):
    configure(enabled=False)

    assert Client().get("/accounts/sso/north/").status_code == 404
    assert Client().get("/accounts/sso/north/login/").status_code == 404
    assert Client().get("/accounts/sso/nobody/").status_code == 404


def test_the_login_page_leads_to_the_organisation_sign_in(configure):
    configure()
    client = Client()

    found = client.get("/accounts/sso/", {"organisation": "north", "next": "/accounts/privacy/"})
    landing = client.get(found["Location"])

    assert found.status_code == 302
    assert landing.status_code == 200
    assert (
        'href="/accounts/sso/north/login/?next=%2Faccounts%2Fprivacy%2F"'
        in landing.content.decode()
    )
    unknown = client.get("/accounts/sso/", {"organisation": "nowhere"})
    assert (
        unknown.status_code == 200
        and "No organisation signs in with this code" in unknown.content.decode()
    )


def test_a_person_who_cancels_at_the_provider_sees_why(configure):
    configure()
    client = Client()
    start = client.get("/accounts/sso/north/login/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]

    response = client.get(
        "/accounts/sso/north/callback/",
        {"error": "access_denied", "error_description": "The user cancelled", "state": state},
    )

    assert response.status_code == 403
    assert "Your provider refused the sign-in" in response.content.decode()
    assert "The user cancelled" in AuditEntry.objects.get(action="sso.refused").reason


def test_a_secret_sealed_with_a_lost_key_is_a_clear_refusal(configure, settings):
    configure()
    settings.ATTUNE_SECRET_KEYS = [Fernet.generate_key().decode()]  # the old key is gone

    response = Client().get("/accounts/sso/north/login/")

    assert response.status_code == 403
    assert "not set up correctly" in response.content.decode()
