"""Single sign-on in a real browser: from Attune's login page to the organisation's
provider (a real OpenID Connect server run by the suite) and back, signed in; HR's
settings page with its connection test; a refused sign-in. Every page passes axe-core."""

from __future__ import annotations

import pytest

from tests.accounts.oidc_provider.people import PASSWORD

from .accessibility import assert_accessible
from .test_error_pages import styled

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def provider_knows_this_server(live_server, oidc_provider):
    oidc_provider.allow_redirect(f"{live_server.url}/accounts/sso/north/callback/")


def test_an_employee_signs_in_through_the_organisation_provider(
    live_server, page, provider_knows_this_server, configure, alice
):
    configure()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Sign in with your organisation (single sign-on)").click()

    page.get_by_role("heading", name="Sign in with your organisation").wait_for()
    assert_accessible(page)
    page.get_by_label("Your organisation's sign-in code").fill("north")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Sign in with Northwind Retail").wait_for()
    assert styled(page)
    assert_accessible(page)
    page.get_by_role("link", name="Continue with Northwind Retail sign-in").click()

    page.get_by_role("heading", name="Northwind sign-in").wait_for()  # the provider's page
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to Northwind").click()

    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text(alice.display_name).is_visible()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_a_refused_sign_in_says_why_in_the_browser(
    live_server, page, provider_knows_this_server, configure, alice
):
    configure("attune-wrong-audience")
    page.goto(f"{live_server.url}/accounts/sso/north/")
    page.get_by_role("link", name="Continue with Northwind Retail sign-in").click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to Northwind").click()

    page.get_by_role("heading", name="Sign-in refused").wait_for()
    assert page.get_by_text("The sign-in answer was meant for another application").is_visible()
    assert styled(page)
    assert_accessible(page)
    assert page.get_by_role("link", name="Start again").is_visible()


def test_hr_configures_and_tests_the_connection(live_server, page, oidc_provider, north_hr):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(north_hr.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/accounts/sso/settings/")
    redirect_uri = page.get_by_label("Redirect URI (sign-in callback)")
    assert redirect_uri.input_value() == f"{live_server.url}/accounts/sso/north/callback/"
    assert_accessible(page)
    page.get_by_label("Issuer").fill(oidc_provider.issuer)
    page.get_by_label("Client id").fill("attune")
    page.get_by_label("Client secret").fill(oidc_provider.secret_of("attune"))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Single sign-on settings saved").wait_for()

    page.get_by_role("button", name="Test the connection").click()

    page.get_by_text("The connection works").wait_for()
    assert_accessible(page)
