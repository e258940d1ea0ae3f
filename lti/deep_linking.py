"""Deep Linking: what an instructor picked becomes a signed LtiDeepLinkingResponse.

The picker's form carries the request's settings signed by us (Django's signing, two
hours), not a cookie: inside the platform's frame a cookie may never come back."""

from __future__ import annotations

from typing import Any

from django.core import signing
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from courses.models import Course

from . import claims as c
from .errors import LtiError, Refusal
from .models import Platform
from .selectors import pickable_outline
from .tool_conf import registration_of

SALT = "lti.deep-linking"
PICK_SECONDS = 2 * 3600


def picker_token(platform: Platform, claims: dict[str, Any]) -> str:
    """The signed request an instructor's pick is answered with; refused for learners."""
    if not c.is_instructor(claims):
        raise LtiError(Refusal.ROLE, f"deep linking request by {claims.get(c.ROLES)}")
    settings = claims.get(c.DEEP_LINKING)
    if not isinstance(settings, dict) or not settings.get("deep_link_return_url"):
        raise LtiError(Refusal.MESSAGE, "deep linking request without deep_link_return_url")
    if "ltiResourceLink" not in (settings.get("accept_types") or []):
        raise LtiError(Refusal.MESSAGE, f"the platform accepts {settings.get('accept_types')}")
    return signing.dumps(
        {
            "platform": platform.pk,
            "deployment_id": claims.get(c.DEPLOYMENT_ID),
            "settings": settings,
        },
        salt=SALT,
    )


def picked_request(token: str) -> tuple[Platform, str, dict[str, Any]]:
    try:
        data = signing.loads(token, salt=SALT, max_age=PICK_SECONDS)
    except signing.BadSignature as error:
        raise LtiError(Refusal.PICK, "the picker's signed request is invalid or expired") from error
    platform = Platform.objects.filter(pk=data["platform"], enabled=True).first()
    if platform is None:
        raise LtiError(Refusal.PICK, "the platform is gone or disabled")
    return platform, data["deployment_id"], data["settings"]


def pick_titles(course: Course) -> dict[str, str]:
    """What may be picked in ``course`` (``course``, ``stage:<slug>``, ``exercise:<slug>``)
    and the title each link gets."""
    titles = {"course": course.title}
    for stage, exercises in pickable_outline(course):
        titles[f"stage:{stage.slug}"] = stage.title
        titles.update({f"exercise:{e.slug}": e.title for e in exercises})
    return titles


def content_item(course: Course, pick: str, launch_url: str) -> DeepLinkResource:
    """An LTI resource link that launches the pick, with a gradebook column for it."""
    title = pick_titles(course).get(pick)
    if title is None:
        raise LtiError(Refusal.PICK, f"picked {pick[:80]!r}, not in {course.slug}")
    kind, _, slug = pick.partition(":")
    params = {"course": course.slug}
    if kind in ("stage", "exercise") and slug:
        params[kind] = slug
    return (
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(title)
        .set_custom_params(params)
        .set_lineitem(LineItem().set_score_maximum(100).set_label(title).set_resource_id(pick[:80]))
    )


def deep_linking_response(
    platform: Platform, deployment_id: str, settings: dict[str, Any], item: DeepLinkResource
) -> tuple[str, str]:
    """The signed response JWT and where the browser posts it."""
    link = DeepLink(registration_of(platform), deployment_id, settings)  # type: ignore[arg-type]
    return link.get_response_jwt([item]), settings["deep_link_return_url"]
