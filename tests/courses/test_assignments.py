"""Assignment changes are audited with who, what and why, and emit events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from activity.models import AuditEntry, Event
from courses.models import Certificate
from courses.services.assignments import (
    AssignmentError,
    enrollment_assign,
    enrollment_cancel,
    enrollment_change_due_date,
    enrollment_complete_manually,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr(db):
    return UserFactory(username="hana", role="hr")


def test_assigning_twice_keeps_one_enrollment_and_audits_the_new_due_date(course, learner, hr):
    first = timezone.now() + timedelta(days=14)
    later = first + timedelta(days=7)

    enrollment = enrollment_assign(learner=learner, course=course, due_at=first, assigned_by=hr)
    again = enrollment_assign(learner=learner, course=course, due_at=later, assigned_by=hr)

    assert again.pk == enrollment.pk
    assert again.due_at == later
    entry = AuditEntry.objects.get(action="enrollment.due_date_changed")
    assert entry.actor == hr
    assert entry.changes["due_at"] == [first.isoformat(), later.isoformat()]
    assert Event.objects.filter(type="enrollment.created").count() == 1


def test_a_change_without_a_reason_is_refused(enrollment, hr):
    with pytest.raises(ValueError, match="needs a reason"):
        enrollment_change_due_date(
            enrollment=enrollment, due_at=timezone.now(), actor=hr, reason="  "
        )

    enrollment.refresh_from_db()
    assert enrollment.due_at is None


def test_cancel_keeps_the_row_as_a_tombstone(enrollment, hr):
    enrollment_cancel(enrollment=enrollment, actor=hr, reason="Left the company")

    enrollment.refresh_from_db()
    assert enrollment.cancelled_at is not None
    assert Event.objects.filter(type="enrollment.cancelled").exists()
    assert AuditEntry.objects.get(action="enrollment.cancelled").reason == "Left the company"


def test_manual_completion_issues_a_certificate_once(enrollment, hr):
    enrollment_complete_manually(enrollment=enrollment, actor=hr, reason="Completed on paper")

    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    with pytest.raises(AssignmentError):
        enrollment_complete_manually(enrollment=enrollment, actor=hr, reason="again")
