"""Progress per learner and course, and completions: sync feeds and single resources."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from integrations.models import Scope
from integrations.selectors.learners import enrollment_get, learner_enrollment_get
from integrations.selectors.progress_records import (
    enrollment_changed_since,
    enrollments_of,
    progress_records,
    tombstone_records,
    tombstones_of,
)
from integrations.selectors.sync import sync_page

from .base import IntegratorApi, conditional_response
from .docs import ETAG, IF_NONE_MATCH, NOT_MODIFIED, RETRY_AFTER, errors
from .serializers import (
    CompletionSerializer,
    ProgressSerializer,
    ProgressSummarySerializer,
    represent,
)
from .sync import SyncParams, envelope, page_body, sync_query

EXAMPLE = {
    "id": 42,
    "learner": {"id": 7, "employee_id": "NW-1001", "name": "Maya Okafor"},
    "course": "empathy-in-customer-service",
    "status": "completed",
    "deleted": False,
    "percent": 100,
    "due_at": "2025-03-31T17:00:00Z",
    "overdue": False,
    "enrolled_at": "2025-03-01T09:12:44Z",
    "started_at": "2025-03-01T09:15:02Z",
    "completed_at": "2025-03-12T15:40:09Z",
    "cancelled_at": None,
    "updated_at": "2025-03-12T15:40:09Z",
    "certificate": {
        "code": "K7QX-M2RT-9ZPA",
        "issued_at": "2025-03-12T15:40:09Z",
        "verification_url": "https://attune.example/certificates/K7QX-M2RT-9ZPA/",
    },
    "stages": [
        {"slug": "noticing", "title": "Noticing the feeling", "position": 1,
         "state": "done", "completed_at": "2025-03-04T10:02:13Z"},
    ],
    "exercises": [
        {"slug": "reply-double-charge", "title": "Reply to a double charge", "stage": "noticing",
         "kind": "free_text", "attempts": 2, "best_score": 80.0, "passed": True,
         "passed_at": "2025-03-04T10:02:13Z",
         "criteria": [{"criterion": "acknowledges_emotion", "label": "Responds to the feeling",
                       "level": 2, "max_level": 2}]},
    ],
}  # fmt: skip


class ProgressListApi(IntegratorApi):
    required_scopes = {"GET": Scope.PROGRESS_READ}

    class Params(SyncParams):
        course = serializers.SlugField(required=False, help_text="Only this course (slug).")
        detail = serializers.BooleanField(
            required=False,
            default=False,
            help_text="Also each stage's state and per-exercise scores (`stages`, "
            "`exercises`): some 11 kB a record, against 0.4 kB without.",
        )

    Page = envelope(ProgressSerializer, "ProgressPage")
    query_serializer = Params

    @extend_schema(
        operation_id="progress_list",
        summary="Sync progress",
        description="Each learner's progress in each course: status, percent, due date, "
        "completion and certificate; with `detail=true` also every stage's state, "
        "per-exercise attempts and per-criterion scores (as `/progress/{id}/` always has). "
        "Never the learner's answers.",
        parameters=[Params, RETRY_AFTER],
        responses={200: Page, **errors(400, 403)},
    )
    def get(self, request: Request) -> Response:
        params = self.Params(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        values = params.validated_data
        filters = {"course": values["course"]} if "course" in values else {}
        if values["detail"]:
            filters["detail"] = "true"
        query = sync_query(values, resource="progress", filters=filters)
        detail = query.filters.get("detail") == "true"
        course = query.filters.get("course")
        page = sync_page(
            query=query,
            rows=enrollments_of(self.organisation_id, course=course),
            changed_since=enrollment_changed_since,
            page_size=values["page_size"],
            tombstones=tombstones_of(self.organisation_id, course=course),
            load=lambda es: progress_records(
                es, certificate_url=self.certificate_url, detail=detail
            ),
            load_tombstones=tombstone_records,
        )
        body = page_body(request, page, values["page_size"])
        shape = ProgressSerializer if detail else ProgressSummarySerializer
        body["results"] = represent(page.items, shape)
        return Response(body)


class ProgressDetailApi(IntegratorApi):
    required_scopes = {"GET": Scope.PROGRESS_READ}

    @extend_schema(
        operation_id="progress_retrieve",
        summary="Progress of one enrolment",
        parameters=[IF_NONE_MATCH, ETAG, RETRY_AFTER],
        responses={200: ProgressSerializer, 304: NOT_MODIFIED, **errors(400, 403, 404)},
        examples=[
            OpenApiExample("Completed", value=EXAMPLE, response_only=True, status_codes=[200])
        ],
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_get(
            organisation_id=self.organisation_id, enrollment_id=enrollment_id
        )
        (record,) = progress_records([enrollment], certificate_url=self.certificate_url)
        return conditional_response(request, ProgressSerializer(record).data)


class LearnerProgressApi(IntegratorApi):
    required_scopes = {"GET": Scope.PROGRESS_READ}

    @extend_schema(
        operation_id="learner_progress_retrieve",
        summary="Progress of a learner in a course",
        description="The same record as /progress/{id}/, addressed by your employee id and "
        "the course slug.",
        parameters=[IF_NONE_MATCH, ETAG, RETRY_AFTER],
        responses={200: ProgressSerializer, 304: NOT_MODIFIED, **errors(400, 403, 404)},
        examples=[
            OpenApiExample("Completed", value=EXAMPLE, response_only=True, status_codes=[200])
        ],
    )
    def get(self, request: Request, employee_id: str, course: str) -> Response:
        enrollment = learner_enrollment_get(
            organisation_id=self.organisation_id, employee_id=employee_id, course=course
        )
        (record,) = progress_records([enrollment], certificate_url=self.certificate_url)
        return conditional_response(request, ProgressSerializer(record).data)


class CompletionListApi(IntegratorApi):
    required_scopes = {"GET": Scope.PROGRESS_READ}

    Page = envelope(CompletionSerializer, "CompletionPage")
    query_serializer = SyncParams

    @extend_schema(
        operation_id="completions_list",
        summary="Sync completions",
        description="Who completed which course, when, with which certificate. A completion "
        "whose enrolment is later cancelled or removed comes back as a tombstone.",
        parameters=[SyncParams, RETRY_AFTER],
        responses={200: Page, **errors(400, 403)},
    )
    def get(self, request: Request) -> Response:
        params = SyncParams(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        values = params.validated_data
        page = sync_page(
            query=sync_query(values, resource="completions"),
            rows=enrollments_of(self.organisation_id).filter(completed_at__isnull=False),
            changed_since=enrollment_changed_since,
            page_size=values["page_size"],
            tombstones=tombstones_of(self.organisation_id).filter(completed_at__isnull=False),
            load=lambda es: progress_records(
                es, certificate_url=self.certificate_url, detail=False
            ),
            load_tombstones=tombstone_records,
        )
        body = page_body(request, page, values["page_size"])
        body["results"] = represent(page.items, CompletionSerializer)
        return Response(body)
