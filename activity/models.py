"""The event outbox."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class EventType(models.TextChoices):
    ENROLLMENT_CREATED = "enrollment.created", "Enrolment created"
    ENROLLMENT_CANCELLED = "enrollment.cancelled", "Enrolment cancelled"
    ENROLLMENT_OVERDUE = "enrollment.overdue", "Enrolment overdue"
    LESSON_VIEWED = "lesson.viewed", "Lesson viewed"
    SUBMISSION_GRADED = "submission.graded", "Submission graded"
    STAGE_COMPLETED = "stage.completed", "Stage completed"
    COURSE_COMPLETED = "course.completed", "Course completed"
    LEARNER_EMPLOYEE_ID_CHANGED = "learner.employee_id_changed", "Employee id changed"


class Event(models.Model):
    """One thing that happened, recorded atomically with the change itself, so a
    crash between commit and notification can never lose it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=40, choices=EventType.choices)
    occurred_at = models.DateTimeField(db_index=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Ids and scores only: never an employee's free-text answer.
    data = models.JSONField(default=dict)
    dispatched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["occurred_at"]
        indexes = [models.Index(fields=["dispatched_at", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.type} at {self.occurred_at:%Y-%m-%d %H:%M}"


class AuditEntry(models.Model):
    """Who changed what, when and why: every manual change HR or an integrator makes."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200)  # kept if the actor is deleted
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=64)
    reason = models.TextField()
    changes = models.JSONField(default=dict)  # {"field": [before, after]}
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.target_type} {self.target_id}"
