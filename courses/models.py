"""Course > Stage > Lesson, and a learner's enrolment, progress and certificates."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Course(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    # The communication styles the self-assessment scores: [{slug, name, description, ...}].
    styles = models.JSONField(default=list, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Stage(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="stages")
    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    # One-page handouts, rendered as PDF on request: [{heading, points: [...]}].
    job_aid = models.JSONField(default=list, blank=True)
    manager_guide = models.JSONField(default=list, blank=True)
    # Retired by a re-import that no longer has it: hidden, but learners' history stays.
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="stage_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body_markdown = models.TextField()
    body_html = models.TextField()  # rendered and sanitised at import
    word_count = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["stage__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="lesson_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class DiagnosticKind(models.TextChoices):
    PRE = "pre", "Before the course"
    POST = "post", "After the course"
    REFRESHER = "refresher", "Refresher"


class Diagnostic(models.Model):
    """A skills check outside the stages: a pre/post measure of what the course changed,
    or a refresher some weeks after completion. Its exercises are graded like any other
    and count for no stage, percent or certificate."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="diagnostics")
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=16, choices=DiagnosticKind.choices)
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body_html = models.TextField(blank=True)  # rendered and sanitised at import
    # Refreshers only: offered this many days after the course was completed.
    after_days = models.PositiveIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "slug"], name="diagnostic_slug_unique_in_course"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="refresher", after_days__gte=1)
                | (~models.Q(kind="refresher") & models.Q(after_days__isnull=True)),
                name="only_refreshers_wait_days",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EnrollmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    status = models.CharField(
        max_length=16, choices=EnrollmentStatus.choices, default=EnrollmentStatus.NOT_STARTED
    )
    # Share of lessons read and exercises passed, kept current by the progress service
    # so dashboards never recompute it per learner.
    progress_percent = models.PositiveSmallIntegerField(default=0)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    # Cancelled assignments are kept (with their history) and reported as tombstones.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments_made",
    )
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrollment_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"


class LessonView(models.Model):
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="lesson_views"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="views")
    first_viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], name="one_view_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} read {self.lesson}"


class StageCompletion(models.Model):
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="stage_completions"
    )
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "stage"], name="one_completion_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} completed {self.stage}"


class Certificate(models.Model):
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(max_length=32, unique=True)
    # Snapshots: the certificate states what was true when it was issued.
    learner_name = models.CharField(max_length=300)
    course_title = models.CharField(max_length=200)
    issued_at = models.DateTimeField()

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Certificate {self.code}"
