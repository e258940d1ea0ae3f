"""Deactivation (``active: false`` or DELETE) keeps the learner and every record; the
change reaches integrators in the next incremental sync, like any other change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from activity.models import AuditEntry
from courses.models import Certificate, Course, Enrollment
from courses.services.enrollments import certificate_issue, enrollment_start
from exercises.models import Submission
from integrations.models import Scope
from tests.api.conftest import answer

from .conftest import ENTERPRISE, Scim, user_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(make_token: Callable[..., str]) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token([Scope.LEARNERS_READ])}")
    return client


def changed_since(api: APIClient, since: str) -> list[dict[str, object]]:
    response = api.get("/api/v1/learners/", {"updated_since": since, "page_size": 500})
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


@pytest.mark.parametrize("how", ["delete", "patch active false"])
def test_deactivating_keeps_the_learners_records(
    how: str, scim: Scim, course: Course, make_learner: Callable[..., User]
) -> None:
    maya = make_learner(username="maya@north.example", email="maya@north.example")
    maya.set_password("a-long-pass-phrase")
    maya.save()
    enrollment = enrollment_start(user=maya, course=course)
    answer(enrollment, course.exercises.filter(kind="multiple_choice").first())
    certificate_issue(enrollment=enrollment)

    credentials = {"username": "maya@north.example", "password": "a-long-pass-phrase"}
    assert Client().post("/accounts/login/", credentials).status_code == 302  # signs in

    if how == "delete":
        assert scim.delete(f"Users/{maya.pk}").status_code == 204
    else:
        response = scim.patch(
            f"Users/{maya.pk}", {"op": "replace", "path": "active", "value": False}
        )
        assert response.status_code == 200

    maya.refresh_from_db()
    assert maya.is_active is False
    assert Enrollment.objects.filter(user=maya).count() == 1
    assert Submission.objects.filter(enrollment__user=maya).exists()
    assert Certificate.objects.filter(enrollment__user=maya).exists()
    assert scim.get(f"Users/{maya.pk}").json()["active"] is False
    signed_in = Client().post("/accounts/login/", credentials)
    assert signed_in.status_code == 200  # the form again: an inactive account cannot sign in
    assert AuditEntry.objects.filter(action="scim.user_deactivated", target_id=str(maya.pk))

    # Reactivating brings the same person back, records and all.
    scim.patch(f"Users/{maya.pk}", {"op": "replace", "value": {"active": True}})
    maya.refresh_from_db()
    assert maya.is_active and Enrollment.objects.filter(user=maya).count() == 1


def test_a_scim_change_is_in_the_next_incremental_sync(
    scim: Scim, api: APIClient, make_learner: Callable[..., User]
) -> None:
    maya, leo = make_learner(first_name="Maya"), make_learner(first_name="Leo")
    User.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    since = api.get("/api/v1/learners/").json()["sync"]["next_updated_since"]
    assert changed_since(api, since) == []

    scim.patch(
        f"Users/{maya.pk}",
        {"op": "replace", "path": f"{ENTERPRISE}:employeeNumber", "value": "NW-2001"},
        {"op": "replace", "path": "name.familyName", "value": "Okafor-Reyes"},
    )
    created = scim.post("Users", user_body("ada@north.example")).json()
    scim.delete(f"Users/{leo.pk}")

    rows = {r["id"]: r for r in changed_since(api, since)}
    assert set(rows) == {maya.pk, leo.pk, int(created["id"])}
    assert (rows[maya.pk]["employee_id"], rows[maya.pk]["last_name"]) == (
        "NW-2001",
        "Okafor-Reyes",
    )
    assert rows[leo.pk]["is_active"] is False


def test_a_scim_change_moves_the_enrolments_of_the_learner(
    scim: Scim,
    api: APIClient,
    make_token: Callable[..., str],
    course: Course,
    make_learner: Callable[..., User],
) -> None:
    maya = make_learner()
    enrollment_start(user=maya, course=course)
    Enrollment.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    reader = APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token([Scope.ENROLLMENTS_READ])}")
    since = reader.get("/api/v1/enrollments/").json()["sync"]["next_updated_since"]
    scim.patch(
        f"Users/{maya.pk}",
        {"op": "replace", "path": f"{ENTERPRISE}:employeeNumber", "value": "NW-9"},
    )
    changed = reader.get("/api/v1/enrollments/", {"updated_since": since}).json()["results"]
    assert [(e["id"], e["learner"]["employee_id"]) for e in changed] == [
        (Enrollment.objects.get(user=maya).pk, "NW-9")
    ]


def test_renaming_a_team_over_scim_moves_its_members_records(
    scim: Scim, api: APIClient, make_learner: Callable[..., User]
) -> None:
    ana, ben = make_learner(), make_learner()
    group = scim.post(
        "Groups",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "Phones",
            "members": [{"value": str(ana.pk)}],
        },
    )
    User.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    since = api.get("/api/v1/learners/").json()["sync"]["next_updated_since"]
    scim.patch(
        f"Groups/{group.json()['id']}",
        {"op": "replace", "path": "displayName", "value": "Phone support"},
    )
    rows = changed_since(api, since)
    assert [(r["id"], r["team"]) for r in rows] == [(ana.pk, "Phone support")]
    assert ben.pk not in {r["id"] for r in rows}
