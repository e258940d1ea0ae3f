"""/api/v1/: the integrator API, its OpenAPI schema and interactive docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import (
    courses,
    enrollments,
    errors,
    learners,
    progress,
    statements,
    webhook_deliveries,
    webhooks,
)
from .docs_view import ApiDocsView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("courses/", courses.CourseListApi.as_view(), name="api-courses"),
    path("learners/", learners.LearnerListApi.as_view(), name="api-learners"),
    path("learners/<str:employee_id>/", learners.LearnerDetailApi.as_view(), name="api-learner"),
    path(
        "learners/<str:employee_id>/progress/<slug:course>/",
        progress.LearnerProgressApi.as_view(),
        name="api-learner-progress",
    ),
    path("enrollments/", enrollments.EnrollmentsApi.as_view(), name="api-enrollments"),
    path(
        "enrollments/<int:enrollment_id>/",
        enrollments.EnrollmentDetailApi.as_view(),
        name="api-enrollment",
    ),
    path(
        "enrollments/<int:enrollment_id>/cancel/",
        enrollments.EnrollmentCancelApi.as_view(),
        name="api-enrollment-cancel",
    ),
    path("progress/", progress.ProgressListApi.as_view(), name="api-progress"),
    path(
        "progress/<int:enrollment_id>/",
        progress.ProgressDetailApi.as_view(),
        name="api-progress-detail",
    ),
    path("completions/", progress.CompletionListApi.as_view(), name="api-completions"),
    path("statements/", statements.StatementListApi.as_view(), name="api-statements"),
    path("webhooks/", webhooks.WebhookListApi.as_view(), name="api-webhooks"),
    path(
        "webhooks/<int:subscription_id>/",
        webhooks.WebhookDetailApi.as_view(),
        name="api-webhook",
    ),
    path(
        "webhooks/<int:subscription_id>/rotate-secret/",
        webhooks.WebhookSecretApi.as_view(),
        name="api-webhook-secret",
    ),
    path(
        "webhooks/<int:subscription_id>/deliveries/",
        webhook_deliveries.DeliveriesApi.as_view(),
        name="api-webhook-deliveries",
    ),
    path(
        "webhooks/<int:subscription_id>/deliveries/resend-failed/",
        webhook_deliveries.ResendFailedApi.as_view(),
        name="api-webhook-resend-failed",
    ),
    path(
        "webhooks/<int:subscription_id>/deliveries/<int:delivery_id>/resend/",
        webhook_deliveries.DeliveryResendApi.as_view(),
        name="api-webhook-delivery-resend",
    ),
    re_path(r"^[\s\S]*$", errors.not_found),  # any other path, newlines included
]
