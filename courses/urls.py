from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path(
        "courses/<slug:course_slug>/stages/<slug:stage_slug>/job-aid.pdf",
        views.stage_handout,
        {"handout": "job_aid"},
        name="job_aid",
    ),
    path(
        "courses/<slug:course_slug>/stages/<slug:stage_slug>/manager-guide.pdf",
        views.stage_handout,
        {"handout": "manager_guide"},
        name="manager_guide",
    ),
    path("certificates/", views.certificate_lookup, name="certificate_lookup"),
    path("certificates/<str:code>/", views.certificate_verify, name="certificate"),
]
