"""Template helpers for links to the integrations pages (``{% load integrations_tags %}``)."""

from __future__ import annotations

from typing import Any

from django import template

from ..permissions import can_manage_integrations

register = template.Library()


@register.filter
def manages_integrations(user: Any) -> bool:
    """Whether the HR navigation shows the Integrations link."""
    return bool(getattr(user, "is_authenticated", False)) and can_manage_integrations(user)
