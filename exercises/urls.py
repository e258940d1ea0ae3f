from django.urls import path

from . import views

app_name = "exercises"

urlpatterns = [
    path(
        "courses/<slug:course_slug>/exercises/<slug:slug>/",
        views.exercise_detail,
        name="detail",
    ),
    path(
        "courses/<slug:course_slug>/exercises/<slug:slug>/submit/",
        views.exercise_submit,
        name="submit",
    ),
    path("submissions/<int:submission_id>/", views.submission_status, name="status"),
]
