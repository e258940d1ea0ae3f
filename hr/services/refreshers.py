"""Refresher invitations: one email per learner, refresher and completion, through the
send-at-most-once ledger.

A refresher opens ``after_days`` after the course was completed. The key carries the
completion time, so a learner who completes again (recertification) is invited again,
while the same completion is never invited twice. Completions older than the window are
not invited: a refresher a year late is noise, not a reminder.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from courses.models import Diagnostic, DiagnosticKind, Enrollment, EnrollmentStatus
from exercises.models import Submission

from ..models import MessageKind
from .messages import message_plan, planned_keys
from .reminders import _render, _stamp

# Invite for this long after a refresher opens; later completions are left alone.
INVITE_WINDOW = timedelta(days=14)


def _check_url(diagnostic: Diagnostic) -> str:
    path = reverse("learning:check", args=[diagnostic.course.slug, diagnostic.slug])
    return f"{settings.ATTUNE['SITE_URL'].rstrip('/')}{path}"


def refreshers_plan(*, now: datetime) -> int:
    """Plan an invitation for every completed learner whose refresher has opened within
    the window and who has not answered it yet; returns how many were planned."""
    planned = 0
    refreshers = Diagnostic.objects.filter(
        kind=DiagnosticKind.REFRESHER, is_active=True
    ).select_related("course")
    for refresher in refreshers:
        days = timedelta(days=refresher.after_days or 0)
        candidates = list(
            Enrollment.objects.filter(
                course_id=refresher.course_id,
                status=EnrollmentStatus.COMPLETED,
                cancelled_at__isnull=True,
                completed_at__lte=now - days,
                completed_at__gt=now - days - INVITE_WINDOW,
            ).select_related("user", "course")
        )
        answered = set(
            Submission.objects.filter(
                exercise__diagnostic=refresher, enrollment__in=candidates
            ).values_list("enrollment_id", flat=True)
        )
        keys = {
            e.pk: f"{MessageKind.REFRESHER}:{e.pk}:{refresher.pk}:{_stamp(e.completed_at)}"
            for e in candidates
            if e.completed_at
        }
        done = planned_keys(list(keys.values()))
        for enrollment in candidates:
            if enrollment.pk in answered or keys[enrollment.pk] in done:
                continue
            subject, body = _render(
                "refresher",
                learner=enrollment.user,
                enrollment=enrollment,
                refresher=refresher,
                url=_check_url(refresher),
            )
            _, created = message_plan(
                key=keys[enrollment.pk],
                kind=MessageKind.REFRESHER,
                recipient=enrollment.user,
                enrollment=enrollment,
                subject=subject,
                body=body,
            )
            planned += int(created)
    return planned
