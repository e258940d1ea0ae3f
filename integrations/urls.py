"""/integrations/: HR manages credentials and webhooks for their organisation."""

from django.urls import path

from . import views

app_name = "integrations"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("credentials/new/", views.client_create, name="client_create"),
    path("credentials/<int:client_id>/revoke/", views.client_revoke, name="client_revoke"),
    path("webhooks/new/", views.subscription_create, name="subscription_create"),
    path("webhooks/<int:subscription_id>/", views.subscription_detail, name="subscription"),
    path(
        "webhooks/<int:subscription_id>/enable/",
        views.subscription_enable,
        name="subscription_enable",
    ),
    path(
        "webhooks/<int:subscription_id>/delete/",
        views.subscription_delete,
        name="subscription_delete",
    ),
    path("deliveries/<int:delivery_id>/resend/", views.delivery_resend, name="delivery_resend"),
]
