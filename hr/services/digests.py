"""The weekly digest: each HR person gets their organisation's figures once a week."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse

from accounts.models import Role, User

from ..filters import Filters
from ..models import MessageKind
from ..selectors.dashboard import overdue_learners, status_counts
from ..selectors.scope import enrollments_visible_to
from .messages import message_plan, planned_keys
from .reminders import _render


def digests_plan_weekly(*, now: datetime) -> int:
    """Plan one digest per HR person per ISO week (the key holds the week)."""
    year, week, _ = now.isocalendar()
    hr_people = list(
        User.objects.filter(role=Role.HR, is_active=True, organisation__isnull=False)
        .exclude(email="")
        .select_related("organisation")
    )
    keys = {hr.pk: f"{MessageKind.DIGEST}:{hr.pk}:{year}-W{week:02d}" for hr in hr_people}
    done = planned_keys(list(keys.values()))
    planned = 0
    url = settings.ATTUNE["SITE_URL"].rstrip("/") + reverse("hr:dashboard")
    for hr in hr_people:
        if keys[hr.pk] in done:
            continue
        enrollments = enrollments_visible_to(viewer=hr, filters=Filters(), now=now)
        subject, body = _render(
            "digest",
            hr=hr,
            week=f"{year}-W{week:02d}",
            counts=status_counts(enrollments, now=now),
            overdue=overdue_learners(enrollments, now=now, limit=20),
            url=url,
        )
        _, created = message_plan(
            key=keys[hr.pk], kind=MessageKind.DIGEST, recipient=hr, subject=subject, body=body
        )
        planned += int(created)
    return planned
