"""Template helpers for HR pages (``{% load hr_tags %}``)."""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def with_query(query: dict[str, str], **extra: object) -> str:
    """The dashboard filters as a query string, with ``extra`` set (e.g. page=2)."""
    params = QueryDict(mutable=True)
    params.update(query)
    for key, value in extra.items():
        params[key] = str(value)
    return params.urlencode()
