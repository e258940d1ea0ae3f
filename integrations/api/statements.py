"""xAPI statements, readable as a sync feed."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from integrations.models import Scope, XapiStatement
from integrations.selectors.sync import sync_page

from .base import IntegratorApi
from .docs import RETRY_AFTER, errors
from .sync import SyncParams, envelope, page_body, sync_query

EXAMPLE = {
    "id": "3f1c1f0e-4a8e-5f43-9d6b-8d2a4c1e7b90",
    "version": "1.0.3",
    "timestamp": "2025-03-04T10:02:13+00:00",
    "actor": {
        "objectType": "Agent",
        "name": "Maya Okafor",
        "account": {"homePage": "https://attune.example/", "name": "NW-1001"},
    },
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-GB": "passed"}},
    "object": {
        "objectType": "Activity",
        "id": "https://attune.example/xapi/activities/empathy/exercises/reply-double-charge",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "name": {"en-GB": "Reply to a double charge"},
        },
    },
    "result": {
        "score": {"scaled": 0.8, "raw": 80.0, "min": 0, "max": 100},
        "success": True,
        "completion": True,
    },
    "context": {"platform": "Attune", "language": "en-GB"},
}


class StatementSerializer(serializers.Serializer):
    """An xAPI 1.0.3 statement (https://github.com/adlnet/xAPI-Spec)."""

    id = serializers.UUIDField()
    version = serializers.CharField()
    timestamp = serializers.CharField()
    actor = serializers.DictField()
    verb = serializers.DictField()
    object = serializers.DictField()  # xAPI's name
    result = serializers.DictField(required=False)
    context = serializers.DictField()  # type: ignore[assignment]  # xAPI's name


class StatementListApi(IntegratorApi):
    required_scopes = {"GET": Scope.STATEMENTS_READ}

    Page = envelope(StatementSerializer, "StatementPage")
    query_serializer = SyncParams

    @extend_schema(
        operation_id="statements_list",
        summary="Sync xAPI statements",
        description="Statements (launched, experienced, answered, passed, failed, completed) "
        "with actor, verb, object and result (scaled score), oldest first. "
        "`updated_since` keeps statements stored after that instant.",
        parameters=[SyncParams, RETRY_AFTER],
        responses={200: Page, **errors(400, 403)},
        examples=[
            OpenApiExample(
                "A passed exercise", value=EXAMPLE, response_only=True, status_codes=[200]
            )
        ],
    )
    def get(self, request: Request) -> Response:
        params = SyncParams(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        values = params.validated_data
        page = sync_page(
            query=sync_query(values, resource="statements"),
            rows=XapiStatement.objects.filter(organisation_id=self.organisation_id),
            changed_field="stored_at",
            page_size=values["page_size"],
            load=lambda rows: [row.statement for row in rows],
        )
        return Response(page_body(request, page, values["page_size"]))
