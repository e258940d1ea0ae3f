"""Assignments: list (sync), create, read, change the due date, cancel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from courses.due_dates import due_date_problem
from courses.models import Course, Enrollment
from courses.services.assignments import (
    enrollment_assign,
    enrollment_cancel,
    enrollment_change_due_date,
)
from integrations.errors import IntegrationError
from integrations.models import Scope
from integrations.selectors.learners import enrollment_get, learner_get
from integrations.selectors.progress_records import (
    enrollment_changed_since,
    enrollments_of,
    progress_records,
    tombstone_records,
    tombstones_of,
)
from integrations.selectors.sync import sync_page
from integrations.services.idempotency import idempotent_call, request_fingerprint

from .base import IntegratorApi, conditional_response
from .docs import ETAG, IDEMPOTENCY_KEY, IF_NONE_MATCH, NOT_MODIFIED, RETRY_AFTER, errors
from .serializers import EnrollmentSerializer, represent
from .sync import SyncParams, envelope, page_body, sync_query

EXAMPLE = {
    "id": 42,
    "learner": {"id": 7, "employee_id": "NW-1001", "name": "Maya Okafor"},
    "course": "empathy-in-customer-service",
    "status": "in_progress",
    "deleted": False,
    "due_at": "2025-03-31T17:00:00Z",
    "overdue": False,
    "enrolled_at": "2025-03-01T09:12:44Z",
    "completed_at": None,
    "cancelled_at": None,
    "updated_at": "2025-03-04T10:02:13Z",
}


class DueAtField(serializers.DateTimeField):
    """A due date under the same rule as on HR's pages: not in the past, not more than
    two years ahead (``courses.due_dates``)."""

    def to_internal_value(self, value: Any) -> datetime:
        due_at = super().to_internal_value(value)
        problem = due_date_problem(timezone.localdate(due_at), today=timezone.localdate())
        if problem:
            raise serializers.ValidationError(f"The due date {problem}.")
        return due_at


class EnrollmentWriteApi(IntegratorApi):
    # Shared by the writes: run the change once per Idempotency-Key.

    def run_once(self, request: Request, change: Any) -> Response:
        outcome = idempotent_call(
            client=self.client,
            key=request.headers.get("Idempotency-Key"),
            fingerprint=request_fingerprint(
                method=request.method or "", path=request.path, body=request.data
            ),
            action=change,
        )
        headers = {"Idempotent-Replayed": "true"} if outcome.replayed else {}
        return Response(outcome.body, status=outcome.status_code, headers=headers)

    def represent(self, enrollment: Enrollment) -> dict[str, Any]:
        enrollment = enrollment_get(
            organisation_id=self.organisation_id, enrollment_id=enrollment.pk
        )
        (record,) = progress_records(
            [enrollment], certificate_url=self.certificate_url, detail=False
        )
        return dict(EnrollmentSerializer(record).data)

    def reason(self, given: str, default: str) -> str:
        return f"{given.strip() or default} (API client “{self.client.name}”)"


class EnrollmentsApi(EnrollmentWriteApi):
    required_scopes = {"GET": Scope.ENROLLMENTS_READ, "POST": Scope.ENROLLMENTS_WRITE}

    class ListParams(SyncParams):
        course = serializers.SlugField(required=False, help_text="Only this course (slug).")

    class EnrollmentCreateInput(serializers.Serializer):
        employee_id = serializers.CharField(min_length=1, max_length=64, trim_whitespace=False)
        course = serializers.SlugField(help_text="Course slug, from GET /api/v1/courses/.")
        due_at = DueAtField(
            required=False, allow_null=True, help_text="Today or up to two years ahead."
        )

    Page = envelope(EnrollmentSerializer, "EnrollmentPage")
    query_serializer = ListParams

    @extend_schema(
        operation_id="enrollments_list",
        summary="Sync enrolments",
        description="Every assignment in your organisation, in pages (see *Incremental sync*). "
        "Cancelled and deleted enrolments come as tombstones (`deleted: true`).",
        parameters=[ListParams, RETRY_AFTER],
        responses={200: Page, **errors(400, 403)},
    )
    def get(self, request: Request) -> Response:
        params = self.ListParams(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        filters = (
            {"course": params.validated_data["course"]} if "course" in params.validated_data else {}
        )
        query = sync_query(params.validated_data, resource="enrollments", filters=filters)
        course = query.filters.get("course")
        size = params.validated_data["page_size"]
        page = sync_page(
            query=query,
            rows=enrollments_of(self.organisation_id, course=course),
            changed_since=enrollment_changed_since,
            page_size=size,
            tombstones=tombstones_of(self.organisation_id, course=course),
            load=lambda es: progress_records(
                es, certificate_url=self.certificate_url, detail=False
            ),
            load_tombstones=tombstone_records,
        )
        body = page_body(request, page, size)
        body["results"] = represent(page.items, EnrollmentSerializer)
        return Response(body)

    @extend_schema(
        operation_id="enrollments_create",
        summary="Assign the course",
        description="Assign a course to a learner (by your employee id) with an optional due "
        "date. Assigning again keeps the learner's progress and moves the due date; a "
        "cancelled enrolment is reopened. 201 when created, 200 when it existed.",
        request=EnrollmentCreateInput,
        parameters=[IDEMPOTENCY_KEY, RETRY_AFTER],
        responses={
            201: EnrollmentSerializer,
            200: EnrollmentSerializer,
            **errors(400, 403, 404, 409, 415),
        },
        examples=[
            OpenApiExample(
                "Assign with a due date",
                value={"employee_id": "NW-1001", "course": "empathy-in-customer-service",
                       "due_at": "2027-06-30T17:00:00Z"},
                request_only=True,
            ),
            OpenApiExample("Enrolment", value=EXAMPLE, response_only=True, status_codes=[201]),
        ],
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        data = self.EnrollmentCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data

        def change() -> tuple[int, dict[str, Any]]:
            learner = learner_get(
                organisation_id=self.organisation_id,
                employee_id=values["employee_id"],
                to_enrol=True,
            )
            course = Course.objects.filter(slug=values["course"]).first()
            if course is None:
                raise IntegrationError(
                    f"There is no course '{values['course']}'.",
                    code="unknown_course",
                    status_code=404,
                )
            existed = Enrollment.objects.filter(
                user=learner, course=course, cancelled_at__isnull=True
            ).exists()
            enrollment = enrollment_assign(
                learner=learner,
                course=course,
                due_at=values.get("due_at"),
                assigned_by=None,
                actor_label=self.actor_label,
            )
            return (200 if existed else 201), self.represent(enrollment)

        return self.run_once(request, change)


class EnrollmentDetailApi(EnrollmentWriteApi):
    required_scopes = {"GET": Scope.ENROLLMENTS_READ, "PATCH": Scope.ENROLLMENTS_WRITE}

    class EnrollmentUpdateInput(serializers.Serializer):
        due_at = DueAtField(
            required=False,
            allow_null=True,
            help_text="Today or up to two years ahead; null removes the due date.",
        )
        reason = serializers.CharField(
            required=False,
            default="",
            max_length=500,
            allow_blank=True,
            help_text="Why: required with `due_at`, as on HR's pages; kept in the audit log.",
        )

        def validate(self, data: dict[str, Any]) -> dict[str, Any]:
            if "due_at" in data and not data["reason"].strip():
                raise serializers.ValidationError(
                    {"reason": ["Say why the due date changes; it is kept in the audit log."]}
                )
            return data

    @extend_schema(
        operation_id="enrollments_retrieve",
        summary="Read one enrolment",
        parameters=[IF_NONE_MATCH, ETAG, RETRY_AFTER],
        responses={200: EnrollmentSerializer, 304: NOT_MODIFIED, **errors(400, 403, 404)},
        examples=[
            OpenApiExample("Enrolment", value=EXAMPLE, response_only=True, status_codes=[200])
        ],
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_get(
            organisation_id=self.organisation_id, enrollment_id=enrollment_id
        )
        return conditional_response(request, self.represent(enrollment))

    @extend_schema(
        operation_id="enrollments_update",
        summary="Change the due date",
        description="Audited with the reason given (and the credential's name).",
        request=EnrollmentUpdateInput,
        parameters=[IDEMPOTENCY_KEY, RETRY_AFTER],
        responses={200: EnrollmentSerializer, **errors(400, 403, 404, 409, 415)},
        examples=[
            OpenApiExample(
                "Extend the deadline",
                value={"due_at": "2027-07-30T17:00:00Z", "reason": "Parental leave"},
                request_only=True,
            )
        ],
    )
    def patch(self, request: Request, enrollment_id: int) -> Response:
        data = self.EnrollmentUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data

        def change() -> tuple[int, dict[str, Any]]:
            enrollment = enrollment_get(
                organisation_id=self.organisation_id, enrollment_id=enrollment_id
            )
            if enrollment.cancelled_at is not None:
                raise IntegrationError(
                    "This enrolment is cancelled; assign the course again to reopen it.",
                    code="enrollment_cancelled",
                    status_code=409,
                )
            if "due_at" not in values:  # PATCH without a change: nothing to do
                return 200, self.represent(enrollment)
            enrollment_change_due_date(
                enrollment=enrollment,
                due_at=values["due_at"],
                actor=None,
                actor_label=self.actor_label,
                reason=self.reason(values["reason"], "Due date changed by an integrator"),
            )
            return 200, self.represent(enrollment)

        return self.run_once(request, change)


class EnrollmentCancelApi(EnrollmentWriteApi):
    required_scopes = {"POST": Scope.ENROLLMENTS_WRITE}

    class EnrollmentCancelInput(serializers.Serializer):
        reason = serializers.CharField(required=False, default="", max_length=500, allow_blank=True)

    @extend_schema(
        operation_id="enrollments_cancel",
        summary="Cancel an assignment",
        description="The enrolment and its history stay; syncs report it as a tombstone. "
        "Cancelling twice changes nothing.",
        request=EnrollmentCancelInput,
        parameters=[IDEMPOTENCY_KEY, RETRY_AFTER],
        responses={200: EnrollmentSerializer, **errors(400, 403, 404, 409, 415)},
        examples=[
            OpenApiExample(
                "Left the company", value={"reason": "Left the company"}, request_only=True
            )
        ],
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        data = self.EnrollmentCancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data["reason"]

        def change() -> tuple[int, dict[str, Any]]:
            enrollment = enrollment_get(
                organisation_id=self.organisation_id, enrollment_id=enrollment_id
            )
            enrollment_cancel(
                enrollment=enrollment,
                actor=None,
                actor_label=self.actor_label,
                reason=self.reason(reason, "Cancelled by an integrator"),
            )
            return 200, self.represent(enrollment)

        return self.run_once(request, change)
