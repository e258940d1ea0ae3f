"""Refresher invitations go out once per learner, refresher and completion, through the
same ledger as every other reminder."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import Enrollment
from hr import tasks
from hr.models import MessageKind, ReminderMessage
from hr.services.schedule import refresher_invitations_send

pytestmark = pytest.mark.django_db


def finish(enrollment: Enrollment, days_ago: float) -> None:
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status="completed", completed_at=timezone.now() - timedelta(days=days_ago)
    )


def test_a_learner_is_invited_once_when_the_two_week_refresher_opens(world, course_with_checks):
    finish(world.enrollments["ana"], days_ago=15)
    finish(world.enrollments["ben"], days_ago=5)  # not yet
    finish(world.enrollments["cleo"], days_ago=400)  # long past: not invited a year late

    first = tasks.send_refresher_invitations()
    second = tasks.send_refresher_invitations()  # beat ran twice

    assert first["planned"] == 1 and second["planned"] == 0
    (email,) = mail.outbox
    assert email.to == [world.ana.email]
    assert "Two weeks on" in email.subject
    assert "/checks/refresher-two-weeks/" in email.body
    assert ReminderMessage.objects.filter(kind=MessageKind.REFRESHER).count() == 1


def test_the_six_week_refresher_is_its_own_invitation(world, course_with_checks):
    finish(world.enrollments["ana"], days_ago=43)

    refresher_invitations_send()

    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Six weeks on"]


def test_a_learner_who_completes_again_is_invited_again(world, course_with_checks):
    finish(world.enrollments["ana"], days_ago=15)
    refresher_invitations_send()
    finish(world.enrollments["ana"], days_ago=14.5)  # recertified: a new completion

    refresher_invitations_send()

    assert len(mail.outbox) == 2
