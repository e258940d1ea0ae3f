"""What the platform calls: the third-party login, the launch, and our public keyset.

The platform posts from another site, so these take no CSRF token: the state cookie
and the platform's signature on the id_token are what prove the request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.exception import LtiException

from .. import claims as c
from ..continuation import continuation_read, continue_token, continued_user
from ..errors import LtiError, Refusal
from ..keys import published_keyset
from ..launch import (
    launch_begin,
    login_platform_id,
    login_redirect,
    platform_for_login,
    validated_launch,
)
from ..models import Platform
from ..selectors import (
    launch_target,
    platform_by_id,
    platform_learner_standing,
    target_url,
)
from ..services.launches import Target, lti_launch_land, lti_user_resolve
from ..services.roster import context_record
from .common import framed, refused
from .deep_linking import picker_page

BACKEND = "lti.backends.LtiLaunchBackend"
KEYSET_MAX_AGE = 300  # a rotated key stays published far longer than this


@csrf_exempt
@require_http_methods(["GET", "POST"])
def lti_login(request: HttpRequest) -> HttpResponse:
    """OIDC third-party initiated login: back to the platform with state and nonce."""
    try:
        platform = platform_for_login(request)
    except LtiError as error:
        return refused(request, None, error)
    try:
        return login_redirect(request, platform, request.build_absolute_uri(reverse("lti:launch")))
    except LtiError as error:
        return refused(request, platform, error)


@csrf_exempt
@require_POST
def lti_launch(request: HttpRequest) -> HttpResponse:
    """The signed launch: checked, then the learner lands where the link points (or an
    instructor's Deep Linking request gets the picker)."""
    try:
        launch = launch_begin(request)
    except LtiException as error:  # over HTTPS: no launch session cookie came back
        return refused(request, None, LtiError(Refusal.COOKIES, str(error)))
    try:
        claims = validated_launch(launch)
        platform = launch.platform
        assert platform is not None
        if claims.get(c.MESSAGE_TYPE) == "LtiDeepLinkingRequest":
            return picker_page(request, platform, claims)
        target = launch_target(platform, claims)
        if c.teaches_only(claims):
            return instructor_page(request, platform, claims, target)
        user = lti_user_resolve(platform=platform, claims=claims)
        lti_launch_land(platform=platform, user=user, claims=claims, target=target)
    except LtiError as error:
        platform_id = launch.platform.pk if launch.platform else login_platform_id(launch)
        return refused(request, platform_by_id(platform_id), error)
    if request.headers.get("Sec-Fetch-Dest") == "iframe":
        token = continue_token(platform=platform, user=user, next_url=target_url(target))
        context = {"platform": platform, "target": target, "token": token}
        return framed(render(request, "lti/open_in_window.html", context))
    login(request, user, backend=BACKEND)  # a new session key: no fixation
    return redirect(target_url(target))


def instructor_page(
    request: HttpRequest, platform: Platform, claims: dict[str, Any], target: Target
) -> HttpResponse:
    """An instructor's launch of a link: what it opens for learners and how many of the
    platform's learners are where in the course. They get no account, enrolment or
    gradebook score, so they never show in HR's reports as a learner who is behind."""
    context_record(platform=platform, claims=claims)  # the roster sync can find the course
    endpoint = claims.get(c.AGS_ENDPOINT)
    context = {
        "platform": platform,
        "target": target,
        "standing": platform_learner_standing(platform, target.course),
        "gradebook": isinstance(endpoint, dict) and c.SCORE_SCOPE in (endpoint.get("scope") or []),
    }
    return framed(render(request, "lti/instructor.html", context))


@require_http_methods(["GET", "POST"])
def lti_continue(request: HttpRequest, token: str) -> HttpResponse:
    """A launch that happened inside a frame, continued in Attune's own window: the
    page names who is signing in, and only the learner's own click (a POST with this
    site's CSRF token) signs them in, once."""
    try:
        if request.method == "GET":
            continuation = continuation_read(token)
            return render(request, "lti/continue.html", {"continuation": continuation})
        user, next_url = continued_user(token)
    except LtiError as error:
        return refused(request, None, error)
    login(request, user, backend=BACKEND)
    return redirect(next_url)


@require_GET
def lti_keyset(request: HttpRequest) -> JsonResponse:
    """Attune's public keys (JWKS): the current one and the one before it."""
    response = JsonResponse(published_keyset())
    response["Cache-Control"] = f"public, max-age={KEYSET_MAX_AGE}"
    return response
