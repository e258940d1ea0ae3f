from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .admin_scoping import ScopedToViewerAdmin
from .models import User


@admin.register(User)
class AttuneUserAdmin(ScopedToViewerAdmin, UserAdmin):
    person_field = "pk"
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Attune", {"fields": ("role", "communication_style", "share_answers_with_hr")}),
    )
