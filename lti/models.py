"""Platforms (an organisation's LMS), the tool's own keys, launched people, and the
grade passback outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MatchClaim(models.TextChoices):
    EMAIL = "email", "Email address"
    EMPLOYEE_ID = "employee_id", "Employee id (a custom parameter the platform sends)"


class Platform(models.Model):
    """A learning platform (Moodle, Canvas, Open edX…) registered to launch Attune for
    one organisation: everyone it launches is a learner of that organisation."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="lti_platforms"
    )
    name = models.CharField(max_length=100, help_text="For you, e.g. “Moodle (staff training)”.")
    issuer = models.URLField(max_length=500, help_text="The platform's issuer (iss).")
    client_id = models.CharField(
        max_length=255, help_text="The client id the platform gave Attune when you added it."
    )
    deployment_ids = models.JSONField(default=list, blank=True)
    keyset_url = models.URLField(max_length=500, verbose_name="platform keyset URL")
    auth_login_url = models.URLField(max_length=500, verbose_name="authentication request URL")
    access_token_url = models.URLField(max_length=500, verbose_name="access token URL")
    course = models.ForeignKey(
        "courses.Course",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where a launch lands unless its link names a stage or an exercise.",
    )
    match_claim = models.CharField(
        max_length=16, choices=MatchClaim.choices, default=MatchClaim.EMAIL
    )
    employee_id_claim = models.CharField(
        max_length=100,
        default="employee_id",
        help_text="The custom parameter that carries the employee id (custom claim).",
    )
    create_accounts = models.BooleanField(
        default=True, help_text="Create a learner account on the first launch of someone unknown."
    )
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class ToolKey(models.Model):
    """One of Attune's own RSA keys: it signs deep-linking responses and the token
    requests of AGS and NRPS. The newest signs; the one before stays published so a
    platform holding a cached keyset still verifies what was signed just before a
    rotation. The private key is stored sealed (accounts/sso/sealing.py)."""

    kid = models.CharField(max_length=64, unique=True)
    private_key_sealed = models.TextField()
    public_jwk = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.kid


class LtiIdentity(models.Model):
    """One person at one platform (its ``sub``), linked to an Attune account."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="identities")
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_launched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "subject"], name="lti_subject_unique"),
            models.UniqueConstraint(fields=["platform", "user"], name="lti_one_identity_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.platform}"


class UsedNonce(models.Model):
    """A launch's nonce, stored when the launch is accepted: the unique constraint makes a
    replayed id_token fail however many processes receive it at once."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "nonce"], name="lti_nonce_once")]

    def __str__(self) -> str:
        return self.nonce


class TargetKind(models.TextChoices):
    COURSE = "course", "The whole course"
    STAGE = "stage", "One stage"
    EXERCISE = "exercise", "One exercise"


class GradeLink(models.Model):
    """A platform gradebook column (AGS line item) that receives one learner's result
    for what the link launched: the course, a stage or an exercise."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="grade_links")
    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="lti_grade_links"
    )
    subject = models.CharField(max_length=255)  # the platform's user id: the score's userId
    lineitem_url = models.URLField(max_length=500)
    scopes = models.JSONField(default=list)
    target = models.CharField(max_length=16, choices=TargetKind.choices)
    stage = models.ForeignKey("courses.Stage", null=True, blank=True, on_delete=models.CASCADE)
    exercise = models.ForeignKey(
        "exercises.Exercise", null=True, blank=True, on_delete=models.CASCADE
    )
    version = models.PositiveIntegerField(default=0)  # of the latest score recorded
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lineitem_url"], name="lti_one_link_per_lineitem"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} → {self.lineitem_url}"


class ScoreStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Given up"


class ScorePost(models.Model):
    """One change of a learner's result, to be posted to the platform once: the outbox
    row is written with the change, unique per (link, version), and claimed with a lease
    before the HTTP call (as webhook deliveries are)."""

    grade_link = models.ForeignKey(GradeLink, on_delete=models.CASCADE, related_name="posts")
    version = models.PositiveIntegerField()
    score_given = models.FloatField()
    score_maximum = models.FloatField(default=100)
    activity_progress = models.CharField(max_length=16)
    grading_progress = models.CharField(max_length=16)
    timestamp = models.DateTimeField()  # the change's time: the platform keeps the newest
    status = models.CharField(
        max_length=16, choices=ScoreStatus.choices, default=ScoreStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["grade_link", "version"]
        constraints = [
            models.UniqueConstraint(fields=["grade_link", "version"], name="lti_score_once")
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.grade_link} v{self.version}: {self.score_given}"


class PlatformContext(models.Model):
    """A course of the platform that launched Attune, with its roster endpoint (Names and
    Role Provisioning), so the roster can be pre-created without waiting for launches."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="contexts")
    context_id = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    memberships_url = models.URLField(max_length=500)
    last_synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "context_id"], name="lti_context_unique")
        ]

    def __str__(self) -> str:
        return self.title or self.context_id
