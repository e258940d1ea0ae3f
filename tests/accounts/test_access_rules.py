"""The role rules, all in accounts.access: one table of who may do what, so a change to a
rule is a change to one row here and one function there."""

import pytest
from django.urls import reverse

from accounts import access
from accounts.models import Organisation, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RULES = {
    #              dashboard, assignments, organisation, review
    Role.EMPLOYEE: (False, False, False, False),
    Role.MANAGER: (True, False, False, False),
    Role.HR: (True, True, True, False),
    Role.STAFF: (True, True, True, True),
}


@pytest.mark.parametrize("role", list(RULES))
def test_each_role_may_do_what_its_row_says(role):
    user = UserFactory(role=role, organisation=Organisation.objects.create(name="Northwind"))

    assert (
        access.may_view_dashboard(user),
        access.may_manage_assignments(user),
        access.may_manage_organisation(user),
        access.may_review_gradings(user),
    ) == RULES[role]


def test_hr_without_an_organisation_manage_no_organisation():
    assert not access.may_manage_organisation(UserFactory(role=Role.HR, organisation=None))


@pytest.mark.parametrize(
    ("role", "nav_links"),
    [
        (Role.EMPLOYEE, set()),
        (Role.MANAGER, {"hr:dashboard"}),
        (Role.HR, {"hr:dashboard"}),
        (Role.STAFF, {"hr:dashboard", "exercises:review_queue"}),
    ],
)
def test_the_header_links_exactly_the_pages_the_rules_open(client, role, nav_links):
    user = UserFactory(role=role, organisation=Organisation.objects.create(name="Northwind"))
    client.force_login(user)
    page = client.get(reverse("accounts:privacy")).content.decode()

    for name in ("hr:dashboard", "exercises:review_queue"):
        linked = f'href="{reverse(name)}"' in page
        assert linked == (name in nav_links), name
        opens = client.get(reverse(name)).status_code == 200
        assert opens == (name in nav_links), name
