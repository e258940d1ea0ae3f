from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.access import may_read_answers, may_review_gradings
from accounts.admin_scoping import ScopedToViewerAdmin

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
        viewer: Any = request.user
        # Trainers read answers to check the grader (as in the review queue); anyone else
        # only with the learner's consent.
        if may_review_gradings(viewer) or (
            obj is not None and may_read_answers(viewer, obj.learner)
        ):
            fields.append("answer_text")
        return fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
