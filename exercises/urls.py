from django.urls import path

from .views import checks, conversation, learner, review

app_name = "exercises"

urlpatterns = [
    path(
        "courses/<slug:course_slug>/exercises/<slug:slug>/",
        learner.exercise_detail,
        name="detail",
    ),
    path(
        "courses/<slug:course_slug>/exercises/<slug:slug>/submit/",
        learner.exercise_submit,
        name="submit",
    ),
    path("courses/<slug:course_slug>/checks/", checks.check_results_page, name="check_results"),
    path("courses/<slug:course_slug>/checks/<slug:slug>/", checks.check_detail, name="check"),
    path(
        "courses/<slug:course_slug>/exercises/<slug:slug>/conversation/start/",
        conversation.start,
        name="conversation_start",
    ),
    path(
        "conversations/<int:conversation_id>/reply/",
        conversation.reply,
        name="conversation_reply",
    ),
    path(
        "conversations/<int:conversation_id>/",
        conversation.status,
        name="conversation_status",
    ),
    path("submissions/<int:submission_id>/", learner.submission_status, name="status"),
    path("review/", review.queue, name="review_queue"),
    path("review/<int:submission_id>/", review.review, name="review"),
    path("review/<int:submission_id>/grade-again/", review.grade_again, name="grade_again"),
]
