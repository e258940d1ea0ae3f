"""What each beat task does: plan the messages its rule calls for, then deliver.

Delivery sends every queued message, whichever rule planned it, so a message left
queued by a run that ran out of time goes out with the next run.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from .digests import digests_plan_weekly
from .messages import messages_deliver
from .recertification import certifications_expire
from .refreshers import refreshers_plan
from .reminders import overdue_plan, reminders_plan_due


def _run(planned: int) -> dict[str, int]:
    delivery = messages_deliver()
    return {"planned": planned, "sent": delivery.sent, "failed": delivery.failed}


def due_reminders_send(*, now: datetime | None = None) -> dict[str, int]:
    """Remind learners whose due date is within their policy's lead time."""
    return _run(reminders_plan_due(now=now or timezone.now()))


def overdue_notices_send(*, now: datetime | None = None) -> dict[str, int]:
    """Tell newly overdue learners and their managers; emit the overdue event once."""
    return _run(overdue_plan(now=now or timezone.now()))


def refresher_invitations_send(*, now: datetime | None = None) -> dict[str, int]:
    """Invite learners to the refreshers that have opened since they completed."""
    return _run(refreshers_plan(now=now or timezone.now()))


def weekly_digests_send(*, now: datetime | None = None) -> dict[str, int]:
    """Send each HR person this ISO week's digest (once per week)."""
    return _run(digests_plan_weekly(now=now or timezone.now()))


def certifications_expire_and_notify(*, now: datetime | None = None) -> dict[str, int]:
    """Re-assign expired completions and tell the learners."""
    return _run(certifications_expire(now=now or timezone.now()))
