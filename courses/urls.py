from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.home, name="home"),
    path("courses/<slug:course_slug>/", views.overview, name="overview"),
    path("courses/<slug:course_slug>/enrol/", views.enrol, name="enrol"),
    path("courses/<slug:course_slug>/continue/", views.resume, name="resume"),
    path("courses/<slug:course_slug>/complete/", views.completion, name="completion"),
    path(
        "courses/<slug:course_slug>/lessons/<slug:lesson_slug>/",
        views.lesson_detail,
        name="lesson",
    ),
    path("certificates/", views.certificate_lookup, name="certificate_lookup"),
    path("certificates/<str:code>/", views.certificate_verify, name="certificate"),
]
