"""HR's single sign-on page: the values to give the provider, the settings with a secret
that is stored sealed and never shown back, and the connection test against the real
provider."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import Role
from accounts.sso.models import IdentityProvider
from accounts.sso.sealing import unseal
from activity.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_client(north_hr) -> Client:
    client = Client()
    client.force_login(north_hr)
    return client


def form(oidc_provider, **overrides) -> dict[str, str]:
    values = {
        "issuer": oidc_provider.issuer + "/",
        "discovery_url": "",
        "client_id": "attune",
        "client_secret": oidc_provider.secret_of("attune"),
        "match_claim": "email",
        "employee_id_claim": "employee_id",
        "create_accounts": "on",
        "passwords_allowed": "on",
        "enabled": "on",
    }
    return {**values, **overrides}


def test_hr_sees_the_redirect_uri_to_give_the_provider(hr_client):
    page = hr_client.get("/accounts/sso/settings/")

    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="http://testserver/accounts/sso/north/callback/"' in html
    assert 'value="http://testserver/accounts/sso/north/"' in html
    assert "no-store" in page["Cache-Control"]
    # among HR's other pages, as where it is
    assert 'href="/accounts/sso/settings/" aria-current="page">Single sign-on</a>' in html


def test_saving_keeps_the_secret_sealed_and_never_shows_it(hr_client, north, oidc_provider):
    secret = oidc_provider.secret_of("attune")

    saved = hr_client.post("/accounts/sso/settings/", form(oidc_provider))

    assert saved.status_code == 302
    provider = IdentityProvider.objects.get(organisation=north)
    assert provider.issuer == oidc_provider.issuer  # the trailing slash is not the issuer
    assert (
        secret not in provider.client_secret_sealed
        and unseal(provider.client_secret_sealed) == secret
    )
    assert secret not in hr_client.get("/accounts/sso/settings/").content.decode()
    entry = AuditEntry.objects.get(action="sso.provider_saved")
    assert entry.changes["client_secret"] == [None, "(changed)"] and secret not in str(
        entry.changes
    )

    hr_client.post(
        "/accounts/sso/settings/", form(oidc_provider, client_secret="", create_accounts="")
    )

    provider.refresh_from_db()
    assert unseal(provider.client_secret_sealed) == secret and not provider.create_accounts
    latest = AuditEntry.objects.filter(action="sso.provider_saved").first()
    assert latest is not None and latest.changes == {"create_accounts": [True, False]}


def test_the_first_save_needs_a_secret(hr_client, oidc_provider):
    page = hr_client.post("/accounts/sso/settings/", form(oidc_provider, client_secret=""))

    assert page.status_code == 200 and "needed the first time" in page.content.decode()
    assert not IdentityProvider.objects.exists()


def test_the_connection_test_reads_the_real_provider(hr_client, configure):
    configure()

    page = hr_client.post("/accounts/sso/settings/test/").content.decode()

    assert "The connection works" in page
    assert "the issuer matches" in page and "It publishes 1 signing key(s)." in page


def test_the_connection_test_names_what_is_wrong(hr_client, configure, oidc_provider):
    configure(issuer=oidc_provider.issuer.replace("/o", "/wrong"))

    page = hr_client.post("/accounts/sso/settings/test/").content.decode()

    assert "does not work yet" in page and "Failed:" in page


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER])
def test_only_hr_and_staff_of_the_organisation_have_the_page(north, role):
    client = Client()
    client.force_login(UserFactory(role=role, organisation=north))

    assert client.get("/accounts/sso/settings/").status_code == 404
    assert client.post("/accounts/sso/settings/test/").status_code == 404


def test_hr_of_another_organisation_configure_only_their_own(configure, south, oidc_provider):
    configure()
    south_hr = UserFactory(role=Role.HR, organisation=south)
    client = Client()
    client.force_login(south_hr)

    page = client.get("/accounts/sso/settings/").content.decode()
    client.post("/accounts/sso/settings/", form(oidc_provider, client_id="south-app"))

    assert "attune" not in page.split("Provider settings")[1]
    assert IdentityProvider.objects.get(organisation__slug="north").client_id == "attune"
    assert IdentityProvider.objects.get(organisation=south).client_id == "south-app"


def test_the_hr_dashboard_links_to_the_page(hr_client, course):
    dashboard = hr_client.get("/hr/").content.decode()

    assert 'href="/accounts/sso/settings/">Single sign-on</a>' in dashboard


def test_staff_configure_any_organisation_in_the_admin_with_the_secret_sealed(south, oidc_provider):
    staff = UserFactory(role=Role.STAFF, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)

    added = client.post(
        "/admin/accounts/identityprovider/add/",
        {**form(oidc_provider, client_id="south-app"), "organisation": south.pk},
    )

    assert added.status_code == 302
    provider = IdentityProvider.objects.get(organisation=south)
    assert unseal(provider.client_secret_sealed) == oidc_provider.secret_of("attune")
    change_page = client.get(f"/admin/accounts/identityprovider/{provider.pk}/change/")
    assert oidc_provider.secret_of("attune") not in change_page.content.decode()
    assert AuditEntry.objects.get(action="sso.provider_saved").actor == staff
