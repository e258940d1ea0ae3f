from django.urls import path

from . import views
from .sso.urls import urlpatterns as sso_urlpatterns

app_name = "accounts"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    *sso_urlpatterns,
]
