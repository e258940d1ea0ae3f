"""Login protection (django-axes): who is asking, what a locked-out person sees, and
whether an account is locked now.

Axes counts failed logins per account and per address in its own tables and refuses
further attempts (the right password too) until the cool-off has passed or HR unlock
the account. The numbers come from ``ATTUNE_LOGIN_*`` settings (lms/settings/base.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import User


def client_address(request: HttpRequest) -> str:
    """The address that counts for lockout.

    Behind ``ATTUNE_TRUSTED_PROXY_COUNT`` proxies, each appends the address it saw to
    X-Forwarded-For, so the client is the entry that many places from the right; anything
    further left was written by the client itself and is not trusted. With no proxy (or a
    header shorter than promised) the socket's address is used.
    """
    proxies = settings.ATTUNE_TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The page a locked-out person sees: 429, what happened, when to try again, and who
    can unlock them sooner."""
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": settings.ATTUNE_LOGIN_COOLOFF_MINUTES},
        status=429,
    )


def cooloff() -> timedelta:
    return timedelta(minutes=settings.ATTUNE_LOGIN_COOLOFF_MINUTES)


def login_is_locked(user: User) -> bool:
    """Whether ``user``'s account has reached the failure limit within the cool-off."""
    failures = AccessAttempt.objects.filter(
        username=user.username, attempt_time__gte=timezone.now() - cooloff()
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= settings.ATTUNE_LOGIN_FAILURE_LIMIT
