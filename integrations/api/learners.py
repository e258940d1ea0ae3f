"""Learners, keyed by the employer's own employee id."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from integrations.models import Scope
from integrations.selectors.learners import learner_get, learners_of
from integrations.selectors.sync import sync_page

from .base import IntegratorApi, conditional_response
from .docs import ETAG, IF_NONE_MATCH, NOT_MODIFIED, RETRY_AFTER, errors
from .sync import SyncParams, envelope, page_body, sync_query

EXAMPLE = {
    "id": 7,
    "employee_id": "NW-1001",
    "first_name": "Maya",
    "last_name": "Okafor",
    "email": "maya@northwind.example",
    "department": "Customer Care",
    "team": "Billing",
    "manager_employee_id": "NW-0042",
    "is_active": True,
}


class LearnerSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Attune's id.")
    employee_id = serializers.CharField(allow_null=True, help_text="Your id for the employee.")
    first_name = serializers.CharField(allow_blank=True)
    last_name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    department = serializers.CharField(allow_null=True, source="department.name", default=None)
    team = serializers.CharField(allow_null=True, source="team.name", default=None)
    manager_employee_id = serializers.CharField(
        allow_null=True, source="manager.employee_id", default=None
    )
    is_active = serializers.BooleanField()

    def to_representation(self, instance: object) -> dict[str, object]:
        data = super().to_representation(instance)
        data["employee_id"] = data["employee_id"] or None  # "" means "not set"
        data["manager_employee_id"] = data["manager_employee_id"] or None
        return data


class LearnerListApi(IntegratorApi):
    required_scopes = {"GET": Scope.LEARNERS_READ}

    Page = envelope(LearnerSerializer, "LearnerPage")
    query_serializer = SyncParams

    @extend_schema(
        operation_id="learners_list",
        summary="List learners",
        description="Everyone in your organisation, in pages of a stable order. With "
        "`updated_since`, only people whose record (name, email, team, manager, employee id, "
        "active flag) changed since then.",
        parameters=[SyncParams, RETRY_AFTER],
        responses={200: Page, **errors(400, 403)},
    )
    def get(self, request: Request) -> Response:
        params = SyncParams(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        size = params.validated_data["page_size"]
        page = sync_page(
            query=sync_query(params.validated_data, resource="learners"),
            rows=learners_of(self.organisation_id),
            changed_field="updated_at",
            page_size=size,
            load=list,
        )
        body = page_body(request, page, size)
        body["results"] = LearnerSerializer(page.items, many=True).data
        return Response(body)


class LearnerDetailApi(IntegratorApi):
    required_scopes = {"GET": Scope.LEARNERS_READ}

    @extend_schema(
        operation_id="learners_retrieve",
        summary="Read one learner",
        parameters=[IF_NONE_MATCH, ETAG, RETRY_AFTER],
        responses={200: LearnerSerializer, 304: NOT_MODIFIED, **errors(400, 403, 404)},
        examples=[OpenApiExample("Learner", value=EXAMPLE, response_only=True, status_codes=[200])],
    )
    def get(self, request: Request, employee_id: str) -> Response:
        learner = learner_get(organisation_id=self.organisation_id, employee_id=employee_id)
        return conditional_response(request, LearnerSerializer(learner).data)
