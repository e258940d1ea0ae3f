"""Project-level views that belong to no app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .metrics_access import metrics_allowed, metrics_exposition
from .readiness import readiness


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers HTTP. No database, no session, no template, so a
    load balancer's probe costs nothing and a database outage does not restart every
    web worker (readiness is a different question)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 when the database, the broker and the cache answer; 503 naming the
    ones that do not, so the balancer stops sending work here until they are back."""
    checks = readiness()
    failed = [name for name, result in checks.items() if result != "ok"]
    body = {"status": "not ready" if failed else "ready", "failed": failed, "checks": checks}
    return JsonResponse(body, status=503 if failed else 200)


@login_not_required
@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics of every web and worker process, for a scraper that shows the
    token or comes from an allowed address; anyone else gets 403."""
    if not metrics_allowed(request):
        return HttpResponse("Forbidden", status=403, content_type="text/plain; charset=utf-8")
    body, content_type = metrics_exposition()
    return HttpResponse(body, content_type=content_type)
