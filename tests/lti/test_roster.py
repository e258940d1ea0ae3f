"""Names and Role Provisioning: the roster of a course the platform launched Attune from
is pre-created as learners of the platform's organisation, never of another."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from lti.models import LtiIdentity, PlatformContext
from lti.services.roster import roster_sync
from tests.factories import UserFactory

from .platform import INSTRUCTOR, LEARNER, LaunchSpec

pytestmark = pytest.mark.django_db


def member(user_id: str, email: str, roles: list[str], status: str = "Active") -> dict:
    given, _, family = email.split("@")[0].partition(".")
    return {"user_id": user_id, "email": email, "given_name": given.title(),
            "family_name": family.title(), "roles": roles, "status": status}  # fmt: skip


def test_the_roster_becomes_enrolled_learners_of_the_organisation(
    registered, launch, lti_platform, course, north, south, alice, capsys
):
    platform = registered()
    assert launch(Client(), LaunchSpec(person="alice")).status_code == 302  # learns the course
    UserFactory(username="sam", email="sam@south.example", organisation=south)
    lti_platform.members = [
        member("user-alice", "alice@north.example", [LEARNER]),
        member("user-omar", "omar.ost@north.example", [LEARNER]),
        member("user-tess", "tess@north.example", [INSTRUCTOR]),
        member("user-gone", "gone@north.example", [LEARNER], status="Inactive"),
        member("user-sam", "sam@south.example", [LEARNER]),
    ]
    context = PlatformContext.objects.get(platform=platform)

    assert roster_sync(context_id=context.pk) == 2

    omar = User.objects.get(email="omar.ost@north.example")
    assert omar.organisation == north and omar.enrollments.filter(course=course).exists()
    assert LtiIdentity.objects.get(user=omar).subject == "user-omar"
    assert not User.objects.filter(email__in=["tess@north.example", "gone@north.example"]).exists()
    assert User.objects.filter(email="sam@south.example").count() == 1  # never crossed over
    assert not LtiIdentity.objects.filter(subject="user-sam").exists()

    call_command("lti_roster_sync", platform=platform.pk)  # again: nothing new
    assert "2 learner(s) enrolled" in capsys.readouterr().out
    assert User.objects.filter(organisation=north, email__endswith="north.example").count() == 2


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_hr_has_the_roster_read_by_the_worker(
    celery_worker, registered, launch, lti_platform, north_hr, alice, wait_for
):
    platform = registered()
    assert launch(Client(), LaunchSpec(person="alice")).status_code == 302
    lti_platform.members = [member("user-omar", "omar.ost@north.example", [LEARNER])]
    hr = Client()
    hr.force_login(north_hr)

    page = hr.post(f"/lti/settings/{platform.pk}/roster/", follow=True).content.decode()

    assert "Reading the roster of 1 course(s)" in page and "Customer care onboarding" in page
    wait_for(lambda: User.objects.filter(email="omar.ost@north.example").exists())
    wait_for(lambda: PlatformContext.objects.filter(last_synced_at__isnull=False).exists())
