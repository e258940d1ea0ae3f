"""Reminders, overdue notices and digests: each message recorded and sent at most once,
even when beat runs twice or the worker dies mid-send."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from activity.models import Event, EventType
from courses.services.assignments import enrollment_cancel, enrollment_change_due_date
from hr import tasks
from hr.models import CoursePolicy, MessageKind, MessageStatus, ReminderMessage
from hr.services import messages as ledger
from hr.services.schedule import weekly_digests_send

pytestmark = pytest.mark.django_db


def set_due(world, username, delta):
    enrollment = world.enrollments[username]
    return enrollment_change_due_date(
        enrollment=enrollment, due_at=timezone.now() + delta, actor=world.hr, reason="test"
    )


def to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_due_reminder_goes_out_once_even_if_beat_runs_twice(world):
    set_due(world, "ana", timedelta(days=3))

    first = tasks.send_due_reminders()
    second = tasks.send_due_reminders()

    assert (first["sent"], second["sent"], second["planned"]) == (1, 0, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.ana.email]
    assert "is due" in message.subject and "/courses/mini-empathy/" in message.body
    row = ReminderMessage.objects.get(kind=MessageKind.DUE_SOON)
    assert row.status == MessageStatus.SENT and row.sent_at is not None
    assert row.body == message.body  # the ledger records what was sent


def test_the_lead_time_comes_from_the_organisations_policy(world, course):
    CoursePolicy.objects.create(organisation=world.north, course=course, remind_days_before=2)
    set_due(world, "ana", timedelta(days=3))
    set_due(world, "sam", timedelta(days=3))  # other organisation: default of 7 days

    tasks.send_due_reminders()

    assert not to(world.ana.email) and len(to(world.sam.email)) == 1


def test_moving_the_due_date_earns_a_fresh_reminder(world):
    set_due(world, "ana", timedelta(days=3))
    tasks.send_due_reminders()
    set_due(world, "ana", timedelta(days=5))

    tasks.send_due_reminders()

    assert len(to(world.ana.email)) == 2


def test_overdue_notices_go_to_learner_and_manager_once_with_one_event(world):
    set_due(world, "ana", timedelta(days=-2))
    set_due(world, "cleo", timedelta(days=-1))  # no manager

    tasks.send_overdue_notices()
    tasks.send_overdue_notices()

    assert len(to(world.ana.email)) == 1 and len(to(world.cleo.email)) == 1
    manager_mail = to(world.manager.email)
    assert len(manager_mail) == 1 and world.ana.display_name in manager_mail[0].subject
    events = Event.objects.filter(type=EventType.ENROLLMENT_OVERDUE)
    assert sorted(e.data["enrollment_id"] for e in events) == sorted(
        [world.enrollments["ana"].pk, world.enrollments["cleo"].pk]
    )


def test_completed_and_cancelled_enrolments_are_never_overdue(world):
    from courses.services.assignments import enrollment_complete_manually

    set_due(world, "ana", timedelta(days=-2))
    set_due(world, "ben", timedelta(days=-2))
    enrollment_complete_manually(enrollment=world.enrollments["ana"], actor=world.hr, reason="x")
    enrollment_cancel(enrollment=world.enrollments["ben"], actor=world.hr, reason="Left")

    tasks.send_overdue_notices()

    assert mail.outbox == []
    assert not Event.objects.filter(type=EventType.ENROLLMENT_OVERDUE).exists()


class WorkerDied(BaseException):
    """What a killed worker looks like from inside: not an ordinary exception."""


def test_a_worker_dying_between_claim_and_send_never_sends_twice(world, monkeypatch):
    set_due(world, "ana", timedelta(days=3))

    def die(message):
        raise WorkerDied

    monkeypatch.setattr(ledger, "_send", die)
    with pytest.raises(WorkerDied):
        tasks.send_due_reminders()
    monkeypatch.undo()  # the worker restarts; beat runs again (twice)
    tasks.send_due_reminders()
    tasks.send_due_reminders()

    assert mail.outbox == []
    row = ReminderMessage.objects.get()
    assert row.status == MessageStatus.SENDING and row.attempts == 1  # outcome unknown


def test_a_send_the_backend_refused_is_retried_then_given_up(world, monkeypatch):
    set_due(world, "ana", timedelta(days=3))
    calls = []

    def refuse(message):
        calls.append(message.pk)
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(ledger, "_send", refuse)
    for _ in range(4):
        tasks.send_due_reminders()

    row = ReminderMessage.objects.get()
    assert len(calls) == ledger.MAX_SEND_ATTEMPTS
    assert row.status == MessageStatus.FAILED and "SMTP server down" in row.error


def test_two_senders_racing_for_one_message_send_it_once(world):
    set_due(world, "ana", timedelta(days=3))
    from hr.services.reminders import reminders_plan_due

    reminders_plan_due(now=timezone.now())
    row = ReminderMessage.objects.get()

    assert ledger._claim(row.pk) is not None
    assert ledger._claim(row.pk) is None  # the second sender finds it taken


def test_hr_get_one_digest_a_week_with_only_their_organisation(world):
    world.hr_south.email = ""  # no address: nothing planned for them
    world.hr_south.save()
    set_due(world, "ana", timedelta(days=-3))
    set_due(world, "sam", timedelta(days=-3))
    monday = timezone.now()

    weekly_digests_send(now=monday)
    weekly_digests_send(now=monday + timedelta(hours=1))

    digests = to(world.hr.email)
    assert len(digests) == 1
    assert "1 overdue" in digests[0].subject
    assert world.ana.display_name in digests[0].body
    assert world.sam.display_name not in digests[0].body
    weekly_digests_send(now=monday + timedelta(days=7))
    assert len(to(world.hr.email)) == 2
    assert len(mail.outbox) == 2


def test_beat_schedules_every_hr_task():
    from django.conf import settings

    from lms.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    hr_tasks = {
        "hr.tasks.send_due_reminders",
        "hr.tasks.send_overdue_notices",
        "hr.tasks.send_weekly_digests",
        "hr.tasks.expire_certifications",
    }

    assert hr_tasks <= scheduled
    assert hr_tasks <= set(app.tasks)
