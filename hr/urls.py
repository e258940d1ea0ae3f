from django.urls import path

from .views import dashboard, learners, manage

app_name = "hr"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("export.csv", dashboard.export_csv, name="export_csv"),
    path("export.xlsx", dashboard.export_xlsx, name="export_xlsx"),
    path("learners/<int:learner_id>/", learners.learner_detail, name="learner"),
    path("learners/<int:learner_id>/unlock/", learners.learner_unlock, name="learner_unlock"),
    path(
        "enrollments/<int:enrollment_id>/due-date/",
        learners.enrollment_due_date,
        name="enrollment_due_date",
    ),
    path(
        "enrollments/<int:enrollment_id>/complete/",
        learners.enrollment_complete,
        name="enrollment_complete",
    ),
    path("assign/", manage.assign, name="assign"),
    path("import/", manage.import_people, name="import"),
    path("policy/", manage.policy, name="policy"),
]
