"""HR's LTI page: the values to give the platform, registering and editing a platform
(audited), and the connection test against the real test platform."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import Role
from activity.models import AuditEntry
from lti.models import Platform, ScorePost
from lti.scores.sending import score_send_attempt
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_client(north_hr) -> Client:
    client = Client()
    client.force_login(north_hr)
    return client


def form(lti_platform, course, **overrides) -> dict[str, str]:
    registration = lti_platform.registration()
    values = {
        "name": "Moodle (staff training)",
        **registration,
        "issuer": registration["issuer"] + "/",
        "deployment_ids": "deployment-1\n  deployment-2 \n\ndeployment-1",
        "course": str(course.pk),
        "match_claim": "email",
        "employee_id_claim": "employee_id",
        "create_accounts": "on",
        "enabled": "on",
    }
    return {**values, **overrides}


def test_hr_sees_the_urls_to_paste_into_the_platform(hr_client):
    page = hr_client.get("/lti/settings/")

    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert 'value="http://testserver/lti/login/"' in html
    assert 'value="http://testserver/lti/launch/"' in html
    assert 'value="http://testserver/lti/jwks/"' in html
    assert "client id" in html
    # among HR's other pages, as where it is
    assert 'href="/lti/settings/" aria-current="page">LMS (LTI 1.3)</a>' in html


def test_registering_a_platform_is_audited_and_leads_to_its_page(
    hr_client, north, lti_platform, course
):
    saved = hr_client.post("/lti/settings/", form(lti_platform, course))

    platform = Platform.objects.get(organisation=north)
    assert saved.status_code == 302 and saved["Location"] == f"/lti/settings/{platform.pk}/"
    assert platform.issuer == lti_platform.issuer  # the trailing slash is not the issuer
    assert platform.deployment_ids == ["deployment-1", "deployment-2"]
    entry = AuditEntry.objects.get(action="lti.platform_saved")
    assert entry.changes["client_id"] == [None, "attune-tool"]

    hr_client.post(f"/lti/settings/{platform.pk}/", form(lti_platform, course, create_accounts=""))

    latest = AuditEntry.objects.filter(action="lti.platform_saved").first()
    assert latest is not None and latest.changes == {"create_accounts": [True, False]}


def test_an_issuer_and_client_id_registered_elsewhere_are_refused(
    hr_client, registered, lti_platform, course, south
):
    registered()
    south_hr = UserFactory(role=Role.HR, organisation=south)
    client = Client()
    client.force_login(south_hr)

    page = client.post("/lti/settings/", form(lti_platform, course))

    assert page.status_code == 200 and "already registered" in page.content.decode()
    assert not Platform.objects.filter(organisation=south).exists()


def test_the_connection_test_reads_the_keyset_and_gets_a_token(hr_client, registered):
    platform = registered()

    page = hr_client.post(f"/lti/settings/{platform.pk}/test/").content.decode()

    assert "The connection works" in page, page
    assert "1 RSA signing key(s)" in page and "gave Attune a token" in page


def test_the_connection_test_names_what_is_wrong(hr_client, registered, lti_platform):
    platform = registered(
        keyset_url=lti_platform.base + "/no-keyset", access_token_url="http://127.0.0.1:9/token"
    )

    page = hr_client.post(f"/lti/settings/{platform.pk}/test/").content.decode()

    assert "does not work yet" in page
    assert "keyset could not be read" in page and "access token URL could not be used" in page


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER])
def test_only_hr_and_staff_of_the_organisation_have_the_pages(north, registered, role):
    platform = registered()
    client = Client()
    client.force_login(UserFactory(role=role, organisation=north))

    assert client.get("/lti/settings/").status_code == 404
    assert client.get(f"/lti/settings/{platform.pk}/").status_code == 404


def test_another_organisations_platform_is_not_found(registered, south):
    platform = registered()
    client = Client()
    client.force_login(UserFactory(role=Role.HR, organisation=south))

    assert client.get(f"/lti/settings/{platform.pk}/").status_code == 404
    assert client.post(f"/lti/settings/{platform.pk}/test/").status_code == 404


def test_the_hr_dashboard_links_to_the_page(hr_client, course):
    assert 'href="/lti/settings/">LMS (LTI 1.3)</a>' in hr_client.get("/hr/").content.decode()


def test_staff_register_any_organisations_platform_in_the_admin(south, lti_platform, course):
    staff = UserFactory(role=Role.STAFF, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)

    added = client.post(
        "/admin/lti/platform/add/", {**form(lti_platform, course), "organisation": south.pk}
    )

    assert added.status_code == 302, added.content[:2000]
    platform = Platform.objects.get(organisation=south)
    assert platform.deployment_ids == ["deployment-1", "deployment-2"]
    assert AuditEntry.objects.get(action="lti.platform_saved").actor == staff
    change = client.post(
        f"/admin/lti/platform/{platform.pk}/change/", {**form(lti_platform, course), "name": "LMS"}
    )
    assert change.status_code == 302
    assert Platform.objects.get(pk=platform.pk).name == "LMS"
    assert AuditEntry.objects.filter(action="lti.platform_saved").count() == 2


def test_hr_see_how_grade_passback_stands(hr_client, registered, alice, launch, lti_platform):
    platform = registered()
    lti_platform.received.score_statuses = [503]
    launch(Client(), person="alice")  # records the first score (no worker: it waits)
    score_send_attempt(post_id=ScorePost.objects.get().pk)  # the platform says 503

    page = hr_client.get(f"/lti/settings/{platform.pk}/").content.decode()
    assert "0 sent, 1 waiting, 0 given up." in page
    assert "HTTP response" in page and "503" in page
