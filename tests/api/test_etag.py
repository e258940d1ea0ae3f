"""Single resources carry an ETag; If-None-Match gets a 304 until something changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.services.assignments import enrollment_change_due_date

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/learners/NW-1001/",
        "/api/v1/enrollments/{id}/",
        "/api/v1/progress/{id}/",
        "/api/v1/learners/NW-1001/progress/mini-empathy/",
    ],
)
def test_unchanged_resources_answer_304_and_changed_ones_a_new_etag(api, maya_enrollment, url):
    url = url.format(id=maya_enrollment.pk)
    first = api.get(url)
    etag = first.headers["ETag"]

    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    listed = api.get(url, HTTP_IF_NONE_MATCH=f'"other", {etag}')
    stale = api.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert again.status_code == 304 and again.content == b""
    assert again.headers["ETag"] == etag
    assert listed.status_code == 304
    assert stale.status_code == 200 and stale.json() == first.json()

    maya_enrollment.user.first_name = "Maia"
    maya_enrollment.user.save()
    enrollment_change_due_date(
        enrollment=maya_enrollment, due_at=timezone.now() + timedelta(days=3), actor=None,
        reason="test",
    )  # fmt: skip
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
