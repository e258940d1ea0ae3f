"""Course policies per organisation, the reminder ledger and the completion history."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from accounts.models import Organisation
from courses.models import Course, Enrollment


class CoursePolicy(models.Model):
    """How one organisation runs one course: when to remind, when a completion expires."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="course_policies"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="policies")
    remind_days_before = models.PositiveSmallIntegerField(
        default=7, help_text="Days before the due date the learner is reminded."
    )
    recertify_after_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="A completion expires after this many months; empty means never.",
    )
    recertify_due_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days a re-assigned learner gets to complete the course again."
    )

    class Meta:
        verbose_name_plural = "course policies"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "course"], name="one_policy_per_org_course"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.course}"


class MessageKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due-date reminder"
    OVERDUE = "overdue", "Overdue notice"
    OVERDUE_MANAGER = "overdue_manager", "Overdue notice to manager"
    RECERTIFY = "recertify", "Recertification notice"
    DIGEST = "digest", "Weekly HR digest"
    REFRESHER = "refresher", "Refresher invitation"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    # Claimed by a sender and committed before the email goes out: a row left here
    # means the sender died mid-send, and it is never sent again (at most once).
    SENDING = "sending", "Sending (outcome unknown)"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent (no email address)"


class ReminderMessage(models.Model):
    """One email HR's rules call for. ``key`` names it — kind, enrolment (or recipient)
    and period — so planning it twice finds the same row and it is sent at most once."""

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    enrollment = models.ForeignKey(
        Enrollment, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to_email = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_email or self.recipient_id}"


class CompletionRecord(models.Model):
    """A completion that has expired: the enrolment starts over, this keeps the proof."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="completion_records"
    )
    completed_at = models.DateTimeField()
    expired_at = models.DateTimeField()
    certificate_code = models.CharField(max_length=32, blank=True)
    # What was true at completion: percent, stages and exercises passed.
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "completed_at"], name="one_record_per_completion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} completed {self.completed_at:%Y-%m-%d}"
