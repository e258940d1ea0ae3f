"""The dashboard and exports run the same number of queries for 10 learners or 1,000."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Organisation, Role, User
from courses.models import Enrollment
from hr.demo.bulk import bulk_organisation_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/hr/",
    "/hr/?status=overdue",
    "/hr/?page=2",
    "/hr/export.csv",
    "/hr/export.xlsx",
]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", [Role.HR, Role.MANAGER, Role.STAFF])
def test_query_count_does_not_grow_with_learners(course, client_for, url, role):
    small = bulk_organisation_create(slug="small", name="Small", learners=10, course=course)
    large = bulk_organisation_create(slug="large", name="Large", learners=1000, course=course)
    for organisation in (small, large):  # every view has an overdue learner to show
        first = Enrollment.objects.filter(user__manager__username=f"{organisation.slug}-manager-0")
        Enrollment.objects.filter(pk=first.first().pk).update(
            status="in_progress", completed_at=None, due_at=timezone.now() - timedelta(days=3)
        )

    def viewer(organisation: Organisation) -> User:
        if role == Role.MANAGER:
            return User.objects.get(username=f"{organisation.slug}-manager-0")
        return UserFactory(role=role, organisation=organisation, is_superuser=role == Role.STAFF)

    small_client, large_client = client_for(viewer(small)), client_for(viewer(large))
    small_client.get(url)  # warm caches (content types, sessions)
    large_client.get(url)

    assert queries(small_client, url) == queries(large_client, url)
