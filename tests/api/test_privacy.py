"""No endpoint, webhook or statement ever carries a learner's written answer."""

import json

import pytest

from activity.models import Event
from integrations.services.events import events_process
from integrations.webhooks.payloads import payload_body
from tests.api.conftest import SECRET_PHRASE, complete_course

pytestmark = pytest.mark.django_db


def test_answers_appear_in_no_response(api, maya, maya_enrollment):
    maya.answers_shared_with = "hr_and_manager"  # even with consent, integrators get scores
    maya.save()
    complete_course(maya_enrollment)
    events_process(event_ids=[str(pk) for pk in Event.objects.values_list("pk", flat=True)])
    urls = [
        "/api/v1/learners/", "/api/v1/learners/NW-1001/", "/api/v1/enrollments/",
        f"/api/v1/enrollments/{maya_enrollment.pk}/", "/api/v1/progress/",
        f"/api/v1/progress/{maya_enrollment.pk}/",
        "/api/v1/learners/NW-1001/progress/mini-empathy/",
        "/api/v1/completions/", "/api/v1/statements/",
    ]  # fmt: skip

    bodies = {url: api.get(url).content.decode() for url in urls}

    assert json.loads(bodies["/api/v1/statements/"])["results"], "statements were built"
    for url, body in bodies.items():
        assert SECRET_PHRASE not in body, f"{url} leaked an answer"
        assert "Zanzibar" not in body
    for event in Event.objects.all():
        assert SECRET_PHRASE.encode() not in payload_body(event)
