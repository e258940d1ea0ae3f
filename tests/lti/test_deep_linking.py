"""Deep Linking: an instructor's launch shows the picker inside the platform; the pick
goes back as an LtiDeepLinkingResponse signed with Attune's key, which the platform
verifies against Attune's keyset, and a learner's launch of that link lands there."""

from __future__ import annotations

import re

import pytest
import requests
from django.test import Client

from activity.models import AuditEntry

from .platform import INSTRUCTOR, LaunchSpec, posted_form

pytestmark = pytest.mark.django_db

DEEP = {"message_type": "LtiDeepLinkingRequest", "person": "teacher", "roles": [INSTRUCTOR]}


def pick(client: Client, page, value: str):
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode())
    assert token is not None, page.content[:500]
    return client.post("/lti/deep-linking/", {"token": token.group(1), "pick": value})


def test_an_instructor_picks_an_exercise_and_the_platform_gets_a_signed_link(
    registered, launch, lti_platform, course, alice
):
    registered()
    exercise = course.exercises.filter(lesson__isnull=False).order_by("pk").first()
    client = Client()

    picker = launch(client, LaunchSpec(**DEEP))
    answer = pick(client, picker, f"exercise:{exercise.slug}")

    assert picker.status_code == 200 and "What should the link open?" in picker.content.decode()
    assert f"frame-ancestors {lti_platform.base}" in picker["Content-Security-Policy"]
    assert "_auth_user_id" not in client.session  # choosing signs nobody in
    form = posted_form(answer.content.decode())
    assert form["action"] == f"{lti_platform.base}/deep-link-return"
    assert requests.post(form["action"], data={"JWT": form["JWT"]}, timeout=10).ok
    received = lti_platform.received.deep_links[0]
    claims = received["claims"]
    assert received["header"]["kid"]  # verified against Attune's published keyset
    assert claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == (
        "LtiDeepLinkingResponse"
    )
    assert claims["aud"] == [lti_platform.issuer] and claims["iss"] == "attune-tool"
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "platform-opaque-data"
    (item,) = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["type"] == "ltiResourceLink" and item["url"] == "http://testserver/lti/launch/"
    assert item["custom"] == {"course": course.slug, "exercise": exercise.slug}
    assert item["lineItem"]["scoreMaximum"] == 100

    # The platform launches the new link with its custom parameters: the learner lands there.
    landed = launch(Client(), LaunchSpec(person="alice", custom=item["custom"]))
    assert landed["Location"] == f"/courses/{course.slug}/exercises/{exercise.slug}/"


def test_a_learner_cannot_choose_what_a_link_opens(registered, launch, alice):
    registered()

    response = launch(Client(), LaunchSpec(**{**DEEP, "person": "alice", "roles": []}))

    assert response.status_code == 403
    assert "Only an instructor" in response.content.decode()
    assert AuditEntry.objects.get(action="lti.refused").changes["refusal"] == [None, "role"]


def test_a_changed_or_foreign_pick_is_refused(registered, launch):
    registered()
    client = Client()
    picker = launch(client, LaunchSpec(**DEEP))

    forged = client.post("/lti/deep-linking/", {"token": "forged", "pick": "course"})
    foreign = pick(client, picker, "exercise:from-another-course")

    assert forged.status_code == 403 and foreign.status_code == 403
    assert "expired or was changed" in foreign.content.decode()
