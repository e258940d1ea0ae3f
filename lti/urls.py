"""/lti/: what a platform calls, and HR's registration pages."""

from django.urls import path

from .views import deep_linking, launches, settings

app_name = "lti"
urlpatterns = [
    path("login/", launches.lti_login, name="login"),
    path("launch/", launches.lti_launch, name="launch"),
    path("continue/<str:token>/", launches.lti_continue, name="continue"),
    path("jwks/", launches.lti_keyset, name="keyset"),
    path("deep-linking/", deep_linking.deep_link_respond, name="deep_link_respond"),
    path("settings/", settings.lti_settings, name="settings"),
    path("settings/<int:platform_id>/", settings.lti_platform, name="platform"),
    path("settings/<int:platform_id>/test/", settings.lti_platform_test, name="platform_test"),
    path("settings/<int:platform_id>/roster/", settings.lti_platform_roster, name="roster"),
]
