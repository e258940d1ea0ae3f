"""Credentials: 401 without a live one, 403 without the scope, 404 across organisations,
429 with Retry-After past the client's rate limit."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from integrations.models import ApiClient, Scope
from integrations.services.clients import api_client_revoke

pytestmark = pytest.mark.django_db


def client_with(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert body["message"]


@pytest.mark.parametrize(
    "token",
    [None, "atn_nope_nope", "not-a-key", "atn_", "atn_0011223344556677_wrong-secret"],
)
def test_missing_or_unknown_credentials_get_401_with_a_challenge(token, maya):
    response = client_with(token).get("/api/v1/learners/")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] in ("not_authenticated", "invalid_credentials")


def test_a_right_key_id_with_a_wrong_secret_is_401(make_token):
    token = make_token()
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")

    assert_error(client_with(tampered).get("/api/v1/learners/"), 401, "invalid_credentials")
    assert client_with(token).get("/api/v1/learners/").status_code == 200


def test_an_expired_credential_is_401(make_token):
    token = make_token(expires_at=timezone.now() + timedelta(seconds=1))
    ApiClient.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert_error(client_with(token).get("/api/v1/learners/"), 401, "invalid_credentials")


def test_a_revoked_credential_stops_working_at_once(make_token):
    token = make_token()
    assert client_with(token).get("/api/v1/learners/").status_code == 200

    api_client_revoke(client=ApiClient.objects.get())

    assert_error(client_with(token).get("/api/v1/learners/"), 401, "invalid_credentials")


def test_the_secret_is_stored_only_as_a_hash(make_token):
    token = make_token()
    client = ApiClient.objects.get()

    secret = token.split("_", 2)[2]
    assert secret not in client.secret_hash
    assert len(client.secret_hash) == 64
    assert token.startswith(client.key_prefix)


@pytest.mark.parametrize(
    ("method", "url", "scope"),
    [
        ("get", "/api/v1/learners/", "learners:read"),
        ("get", "/api/v1/enrollments/", "enrollments:read"),
        ("post", "/api/v1/enrollments/", "enrollments:write"),
        ("get", "/api/v1/progress/", "progress:read"),
        ("get", "/api/v1/completions/", "progress:read"),
        ("get", "/api/v1/statements/", "statements:read"),
    ],
)
def test_a_credential_without_the_scope_gets_403(make_token, method, url, scope):
    token = make_token(scopes=[s for s in Scope.values if s != scope])

    response = getattr(client_with(token), method)(url, {}, format="json")

    assert_error(response, 403, "missing_scope")
    assert scope in response.json()["message"]


def test_another_organisations_objects_are_404(make_token, other_org, make_learner, course):
    from courses.services.enrollments import enrollment_start

    stranger = make_learner(organisation=other_org, employee_id="C-1")
    theirs = enrollment_start(user=stranger, course=course)
    api = client_with(make_token())

    for url in [
        "/api/v1/learners/C-1/",
        f"/api/v1/enrollments/{theirs.pk}/",
        f"/api/v1/progress/{theirs.pk}/",
        "/api/v1/learners/C-1/progress/mini-empathy/",
    ]:
        assert_error(api.get(url), 404, "not_found")
    assert_error(
        api.patch(
            f"/api/v1/enrollments/{theirs.pk}/", {"due_at": None, "reason": "Leave"}, format="json"
        ),
        404,
        "not_found",
    )
    assert_error(
        api.post(f"/api/v1/enrollments/{theirs.pk}/cancel/", format="json"), 404, "not_found"
    )
    assert_error(
        api.post(
            "/api/v1/enrollments/", {"employee_id": "C-1", "course": "mini-empathy"}, format="json"
        ),
        404,
        "not_found",
    )
    assert api.get("/api/v1/enrollments/").json()["results"] == []
    theirs.refresh_from_db()
    assert theirs.cancelled_at is None


def test_past_the_rate_limit_a_client_gets_429_with_retry_after(make_token):
    limited = client_with(make_token(rate_limit=3))
    other = client_with(make_token(rate_limit=3))

    statuses = [limited.get("/api/v1/courses/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = limited.get("/api/v1/courses/")
    assert_error(response, 429, "rate_limited")
    retry_after = int(response.headers["Retry-After"])
    assert 0 < retry_after <= 60
    assert response.json()["retry_after"] == retry_after
    assert other.get("/api/v1/courses/").status_code == 200  # budgets are per client


def test_last_used_is_recorded(make_token):
    client_with(make_token()).get("/api/v1/courses/")

    assert ApiClient.objects.get().last_used_at is not None
