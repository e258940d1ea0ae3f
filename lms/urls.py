from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.sso.forms import LoginForm

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", views.metrics, name="metrics"),
    path(
        "accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("integrations.api.urls")),
    path("scim/v2/", include("integrations.scim.urls")),
    path("integrations/", include("integrations.urls")),
    path("hr/", include("hr.urls")),
    path("lti/", include("lti.urls")),
    path("", include("learning.urls")),
    path("", include("exercises.urls")),
    path("", include("courses.urls")),
]
