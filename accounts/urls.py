from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
]
