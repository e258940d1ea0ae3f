"""HR in a real browser: log in, filter the dashboard, download the export."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Department, Organisation, Role, Team
from courses.services.assignments import enrollment_assign
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.fixture
def organisation(course):
    north = Organisation.objects.create(name="Northwind Retail", slug="northwind")
    care = Department.objects.create(organisation=north, name="Customer Care")
    phones = Team.objects.create(organisation=north, department=care, name="Phone Support")
    hr = UserFactory(username="hana", role=Role.HR, organisation=north)
    now = timezone.now()
    for username, first, days in (("rita", "Rita", -5), ("sol", "Sol", 20), ("ivo", "Ivo", 30)):
        learner = UserFactory(
            username=username, first_name=first, organisation=north, department=care, team=phones
        )
        enrollment_assign(
            learner=learner, course=course, due_at=now + timedelta(days=days), assigned_by=hr
        )
    other = Organisation.objects.create(name="Contoso", slug="contoso")
    outsider = UserFactory(username="otto", first_name="Otto", organisation=other)
    enrollment_assign(learner=outsider, course=course, due_at=now, assigned_by=None)
    return north


def test_hr_filters_the_dashboard_and_downloads_the_export(live_server, page, organisation):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("hana")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="HR dashboard").first.click()
    page.get_by_role("heading", name="At a glance").wait_for()
    assert page.locator('[data-count="total"]').inner_text() == "3"  # not Contoso's Otto
    chart = page.get_by_role("img", name="Completion rate by department")
    assert chart.is_visible()

    page.get_by_label("Status").select_option("overdue")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/hr/?*status=overdue*")
    learners = page.get_by_role("region", name="Learners (1)")
    assert learners.get_by_role("link", name="Rita").is_visible()
    assert page.get_by_role("link", name="Sol").count() == 0

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as exported:
        text = exported.read()
    lines = text.strip().splitlines()
    assert lines[0].startswith("Employee id,First name")
    assert len(lines) == 2 and "rita@example.com" in lines[1] and ",yes," in lines[1]
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
