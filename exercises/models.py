"""Exercises, submissions (every attempt kept) and their gradings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from courses.models import Course, Diagnostic, Enrollment, Lesson

from .grading import CRITERION_LABELS


class ExerciseKind(models.TextChoices):
    FREE_TEXT = "free_text", "Written answer"
    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    SELF_ASSESSMENT = "self_assessment", "Self-assessment"
    CONVERSATION = "conversation", "Conversation"


class Exercise(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="exercises")
    # In a lesson, or in a skills check (pre/post measure, refresher): exactly one of them.
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="exercises"
    )
    diagnostic = models.ForeignKey(
        Diagnostic, null=True, blank=True, on_delete=models.CASCADE, related_name="exercises"
    )
    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=ExerciseKind.choices)
    title = models.CharField(max_length=200)
    prompt_markdown = models.TextField()
    prompt_html = models.TextField()
    rubric = models.CharField(max_length=32, blank=True)  # free text only
    pass_mark = models.PositiveSmallIntegerField(default=60)  # percent of the rubric maximum
    # {channel, customer, situation, style, message}: the customer the learner answers.
    scenario = models.JSONField(default=dict, blank=True)
    expected = models.JSONField(default=dict, blank=True)  # rubric hints, e.g. emotions
    items = models.JSONField(default=list, blank=True)  # self-assessment statements
    # A conversation's script (exercises.grading.conversation.Script.to_dict()).
    conversation = models.JSONField(default=dict, blank=True)
    revises = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["lesson__stage__position", "lesson__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="exercise_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="pass_mark_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=models.Q(lesson__isnull=False, diagnostic__isnull=True)
                | models.Q(lesson__isnull=True, diagnostic__isnull=False),
                name="exercise_in_a_lesson_or_a_check",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_graded_by_worker(self) -> bool:
        return self.kind == ExerciseKind.FREE_TEXT


class Choice(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField()
    text = models.TextField()
    is_correct = models.BooleanField(default=False)
    explanation = models.TextField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text[:60]


class ReferenceReply(models.Model):
    """A reply written by trainers at a known quality: calibrates the grader, and is
    shown to learners as an example once they have passed the exercise."""

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="reference_replies"
    )
    position = models.PositiveIntegerField()
    quality = models.CharField(max_length=16)  # strong / adequate / poor
    text = models.TextField()
    labels = models.JSONField(default=dict)  # criterion -> level
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.quality} reply to {self.exercise}"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    QUEUED = "queued", "Queued"
    GRADING = "grading", "Grading"
    GRADED = "graded", "Graded"
    NEEDS_REVIEW = "needs_review", "Waiting for a trainer"
    FAILED = "failed", "Could not be graded"


PENDING_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.QUEUED, SubmissionStatus.GRADING)
FINAL_STATUSES = (SubmissionStatus.GRADED, SubmissionStatus.NEEDS_REVIEW, SubmissionStatus.FAILED)


class Submission(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="submissions")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="submissions")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    attempt = models.PositiveIntegerField()
    # One token per rendered form: a double click or a resent POST creates one submission.
    client_token = models.UUIDField(default=uuid.uuid4)
    answer_text = models.TextField(blank=True)
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.SET_NULL)
    responses = models.JSONField(default=dict, blank=True)  # self-assessment ratings
    status = models.CharField(
        max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    grading_started_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    grading_attempts = models.PositiveSmallIntegerField(default=0)
    # The current grading, copied here so lists and dashboards read one row.
    score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    grader_version = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "exercise", "attempt"], name="one_row_per_attempt"
            ),
            models.UniqueConstraint(
                fields=["learner", "client_token"], name="one_submission_per_form"
            ),
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.exercise} · attempt {self.attempt}"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES


class GradingSource(models.TextChoices):
    GRADER = "grader", "Automatic grader"
    TRAINER = "trainer", "Trainer review"


class Grading(models.Model):
    """One grading of a submission. Regrades and trainer overrides add rows; the
    newest is current, so history is never lost."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="gradings")
    source = models.CharField(
        max_length=16, choices=GradingSource.choices, default=GradingSource.GRADER
    )
    grader_version = models.CharField(max_length=40)
    score = models.FloatField()
    passed = models.BooleanField()
    confidence = models.FloatField(default=1.0)
    summary = models.TextField(blank=True)
    flags = models.JSONField(default=list, blank=True)
    # Replies to a customer: {"picked_up": [...], "missed": [...], "foreign": [...]}, the
    # customer's details the reply used and left out, shown to the learner.
    listening = models.JSONField(default=dict, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(blank=True)
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission"],
                condition=models.Q(is_current=True),
                name="one_current_grading",
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission} graded {self.score:.0f}"


class CriterionScore(models.Model):
    grading = models.ForeignKey(Grading, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField()
    criterion = models.CharField(max_length=40)
    level = models.PositiveSmallIntegerField()
    max_level = models.PositiveSmallIntegerField(default=2)
    evidence = models.JSONField(default=list, blank=True)  # [[start, end], ...] in the answer
    feedback = models.TextField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__lte=models.F("max_level")), name="level_within_max"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.level}/{self.max_level}"

    @property
    def label(self) -> str:
        return CRITERION_LABELS.get(self.criterion, self.criterion.replace("_", " ").capitalize())


class ExerciseProgress(models.Model):
    """A learner's standing on one exercise, kept current as attempts are graded."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="exercise_progress"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="progress")
    attempts = models.PositiveIntegerField(default=0)
    best_score = models.FloatField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "exercise"], name="one_progress_per_exercise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} · {self.exercise}"


class ConversationStatus(models.TextChoices):
    OPEN = "open", "In progress"
    ENDED = "ended", "Ended"


class Conversation(models.Model):
    """One attempt at a conversation exercise: the customer's messages follow the
    learner's graded replies until an ending. Every attempt is kept."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="conversations")
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="conversations"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    attempt = models.PositiveIntegerField()
    client_token = models.UUIDField(default=uuid.uuid4)  # the Start form: one per click
    status = models.CharField(
        max_length=8, choices=ConversationStatus.choices, default=ConversationStatus.OPEN
    )
    message = models.CharField(max_length=80)  # the customer message awaiting a reply
    outcome = models.CharField(max_length=8, blank=True)  # good / mixed / poor, once ended
    score = models.FloatField(null=True, blank=True)  # mean of the turn scores
    passed = models.BooleanField(null=True, blank=True)  # ended on a good ending
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "exercise", "attempt"], name="one_conversation_per_attempt"
            ),
            models.UniqueConstraint(
                fields=["learner", "client_token"], name="one_conversation_per_form"
            ),
            models.UniqueConstraint(
                fields=["learner", "exercise"],
                condition=models.Q(status="open"),
                name="one_open_conversation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.exercise} · conversation {self.attempt}"

    @property
    def is_open(self) -> bool:
        return self.status == ConversationStatus.OPEN


class ConversationTurn(models.Model):
    """One reply in a conversation. The reply itself is a :class:`Submission` (queued,
    graded and swept like any written answer); the turn records where it led."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="turns")
    position = models.PositiveSmallIntegerField()  # 1, 2, ...
    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="conversation_turn"
    )
    replied_to = models.CharField(max_length=80)  # the customer message answered
    # Filled when the grading arrives: the customer's next message and why.
    next_message = models.CharField(max_length=80, blank=True)
    mood_before = models.SmallIntegerField(default=0)
    mood_after = models.SmallIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "position"], name="one_turn_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.conversation} · turn {self.position}"

    @property
    def is_answered(self) -> bool:
        """The customer has replied (or the conversation ended) after this turn."""
        return bool(self.next_message)
