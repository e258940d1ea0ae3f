"""Celery beat tasks for HR: thin, idempotent, each calls one service.

Running any of them twice (two beats, a redelivery after a worker died) sends nothing
twice: every message has a unique key and is claimed before it is sent.
"""

from __future__ import annotations

from celery import shared_task

from .services.schedule import (
    certifications_expire_and_notify,
    due_reminders_send,
    overdue_notices_send,
    refresher_invitations_send,
    weekly_digests_send,
)


@shared_task
def send_due_reminders() -> dict[str, int]:
    """Reminders a configurable number of days before the due date."""
    return due_reminders_send()


@shared_task
def send_overdue_notices() -> dict[str, int]:
    """Overdue notices to learners and their managers."""
    return overdue_notices_send()


@shared_task
def send_refresher_invitations() -> dict[str, int]:
    """Invite learners to each refresher once it opens after their completion."""
    return refresher_invitations_send()


@shared_task
def send_weekly_digests() -> dict[str, int]:
    """The weekly digest to HR."""
    return weekly_digests_send()


@shared_task
def expire_certifications() -> dict[str, int]:
    """Re-assign completions older than the recertification period."""
    return certifications_expire_and_notify()
