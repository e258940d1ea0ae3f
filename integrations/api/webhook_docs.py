"""The webhook payloads, as OpenAPI 3.1 ``webhooks``: what Attune POSTs to a subscribed
endpoint for each event type (see ``integrations.webhooks.payloads``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiWebhook, extend_schema
from rest_framework import serializers

from .serializers import LearnerRefSerializer

SIGNED = (
    "Signed the Standard Webhooks way: verify `webhook-signature` over "
    "`webhook-id.webhook-timestamp.body` with the subscription's secret, and deduplicate "
    "on `webhook-id` (the same on every retry and re-send). Answer 2xx within 5 s."
)


class WebhookData(serializers.Serializer):
    event_id = serializers.UUIDField(help_text="The event's id: one per thing that happened.")
    learner = LearnerRefSerializer(
        allow_null=True, help_text="Match on `id`: it survives an employee-id change."
    )


class WebhookEnrollmentData(WebhookData):
    enrollment_id = serializers.IntegerField()
    course = serializers.CharField(help_text="Course slug.")


class WebhookDueData(WebhookEnrollmentData):
    due_at = serializers.DateTimeField(allow_null=True)


class WebhookStageData(WebhookEnrollmentData):
    stage = serializers.CharField(help_text="Stage slug.")
    stage_position = serializers.IntegerField()


class WebhookCourseCompletedData(WebhookEnrollmentData):
    certificate_code = serializers.CharField()


class WebhookGradedData(WebhookEnrollmentData):
    submission_id = serializers.IntegerField()
    exercise = serializers.CharField(help_text="Exercise slug.")
    exercise_kind = serializers.CharField()
    attempt = serializers.IntegerField()
    status = serializers.CharField()
    score = serializers.FloatField(allow_null=True, help_text="0–100.")
    passed = serializers.BooleanField(allow_null=True)
    grader_version = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.source
    criteria = serializers.DictField(child=serializers.IntegerField(), help_text="Levels.")


class WebhookEmployeeIdData(WebhookData):
    previous_employee_id = serializers.CharField(
        allow_null=True, help_text="The id before; `learner.employee_id` is the new one."
    )


DATA: dict[str, tuple[type[serializers.Serializer], str]] = {
    "enrollment.created": (WebhookDueData, "A course was assigned (or a cancelled one reopened)."),
    "enrollment.cancelled": (WebhookEnrollmentData, "An assignment was withdrawn."),
    "enrollment.overdue": (WebhookDueData, "An assignment passed its due date unfinished."),
    "submission.graded": (WebhookGradedData, "An exercise answer was graded (never its text)."),
    "stage.completed": (WebhookStageData, "A learner finished a stage."),
    "course.completed": (WebhookCourseCompletedData, "A learner completed the course."),
    "learner.employee_id_changed": (WebhookEmployeeIdData, "HR changed a learner's employee id."),
}


def _payload(event_type: str, data: type[serializers.Serializer]) -> type[serializers.Serializer]:
    name = "".join(part.title() for part in event_type.replace("_", ".").split(".")) + "Webhook"
    fields: dict[str, Any] = {
        "type": serializers.ChoiceField(choices=[event_type]),
        "timestamp": serializers.DateTimeField(help_text="When it happened."),
        "data": data(),
    }
    return type(name, (serializers.Serializer,), fields)


def _webhook(event_type: str) -> OpenApiWebhook:
    data, summary = DATA[event_type]
    return OpenApiWebhook(
        name=event_type,
        decorator=extend_schema(
            summary=summary,
            description=SIGNED,
            request=_payload(event_type, data),
            responses={204: None},
        ),
    )


# One name per webhook: drf-spectacular's WEBHOOKS setting lists them by import path.
ENROLLMENT_CREATED = _webhook("enrollment.created")
ENROLLMENT_CANCELLED = _webhook("enrollment.cancelled")
ENROLLMENT_OVERDUE = _webhook("enrollment.overdue")
SUBMISSION_GRADED = _webhook("submission.graded")
STAGE_COMPLETED = _webhook("stage.completed")
COURSE_COMPLETED = _webhook("course.completed")
LEARNER_EMPLOYEE_ID_CHANGED = _webhook("learner.employee_id_changed")
