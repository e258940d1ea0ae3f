"""A completion can expire: the learner is re-assigned and reminded; every completion
stays in the history."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from activity.models import AuditEntry, Event, EventType
from courses.models import Certificate, EnrollmentStatus
from courses.services.assignments import enrollment_complete_manually
from hr.models import CompletionRecord, CoursePolicy
from hr.services.recertification import months_before
from hr.services.schedule import certifications_expire_and_notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(world, course):
    return CoursePolicy.objects.create(
        organisation=world.north, course=course, recertify_after_months=12, recertify_due_days=30
    )


def complete(world, username):
    enrollment = world.enrollments[username]
    enrollment_complete_manually(enrollment=enrollment, actor=world.hr, reason="Passed")
    enrollment.refresh_from_db()
    return enrollment


def test_an_expired_completion_is_reassigned_and_the_learner_told(world, policy, client_for):
    ana = complete(world, "ana")
    completed_at = ana.completed_at
    later = timezone.now() + timedelta(days=370)

    certifications_expire_and_notify(now=later)
    certifications_expire_and_notify(now=later + timedelta(hours=1))  # idempotent

    ana.refresh_from_db()
    assert ana.status == EnrollmentStatus.NOT_STARTED and ana.completed_at is None
    assert ana.progress_percent == 0
    assert ana.due_at == later + timedelta(days=30)
    record = CompletionRecord.objects.get(enrollment=ana)
    assert record.completed_at == completed_at
    assert record.certificate_code == Certificate.objects.get(enrollment=ana).code
    [notice] = mail.outbox
    assert notice.to == [world.ana.email] and "renew" in notice.subject
    assert AuditEntry.objects.filter(action="enrollment.recertification_due").count() == 1
    event = Event.objects.get(type=EventType.ENROLLMENT_CREATED, data__recertification=True)
    assert event.data["enrollment_id"] == ana.pk


def test_history_keeps_every_completion(world, policy, client_for):
    complete(world, "ana")
    certifications_expire_and_notify(now=timezone.now() + timedelta(days=370))
    complete(world, "ana")  # done again

    page = client_for(world.hr).get(f"/hr/learners/{world.ana.pk}/").content.decode()

    assert Certificate.objects.filter(enrollment=world.enrollments["ana"]).count() == 2
    assert page.count("Completed · certificate") == 2
    assert "Certification expired; re-assigned" in page


def test_recent_completions_and_other_organisations_are_left_alone(world, policy):
    complete(world, "ben")
    complete(world, "sam")  # Southwind has no recertification policy

    certifications_expire_and_notify(now=timezone.now() + timedelta(days=200))
    certifications_expire_and_notify(now=timezone.now() + timedelta(days=5000))

    world.enrollments["sam"].refresh_from_db()
    assert world.enrollments["sam"].completed_at is not None
    assert CompletionRecord.objects.filter(enrollment__user=world.sam).count() == 0


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ((2025, 3, 31), 1, (2025, 2, 28)),
        ((2024, 3, 31), 1, (2024, 2, 29)),
        ((2025, 1, 15), 12, (2024, 1, 15)),
        ((2025, 1, 15), 13, (2023, 12, 15)),
    ],
)
def test_months_are_calendar_months(moment, months, expected):
    start = datetime(*moment, 9, 0, tzinfo=timezone.get_current_timezone())

    assert months_before(start, months).date() == datetime(*expected).date()  # noqa: DTZ001
