from django.urls import path

from .views import checks, conversation, course, exercise

app_name = "learning"

urlpatterns = [
    path("", course.home, name="home"),
    path("courses/<slug:course_slug>/", course.overview, name="overview"),
    path("courses/<slug:course_slug>/enrol/", course.enrol, name="enrol"),
    path("courses/<slug:course_slug>/continue/", course.resume, name="resume"),
    path("courses/<slug:course_slug>/complete/", course.completion, name="completion"),
    path(
        "courses/<slug:course_slug>/lessons/<slug:lesson_slug>/",
        course.lesson_detail,
        name="lesson",
    ),
    path(
        "courses/<slug:course_slug>/exercises/<slug:slug>/",
        exercise.exercise_detail,
        name="exercise",
    ),
    path(
        "courses/<slug:course_slug>/exercises/<slug:slug>/submit/",
        exercise.exercise_submit,
        name="exercise_submit",
    ),
    path("submissions/<int:submission_id>/", exercise.submission_status, name="submission_status"),
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
]
