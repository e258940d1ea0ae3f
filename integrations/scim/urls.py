"""/scim/v2/: SCIM 2.0 for identity providers (Entra ID, Okta, …)."""

from django.urls import path, re_path

from . import views

app_name = "scim"

urlpatterns = [
    path("Users", views.UsersView.as_view(), name="users"),
    path("Users/<str:resource_id>", views.UsersView.as_view(), name="user"),
    path("Groups", views.GroupsView.as_view(), name="groups"),
    path("Groups/<str:resource_id>", views.GroupsView.as_view(), name="group"),
    path("ServiceProviderConfig", views.ServiceProviderConfigView.as_view(), name="config"),
    path("ResourceTypes", views.ResourceTypesView.as_view(), name="resource_types"),
    path(
        "ResourceTypes/<str:resource_id>", views.ResourceTypesView.as_view(), name="resource_type"
    ),
    path("Schemas", views.SchemasView.as_view(), name="schemas"),
    path("Schemas/<str:resource_id>", views.SchemasView.as_view(), name="schema"),
    path(".search", views.SearchAllView.as_view(), name="search"),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found"),
]
