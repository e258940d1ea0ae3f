"""The Deep Linking picker (shown inside the platform) and its signed answer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import claims as c
from ..deep_linking import content_item, deep_linking_response, picked_request, picker_token
from ..errors import LtiError
from ..models import Platform
from ..selectors import pickable_outline
from .common import framed, origin, refused


def picker_page(request: HttpRequest, platform: Platform, claims: dict[str, Any]) -> HttpResponse:
    token = picker_token(platform, claims)
    context = {
        "platform": platform,
        "course": platform.course,
        "outline": pickable_outline(platform.course),
        "token": token,
    }
    return_url = claims[c.DEEP_LINKING]["deep_link_return_url"]
    return framed(render(request, "lti/picker.html", context), ancestor=origin(return_url))


@csrf_exempt  # the signed token in the form is what proves the request
@require_POST
def deep_link_respond(request: HttpRequest) -> HttpResponse:
    try:
        platform, deployment_id, settings = picked_request(request.POST.get("token", ""))
    except LtiError as error:
        return refused(request, None, error)
    launch_url = request.build_absolute_uri(reverse("lti:launch"))
    try:
        item = content_item(platform.course, request.POST.get("pick", ""), launch_url)
    except LtiError as error:
        return refused(request, platform, error)
    jwt, return_url = deep_linking_response(platform, deployment_id, settings, item)
    context = {"jwt": jwt, "return_url": return_url, "title": item.get_title()}
    page = render(request, "lti/deep_link_return.html", context)
    return framed(page, ancestor=origin(return_url), form_action=origin(return_url))
