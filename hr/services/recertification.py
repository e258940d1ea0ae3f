"""Recertification: a completion expires after the policy's months; the enrolment
starts over with a new due date, the learner is told, and the old completion is kept."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from django.db import transaction

from activity.services import audit_record
from courses.models import Enrollment
from courses.services.enrollments import enrollment_reset_for_recertification
from exercises.services.exercise_progress import exercise_progress_reset

from ..models import CompletionRecord, CoursePolicy, MessageKind
from .messages import message_plan
from .reminders import _course_url, _render


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus whole calendar months (31 March - 1 month = 28/29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def certifications_expire(*, now: datetime) -> int:
    """Re-assign every completion older than its organisation's recertification period."""
    expired = 0
    for policy in CoursePolicy.objects.filter(recertify_after_months__isnull=False):
        assert policy.recertify_after_months is not None
        cutoff = months_before(now, policy.recertify_after_months)
        due = Enrollment.objects.filter(
            course_id=policy.course_id,
            user__organisation_id=policy.organisation_id,
            completed_at__lte=cutoff,
            cancelled_at__isnull=True,
        ).values_list("pk", flat=True)
        for enrollment_id in due:
            expired += int(
                enrollment_recertify(enrollment_id=enrollment_id, policy=policy, now=now)
            )
    return expired


@transaction.atomic
def enrollment_recertify(*, enrollment_id: int, policy: CoursePolicy, now: datetime) -> bool:
    """Archive the completion, reset progress, set a new due date and tell the learner.
    Idempotent: an enrolment already reset (not completed) is left alone."""
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("user", "course")
        .get(pk=enrollment_id)
    )
    if enrollment.completed_at is None:
        return False
    completed_at = enrollment.completed_at
    certificate = enrollment.certificates.order_by("-issued_at").first()
    CompletionRecord.objects.get_or_create(
        enrollment=enrollment,
        completed_at=completed_at,
        defaults={
            "expired_at": now,
            "certificate_code": certificate.code if certificate else "",
            "snapshot": {
                "progress_percent": enrollment.progress_percent,
                "stages": list(enrollment.stage_completions.values_list("stage__slug", flat=True)),
                "exercises_passed": list(
                    enrollment.exercise_progress.filter(passed_at__isnull=False).values_list(
                        "exercise__slug", flat=True
                    )
                ),
            },
        },
    )
    due_at = now + timedelta(days=policy.recertify_due_days)
    audit_record(
        actor=None,
        actor_label="Recertification",
        action="enrollment.recertification_due",
        target=enrollment,
        reason=f"Completion expired after {policy.recertify_after_months} months",
        changes={
            "completed_at": [completed_at.isoformat(), None],
            "due_at": [enrollment.due_at.isoformat() if enrollment.due_at else None,
                       due_at.isoformat()],
        },
        organisation_id=enrollment.user.organisation_id,
    )  # fmt: skip
    # Every attempt and grading stays; only the standing is reset, by the writers of
    # each, so the course is taken again from the first stage.
    enrollment_reset_for_recertification(enrollment=enrollment, due_at=due_at)
    exercise_progress_reset(enrollment_id=enrollment.pk)
    subject, body = _render(
        "recertify", learner=enrollment.user, enrollment=enrollment, url=_course_url(enrollment)
    )
    message_plan(
        key=f"{MessageKind.RECERTIFY}:{enrollment.pk}:{completed_at:%Y%m%dT%H%M%S}",
        kind=MessageKind.RECERTIFY,
        recipient=enrollment.user,
        enrollment=enrollment,
        subject=subject,
        body=body,
    )
    return True
