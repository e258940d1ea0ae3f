"""A write retried with the same Idempotency-Key returns the same response and changes
nothing twice; the same key with another request is a 409."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from activity.models import AuditEntry, Event
from courses.models import Enrollment

pytestmark = pytest.mark.django_db


def test_a_replayed_create_returns_the_first_response_and_creates_nothing(api, maya, course):
    key = str(uuid.uuid4())
    body = {"employee_id": "NW-1001", "course": "mini-empathy"}

    first = api.post("/api/v1/enrollments/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    second = api.post("/api/v1/enrollments/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)

    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert Enrollment.objects.count() == 1
    assert Event.objects.filter(type="enrollment.created").count() == 1


def test_a_replayed_cancel_is_audited_once(api, maya_enrollment):
    key = str(uuid.uuid4())
    url = f"/api/v1/enrollments/{maya_enrollment.pk}/cancel/"

    responses = [
        api.post(url, {"reason": "Left"}, format="json", HTTP_IDEMPOTENCY_KEY=key) for _ in range(3)
    ]

    assert responses[0].json() == responses[1].json() == responses[2].json()
    assert AuditEntry.objects.filter(action="enrollment.cancelled").count() == 1


def test_the_same_key_with_a_different_request_is_409(api, maya_enrollment):
    key = str(uuid.uuid4())
    url = f"/api/v1/enrollments/{maya_enrollment.pk}/"

    api.patch(url, {"due_at": None, "reason": "a"}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    clash = api.patch(
        url, {"due_at": (timezone.now() + timedelta(days=9)).isoformat(), "reason": "b"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )  # fmt: skip

    assert clash.status_code == 409
    assert clash.json()["code"] == "idempotency_key_reused"
    maya_enrollment.refresh_from_db()
    assert maya_enrollment.due_at is None


def test_a_failed_request_can_be_retried_with_the_same_key(api, maya, course):
    key = str(uuid.uuid4())
    missing = api.post(
        "/api/v1/enrollments/",
        {"employee_id": "NW-1001", "course": "not-yet"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )
    fixed = api.post(
        "/api/v1/enrollments/",
        {"employee_id": "NW-1001", "course": "mini-empathy"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )

    assert missing.status_code == 404
    assert fixed.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_create_one_enrolment(make_token, maya, course):
    token, key = make_token(), str(uuid.uuid4())
    results: list[int] = []

    def post() -> None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        response = client.post(
            "/api/v1/enrollments/",
            {"employee_id": "NW-1001", "course": "mini-empathy"},
            format="json",
            HTTP_IDEMPOTENCY_KEY=key,
        )
        results.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [201] * 4
    assert Enrollment.objects.count() == 1
    assert Event.objects.filter(type="enrollment.created").count() == 1
