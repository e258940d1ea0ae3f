"""Due-date reminders and overdue notices, planned from the enrolments' due dates.

Keys carry the due date, so moving a deadline earns a fresh reminder, while the same
deadline is never reminded twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from activity.models import EventType
from activity.services import event_record
from courses.models import Enrollment

from ..models import MessageKind
from ..selectors.scope import overdue_q
from .messages import message_plan, planned_keys
from .policies import default_terms, policy_terms_by_org_course


def _stamp(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M")


def _course_url(enrollment: Enrollment) -> str:
    path = reverse("learning:overview", args=[enrollment.course.slug])
    return f"{settings.ATTUNE['SITE_URL'].rstrip('/')}{path}"


def _render(template: str, **context: object) -> tuple[str, str]:
    """Subject (first line) and body of a plain-text email template."""
    text = render_to_string(f"hr/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


def reminders_plan_due(*, now: datetime) -> int:
    """Plan a reminder for every open enrolment due within its policy's lead time."""
    terms = policy_terms_by_org_course()
    default = default_terms()
    horizon = max([t.remind_days_before for t in terms.values()] + [default.remind_days_before])
    candidates = list(
        Enrollment.objects.filter(
            due_at__gt=now,
            due_at__lte=now + timedelta(days=horizon),
            completed_at__isnull=True,
            cancelled_at__isnull=True,
        ).select_related("user", "course")
    )
    keys = {
        e.pk: f"{MessageKind.DUE_SOON}:{e.pk}:{_stamp(e.due_at)}" for e in candidates if e.due_at
    }
    done = planned_keys(list(keys.values()))
    planned = 0
    for enrollment in candidates:
        assert enrollment.due_at is not None
        lead = terms.get((enrollment.user.organisation_id or 0, enrollment.course_id), default)
        if keys[enrollment.pk] in done or enrollment.due_at - now > timedelta(
            days=lead.remind_days_before
        ):
            continue
        subject, body = _render(
            "due_soon",
            learner=enrollment.user,
            enrollment=enrollment,
            days_left=max(0, (enrollment.due_at - now).days),
            url=_course_url(enrollment),
        )
        _, created = message_plan(
            key=keys[enrollment.pk],
            kind=MessageKind.DUE_SOON,
            recipient=enrollment.user,
            enrollment=enrollment,
            subject=subject,
            body=body,
        )
        planned += int(created)
    return planned


def overdue_plan(*, now: datetime) -> int:
    """For each enrolment that has just become overdue: notify the learner and their
    manager, and record one ``enrollment.overdue`` event (integrations turn it into a
    webhook). The learner's message row is the once-only guard for the event too."""
    candidates = list(
        Enrollment.objects.filter(overdue_q(now)).select_related("user__manager", "course")
    )
    keys = {
        e.pk: f"{MessageKind.OVERDUE}:{e.pk}:{_stamp(e.due_at)}" for e in candidates if e.due_at
    }
    done = planned_keys(list(keys.values()))
    became_overdue = 0
    for enrollment in candidates:
        if keys[enrollment.pk] in done:
            continue
        became_overdue += int(_overdue_record(enrollment, key=keys[enrollment.pk], now=now))
    return became_overdue


@transaction.atomic
def _overdue_record(enrollment: Enrollment, *, key: str, now: datetime) -> bool:
    assert enrollment.due_at is not None
    learner, manager = enrollment.user, enrollment.user.manager
    days = max(0, (now - enrollment.due_at).days)
    context = {"learner": learner, "enrollment": enrollment, "days": days}
    subject, body = _render("overdue", url=_course_url(enrollment), **context)
    _, created = message_plan(
        key=key,
        kind=MessageKind.OVERDUE,
        recipient=learner,
        enrollment=enrollment,
        subject=subject,
        body=body,
    )
    if not created:
        return False
    event_record(
        type=EventType.ENROLLMENT_OVERDUE,
        learner=learner,
        data={
            "enrollment_id": enrollment.pk,
            "course": enrollment.course.slug,
            "due_at": enrollment.due_at.isoformat(),
        },
    )
    if manager is not None:
        url = settings.ATTUNE["SITE_URL"].rstrip("/") + reverse("hr:learner", args=[learner.pk])
        subject, body = _render("overdue_manager", manager=manager, url=url, **context)
        message_plan(
            key=key.replace(MessageKind.OVERDUE, MessageKind.OVERDUE_MANAGER, 1),
            kind=MessageKind.OVERDUE_MANAGER,
            recipient=manager,
            enrollment=enrollment,
            subject=subject,
            body=body,
        )
    return True
