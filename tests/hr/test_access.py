"""The access matrix: every HR page and export, for every role.

Anonymous visitors are sent to log in; people outside a page's audience, and objects
outside the viewer's scope, are a 404 (the page or person simply does not exist).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "employee", "manager", "hr", "hr_other_org", "staff"]

# (method, url template, expected status per role, in ROLES order)
MATRIX = [
    ("get", "/hr/", [302, 404, 200, 200, 200, 200]),
    ("get", "/hr/export.csv", [302, 404, 200, 200, 200, 200]),
    ("get", "/hr/export.xlsx", [302, 404, 200, 200, 200, 200]),
    ("get", "/hr/learners/{ana}/", [302, 404, 200, 200, 404, 200]),  # manager's report
    ("get", "/hr/learners/{cleo}/", [302, 404, 404, 200, 404, 200]),  # not the manager's
    ("get", "/hr/learners/{sam}/", [302, 404, 404, 404, 200, 200]),  # the other organisation
    ("get", "/hr/assign/", [302, 404, 404, 200, 200, 200]),
    ("get", "/hr/import/", [302, 404, 404, 200, 200, 200]),
    ("get", "/hr/policy/", [302, 404, 404, 200, 200, 200]),
    ("post", "/hr/enrollments/{ana_enrollment}/due-date/", [302, 404, 404, 302, 404, 302]),
    ("post", "/hr/enrollments/{sam_enrollment}/due-date/", [302, 404, 404, 404, 302, 302]),
    ("post", "/hr/enrollments/{ana_enrollment}/complete/", [302, 404, 404, 302, 404, 302]),
    ("post", "/hr/enrollments/{sam_enrollment}/complete/", [302, 404, 404, 404, 302, 302]),
]


def _user(world, role):
    return {
        "anonymous": None,
        "employee": world.ana,
        "manager": world.manager,
        "hr": world.hr,
        "hr_other_org": world.hr_south,
        "staff": world.staff,
    }[role]


@pytest.mark.parametrize(("method", "url", "expected"), MATRIX, ids=[m[1] for m in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(world, client_for, role, method, url, expected):
    url = url.format(
        ana=world.ana.pk,
        cleo=world.cleo.pk,
        sam=world.sam.pk,
        ana_enrollment=world.enrollments["ana"].pk,
        sam_enrollment=world.enrollments["sam"].pk,
    )
    client = client_for(_user(world, role))
    data = {"reason": "Agreed with the learner", "due_date": "2099-01-31"}
    response = client.post(url, data) if method == "post" else client.get(url)

    assert response.status_code == expected[ROLES.index(role)]
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        ("manager", {"ana", "ben"}, {"cleo", "sam"}),
        ("hr", {"ana", "ben", "cleo"}, {"sam"}),
        ("hr_other_org", {"sam"}, {"ana", "ben", "cleo"}),
        ("staff", {"ana", "ben", "cleo", "sam"}, set()),
    ],
)
@pytest.mark.parametrize("url", ["/hr/", "/hr/export.csv", "/hr/?status=not_started"])
def test_pages_and_exports_show_only_people_in_scope(world, client_for, role, visible, hidden, url):
    body = client_for(_user(world, role)).get(url).content.decode()

    for name in visible:
        assert f"{name}@example.com" in body or getattr(world, name).display_name in body
    for name in hidden:
        assert f"{name}@example.com" not in body
        assert getattr(world, name).display_name not in body


def test_a_filter_id_from_another_organisation_shows_nothing_of_it(world, client_for):
    """Asking for the other organisation's team by id is ignored, never a way in."""
    south_team = world.sam.team_id
    body = client_for(world.hr).get(f"/hr/export.csv?team={south_team}").content.decode()

    assert "sam@example.com" not in body


def test_admin_lists_are_scoped_for_hr(world, client_for):
    from accounts.services import hr_group

    world.hr.is_staff = True
    world.hr.save()
    world.hr.groups.add(hr_group())
    client = client_for(world.hr)

    enrollments = client.get("/admin/courses/enrollment/").content.decode()
    users = client.get("/admin/accounts/user/").content.decode()

    assert world.ana.display_name in enrollments
    assert world.sam.display_name not in enrollments
    assert "ana@example.com" in users and "sam@example.com" not in users
    assert client.get(f"/admin/accounts/user/{world.sam.pk}/change/").status_code in (302, 404)
