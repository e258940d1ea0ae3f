"""Admin screens follow the same scoping rule as every HR page: HR staff with admin
access see only the rows about people in their organisation (a row outside is a 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from .access import people_visible_to, sees_everyone


class ScopedToViewerAdmin:
    """Mix into a ``ModelAdmin`` before it; ``person_field`` leads from a row to the
    person it is about (``"pk"`` for the user admin itself)."""

    person_field = "user"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        viewer: Any = request.user
        if sees_everyone(viewer):
            return queryset
        return queryset.filter(**{f"{self.person_field}__in": people_visible_to(viewer)})
