"""Template helpers for HR links (``{% load hr_tags %}``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

from ..permissions import can_view_dashboard

register = template.Library()


@register.filter
def sees_hr_dashboard(user: Any) -> bool:
    """Whether the header shows the dashboard link."""
    return can_view_dashboard(user)


@register.simple_tag
def with_query(query: dict[str, str], **extra: object) -> str:
    """The dashboard filters as a query string, with ``extra`` set (e.g. page=2)."""
    params = QueryDict(mutable=True)
    params.update(query)
    for key, value in extra.items():
        params[key] = str(value)
    return params.urlencode()
