"""Audit entries for login lockouts (django-axes sends ``user_locked_out``)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest

from .services import login_lockout_record


@receiver(user_locked_out, dispatch_uid="attune-audit-lockout")
def _audit_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str, **_: Any
) -> None:
    # Axes signals on every refused attempt during a lockout as well; record only the
    # attempt that reached the limit, so one lockout is one audit entry.
    if getattr(request, "axes_failures_since_start", None) != settings.ATTUNE_LOGIN_FAILURE_LIMIT:
        return
    login_lockout_record(username=username or "", address=ip_address or "")
