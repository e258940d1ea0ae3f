"""/accounts/sso/: signing in with an organisation's OpenID Connect provider."""

from django.urls import path

from . import views

urlpatterns = [
    path("sso/", views.sso_find, name="sso_find"),
    path("sso/settings/", views.sso_settings, name="sso_settings"),
    path("sso/settings/test/", views.sso_settings_test, name="sso_settings_test"),
    path("sso/<slug:organisation_slug>/", views.sso_landing, name="sso_landing"),
    path("sso/<slug:organisation_slug>/login/", views.sso_login, name="sso_login"),
    path("sso/<slug:organisation_slug>/callback/", views.sso_callback, name="sso_callback"),
]
