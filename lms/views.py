"""Project-level views that belong to no app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers HTTP. No database, no session, no template, so a
    load balancer's probe costs nothing and a database outage does not restart every
    web worker (readiness is a different question)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
