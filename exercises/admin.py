from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.admin_scoping import ScopedToViewerAdmin
from accounts.scoping import may_read_answers

from .models import Exercise, Submission


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "kind", "rubric", "pass_mark", "lesson", "is_active")
    list_filter = ("course", "kind", "rubric", "is_active")
    search_fields = ("slug", "title")


@admin.register(Submission)
class SubmissionAdmin(ScopedToViewerAdmin, admin.ModelAdmin):
    """Staff see the state of every submission; the answer text itself is private to the
    learner unless they chose to share it, and is hidden from everyone but superusers."""

    person_field = "learner"

    list_display = ("learner", "exercise", "attempt", "status", "score", "passed", "submitted_at")
    list_filter = ("status", "exercise__course", "passed")
    search_fields = ("learner__username",)
    list_select_related = ("learner", "exercise")
    readonly_fields = (
        "exercise", "enrollment", "learner", "attempt", "status", "score", "passed",
        "grader_version", "submitted_at", "queued_at", "grading_started_at", "graded_at",
        "failed_at", "grading_attempts", "error",
    )  # fmt: skip

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(self.readonly_fields)
        if request.user.is_superuser or (
            obj is not None and may_read_answers(request.user, obj.learner)  # type: ignore[arg-type]
        ):
            fields.append("answer_text")
        return fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
