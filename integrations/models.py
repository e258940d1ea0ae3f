"""Integrator credentials, webhook subscriptions and deliveries, xAPI statements."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models

from activity.models import Event, EventType


class Scope(models.TextChoices):
    LEARNERS_READ = "learners:read", "Read learners"
    ENROLLMENTS_READ = "enrollments:read", "Read enrolments"
    ENROLLMENTS_WRITE = "enrollments:write", "Assign, reschedule and cancel enrolments"
    PROGRESS_READ = "progress:read", "Read progress and completions"
    STATEMENTS_READ = "statements:read", "Read xAPI statements"
    WEBHOOKS_MANAGE = "webhooks:manage", "Manage webhook subscriptions and re-send deliveries"
    SCIM_PROVISION = "scim:provision", "Provision people and teams (SCIM 2.0)"


# The events an organisation may subscribe to; lesson views are too chatty for webhooks.
WEBHOOK_EVENT_TYPES = [
    EventType.ENROLLMENT_CREATED,
    EventType.ENROLLMENT_CANCELLED,
    EventType.ENROLLMENT_OVERDUE,
    EventType.SUBMISSION_GRADED,
    EventType.STAGE_COMPLETED,
    EventType.COURSE_COMPLETED,
    EventType.LEARNER_EMPLOYEE_ID_CHANGED,
]


class ApiClient(models.Model):
    """A machine credential, bound to one organisation. Only a hash of the secret is
    kept: the full key ``atn_<key_id>_<secret>`` is shown once, when it is made."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="api_clients"
    )
    name = models.CharField(max_length=120)
    key_id = models.CharField(max_length=24, unique=True)
    secret_hash = models.CharField(max_length=64)  # sha256 hex of a 256-bit random secret
    scopes = models.JSONField(default=list)
    # Requests per minute; each client has its own budget.
    rate_limit = models.PositiveIntegerField(default=600)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} (atn_{self.key_id}_…)"

    @property
    def key_prefix(self) -> str:
        return f"atn_{self.key_id}_"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class ScimExternalId(models.Model):
    """The identity provider's own id (SCIM ``externalId``) for a person or a team. Kept
    apart from the employee id: Entra ID sends its mail nickname here, Okta its own id,
    and neither must overwrite the employer's key."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scim_external_id",
    )
    team = models.OneToOneField(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scim_external_id",
    )
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, team__isnull=True)
                | models.Q(person__isnull=True, team__isnull=False),
                name="scim_external_id_names_one_resource",
            )
        ]
        indexes = [models.Index(fields=["organisation", "value"])]

    def __str__(self) -> str:
        return self.value


class IdempotencyRecord(models.Model):
    """The stored response to a write sent with an ``Idempotency-Key``: a retry with the
    same key and body gets the same answer and changes nothing."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # sha256 of method, path and body
    status_code = models.PositiveSmallIntegerField(null=True)  # null while in flight
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="one_record_per_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.status_code}"


class Tombstone(models.Model):
    """An enrolment that was deleted outright (e.g. with its learner), so incremental
    syncs can tell integrators to drop it."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    enrollment_id = models.BigIntegerField(unique=True)
    employee_id = models.CharField(max_length=64, blank=True)
    course_slug = models.CharField(max_length=80)
    completed_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"enrolment {self.enrollment_id} deleted"


class WebhookSubscription(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    # http(s) only, in forms and the admin alike; the service also refuses internal hosts.
    url = models.URLField(max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=80)  # whsec_<base64>; needed to sign, never shown again
    event_types = models.JSONField(default=list)
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event sent to one subscription, with every attempt's outcome."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    # The ``webhook-id`` header: the same on every retry, so receivers can deduplicate.
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    # ``attempts`` when it was last re-sent: the retry budget counts from there, while
    # the attempt count and history (``WebhookAttempt``) are kept.
    resent_at_attempt = models.PositiveIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A worker that claimed the delivery owns it until then; a crash loses nothing.
    lease_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscription"], name="one_delivery_per_event_and_subscription"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event.type} → {self.subscription} ({self.status})"


class WebhookAttempt(models.Model):
    """One try at sending a delivery: kept, so a re-send adds to the history."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField()
    attempted_at = models.DateTimeField()
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "number"], name="one_row_per_webhook_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"


class XapiStatement(models.Model):
    """An xAPI statement derived from one event. Its statement id is derived from the
    event and the verb, so rebuilding it never makes a second statement."""

    statement_id = models.UUIDField(unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(Event, null=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=20)
    statement = models.JSONField()
    stored_at = models.DateTimeField(auto_now_add=True)
    pushed_at = models.DateTimeField(null=True, blank=True)
    push_attempts = models.PositiveIntegerField(default=0)
    push_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["organisation", "id"]),
            models.Index(fields=["pushed_at", "stored_at"]),
        ]

    def __str__(self) -> str:
        return f"xAPI {self.verb} {self.statement_id}"
