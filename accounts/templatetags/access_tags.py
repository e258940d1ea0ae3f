"""The role rules of ``accounts.access`` for templates (``{% load access_tags %}``):
a link shows exactly when the page behind it would let the user in."""

from __future__ import annotations

from typing import Any

from django import template

from accounts import access

register = template.Library()


@register.filter
def may_view_dashboard(user: Any) -> bool:
    return access.may_view_dashboard(user)


@register.filter
def may_manage_organisation(user: Any) -> bool:
    return access.may_manage_organisation(user)


@register.filter
def may_review_gradings(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and access.may_review_gradings(user)
