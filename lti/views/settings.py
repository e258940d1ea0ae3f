"""HR's LTI pages: the values a platform needs from Attune, the registrations, and the
connection test. The same rule as single sign-on: HR or staff of the organisation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import may_manage_organisation, page_for
from accounts.http import AuthedRequest

from ..connection import connection_check
from ..forms import PlatformForm
from ..models import Platform
from ..selectors import platform_contexts, platform_of, platforms_of, score_summary
from ..services.platforms import platform_save
from ..services.roster import rosters_sync_queue


def _tool_urls(request: AuthedRequest) -> dict[str, str]:
    """What the platform asks for, ready to copy."""
    url = request.build_absolute_uri
    return {
        "login_url": url(reverse("lti:login")),
        "launch_url": url(reverse("lti:launch")),
        "keyset_url": url(reverse("lti:keyset")),
        "deep_linking_url": url(reverse("lti:launch")),
    }


def _page(
    request: AuthedRequest,
    form: PlatformForm,
    platform: Platform | None,
    checks: list[tuple[bool, str]] | None = None,
) -> HttpResponse:
    organisation = request.user.organisation
    assert organisation is not None  # may_manage_organisation
    context = {
        "form": form,
        "platform": platform,
        "platforms": platforms_of(organisation.pk),
        "contexts": platform_contexts(platform) if platform else [],
        "scores": score_summary(platform) if platform else None,
        "checks": checks,
        "checks_passed": checks is not None and all(ok for ok, _ in checks),
        "organisation": organisation,
        **_tool_urls(request),
    }
    return render(request, "lti/settings.html", context)


def _save(request: AuthedRequest, form: PlatformForm, platform: Platform | None) -> Platform:
    return platform_save(
        organisation=request.user.organisation,  # type: ignore[arg-type]
        actor=request.user,
        platform=platform,
        **form.cleaned_data,
    )


@page_for(may_manage_organisation)
def lti_settings(request: AuthedRequest) -> HttpResponse:
    """The tool's URLs, the organisation's platforms, and a form to register one."""
    form = PlatformForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, None)
        messages.success(request, "Platform registered. Test the connection below.")
        return redirect("lti:platform", saved.pk)
    return _page(request, form, None)


@page_for(may_manage_organisation)
def lti_platform(request: AuthedRequest, platform_id: int) -> HttpResponse:
    platform = platform_of(request.user.organisation_id, platform_id)  # type: ignore[arg-type]
    form = PlatformForm(request.POST or None, instance=platform)
    if request.method == "POST" and form.is_valid():
        _save(request, form, platform)
        messages.success(request, "Platform saved. Test the connection below.")
        return redirect("lti:platform", platform.pk)
    return _page(request, form, platform)


@page_for(may_manage_organisation)
@require_POST
def lti_platform_roster(request: AuthedRequest, platform_id: int) -> HttpResponse:
    """Pre-create the roster of every course the platform launched Attune from."""
    platform = platform_of(request.user.organisation_id, platform_id)  # type: ignore[arg-type]
    queued = rosters_sync_queue(platform=platform)
    if queued:
        messages.success(request, f"Reading the roster of {queued} course(s) from the platform.")
    else:
        messages.error(request, "No course has launched Attune from this platform yet.")
    return redirect("lti:platform", platform.pk)


@page_for(may_manage_organisation)
@require_POST
def lti_platform_test(request: AuthedRequest, platform_id: int) -> HttpResponse:
    platform = platform_of(request.user.organisation_id, platform_id)  # type: ignore[arg-type]
    form = PlatformForm(instance=platform)
    return _page(request, form, platform, checks=connection_check(platform))
