"""HR manage credentials and webhooks for their own organisation under /integrations/;
the key and the signing secret are shown once; the demo command prints a working curl."""

import re
import shlex
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import Organisation, Role
from integrations.models import ApiClient, WebhookSubscription
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(org):
    return UserFactory(username="hana", role=Role.HR, organisation=org)


@pytest.fixture
def browser(hr):
    client = Client()
    client.force_login(hr)
    return client


def test_hr_creates_a_credential_that_is_shown_once_and_works(browser, maya):
    response = browser.post(
        "/integrations/credentials/new/",
        {"name": "Workday", "scopes": ["learners:read"], "lifetime_days": 90, "rate_limit": 100},
    )

    page = response.content.decode()
    token = re.search(r"atn_[0-9a-f]+_[\w-]+", page).group(0)
    assert response.headers["Cache-Control"] == "no-store"
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/learners/NW-1001/").status_code == 200
    assert api.get("/api/v1/progress/").status_code == 403
    try_it = re.search(r"curl [^<]*?(/api/v1/[\w/]*)</code>", page).group(1)
    assert try_it == "/api/v1/learners/" and api.get(try_it).status_code == 200
    overview = browser.get("/integrations/").content.decode()
    assert "Workday" in overview and token not in overview
    assert ApiClient.objects.get().key_prefix in overview


def test_hr_creates_a_scim_credential_on_the_same_page(browser, org):
    form = browser.get("/integrations/credentials/new/").content.decode()
    assert 'value="scim:provision"' in form

    response = browser.post(
        "/integrations/credentials/new/",
        {"name": "Entra ID", "scopes": ["scim:provision"], "lifetime_days": 365,
         "rate_limit": 600},
    )  # fmt: skip

    page = response.content.decode()
    token = re.search(r"atn_[0-9a-f]+_[\w-]+", page).group(0)
    try_it = re.search(r"curl [^<]*?(/scim/v2/\w*)</code>", page).group(1)
    scim = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    listed = scim.get(try_it)
    assert try_it == "/scim/v2/Users" and listed.status_code == 200
    assert listed["Content-Type"] == "application/scim+json"
    assert scim.get("/api/v1/learners/").status_code == 403  # SCIM only


def test_hr_revokes_a_credential(browser, make_token):
    token = make_token()
    client = ApiClient.objects.get()

    browser.post(f"/integrations/credentials/{client.pk}/revoke/")

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/courses/").status_code == 401


def test_hr_subscribes_a_webhook_and_sees_the_secret_once(browser):
    response = browser.post(
        "/integrations/webhooks/new/",
        {"url": "https://hooks.northwind.example/attune", "event_types": ["course.completed"]},
    )

    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in response.content.decode()
    detail = browser.get(f"/integrations/webhooks/{subscription.pk}/").content.decode()
    assert subscription.secret not in detail
    assert subscription.secret not in browser.get("/integrations/").content.decode()


def test_a_disabled_endpoint_shows_its_reason_and_can_be_enabled(browser, org):
    from integrations.webhooks.subscriptions import webhook_subscription_create

    subscription = webhook_subscription_create(
        organisation=org, url="https://x.example/", event_types=["course.completed"]
    ).subscription
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, disabled_at="2025-01-01T00:00Z", disabled_reason="Disabled after 20 …"
    )

    assert "Disabled after 20" in browser.get("/integrations/").content.decode()
    browser.post(f"/integrations/webhooks/{subscription.pk}/enable/")
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.consecutive_failures == 0


def test_other_people_and_other_organisations_find_nothing(org, other_org, make_token):
    from integrations.webhooks.subscriptions import webhook_subscription_create

    theirs = webhook_subscription_create(
        organisation=other_org, url="https://x.example/", event_types=["course.completed"]
    ).subscription
    make_token(organisation=other_org)
    their_client = ApiClient.objects.get()
    employee = Client()
    employee.force_login(UserFactory(username="leo", organisation=org))
    hr = Client()
    hr.force_login(UserFactory(username="hana", role=Role.HR, organisation=org))

    assert employee.get("/integrations/").status_code == 404
    assert hr.get(f"/integrations/webhooks/{theirs.pk}/").status_code == 404
    assert hr.post(f"/integrations/credentials/{their_client.pk}/revoke/").status_code == 404
    their_client.refresh_from_db()
    assert their_client.revoked_at is None


def test_the_demo_command_prints_a_working_curl(course, live_server):
    out = StringIO()
    call_command("seed_demo_integrator", base_url=live_server.url, stdout=out)
    call_command("seed_demo_integrator", base_url=live_server.url, stdout=out)  # rotates

    curl = [line for line in out.getvalue().splitlines() if "curl" in line][-1]
    args = shlex.split(curl.strip())
    token = args[args.index("-H") + 1].removeprefix("Authorization: Bearer ")
    assert Organisation.objects.get(slug="northwind").name == "Northwind Retail"
    assert ApiClient.objects.filter(revoked_at=None).count() == 1
    import httpx

    response = httpx.get(args[-1], headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and "results" in response.json()
    scim = shlex.split(
        [line for line in out.getvalue().splitlines() if "/scim/v2/Users" in line][-1]
    )
    response = httpx.get(scim[-1], headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and "totalResults" in response.json()


def test_every_demo_learner_and_manager_has_an_employee_id_and_the_curl_finds_one(
    course, live_server
):
    from accounts.models import Role, User

    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo_integrator", base_url=live_server.url, stdout=out)

    people = User.objects.filter(
        organisation__slug="northwind", role__in=[Role.EMPLOYEE, Role.MANAGER]
    )
    assert people.count() > 10
    assert not people.filter(employee_id="").exists()
    assert User.objects.get(username="maya").employee_id == "NW-0001"
    curl = [line for line in out.getvalue().splitlines() if "/learners/" in line][-1]
    args = shlex.split(curl.strip())
    token = args[args.index("-H") + 1].removeprefix("Authorization: Bearer ")
    import httpx

    response = httpx.get(args[-1], headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    assert response.json()["first_name"] == "Maya"
