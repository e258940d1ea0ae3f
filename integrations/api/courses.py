"""The courses an integrator can assign, with their stages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from integrations.selectors.learners import courses_list

from .base import IntegratorApi
from .docs import RETRY_AFTER, errors


class CourseListApi(IntegratorApi):
    class Course(serializers.Serializer):
        class CourseStage(serializers.Serializer):
            slug = serializers.CharField()
            position = serializers.IntegerField()
            title = serializers.CharField()

        slug = serializers.CharField()
        title = serializers.CharField()
        stages = CourseStage(many=True, source="active_stages")

    @extend_schema(
        operation_id="courses_list",
        summary="List courses",
        description="Course and stage slugs, as used by the other endpoints. Any credential.",
        parameters=[RETRY_AFTER],
        responses={200: Course(many=True), **errors()},
    )
    def get(self, request: Request) -> Response:
        return Response(self.Course(courses_list(), many=True).data)
