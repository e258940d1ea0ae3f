"""A person edited in the admin is written by the same service as the CSV import and the
API (hr.services.people.person_update): integrators' incremental syncs see the change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AnswerSharing, Organisation, Role, User
from courses.services.enrollments import enrollment_start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def change_form(user: User, **changes: str) -> dict[str, str]:
    data = {
        "username": user.username, "first_name": user.first_name,
        "last_name": user.last_name, "email": user.email, "is_active": "on",
        "date_joined_0": f"{user.date_joined:%Y-%m-%d}",
        "date_joined_1": f"{user.date_joined:%H:%M:%S}",
        "role": user.role, "communication_style": user.communication_style,
    }  # fmt: skip
    return {**data, **changes}


def test_a_name_changed_in_the_admin_moves_the_person_and_their_enrolments(client, course):
    organisation = Organisation.objects.create(name="Northwind")
    ana = UserFactory(username="ana", organisation=organisation, last_name="Silva")
    enrollment = enrollment_start(user=ana, course=course)
    long_ago = timezone.now() - timedelta(days=3)
    User.objects.filter(pk=ana.pk).update(updated_at=long_ago)
    type(enrollment).objects.filter(pk=enrollment.pk).update(updated_at=long_ago)
    client.force_login(UserFactory(role=Role.STAFF, is_staff=True, is_superuser=True))

    response = client.post(
        f"/admin/accounts/user/{ana.pk}/change/",
        change_form(ana, last_name="Silva-Reyes", answers_shared_with=AnswerSharing.HR),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    ana.refresh_from_db()
    enrollment.refresh_from_db()
    assert ana.last_name == "Silva-Reyes"
    assert ana.updated_at > long_ago and enrollment.updated_at > long_ago
    # Consent is the learner's own: the admin cannot set it for them.
    assert ana.answers_shared_with == AnswerSharing.NOBODY


def test_an_admin_save_that_changes_nothing_integrators_see_leaves_updated_at(client):
    ana = UserFactory(username="ana")
    long_ago = timezone.now() - timedelta(days=3)
    User.objects.filter(pk=ana.pk).update(updated_at=long_ago)
    ana.refresh_from_db()
    client.force_login(UserFactory(role=Role.STAFF, is_staff=True, is_superuser=True))

    response = client.post(
        f"/admin/accounts/user/{ana.pk}/change/", change_form(ana, communication_style="direct")
    )

    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.communication_style == "direct" and ana.updated_at == long_ago
