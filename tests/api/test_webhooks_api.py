"""Webhooks by API: an integrator subscribes, changes, pauses and enables its endpoint,
rotates the secret, reads the delivery log with every attempt, and re-sends what failed."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from activity.models import Event
from courses.services.enrollments import enrollment_start
from integrations.models import DeliveryStatus, Scope, WebhookDelivery, WebhookSubscription
from integrations.services.events import events_process
from integrations.webhooks.deliveries import delivery_attempt
from tests.api.webhook_server import readme_receiver, scripted, serve

pytestmark = pytest.mark.django_db


def fan_out() -> None:
    events_process(event_ids=[str(pk) for pk in Event.objects.values_list("pk", flat=True)])


def test_an_integrator_subscribes_changes_rotates_and_deletes(api, org):
    made = api.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example/attune", "event_types": ["course.completed"]},
        format="json",
    )
    assert made.status_code == 201, made.content
    hook = made.json()
    assert hook["secret"].startswith("whsec_") and hook["is_active"] is True

    listed = api.get("/api/v1/webhooks/").json()
    changed = api.patch(
        f"/api/v1/webhooks/{hook['id']}/",
        {"event_types": ["course.completed", "learner.employee_id_changed"]},
        format="json",
    ).json()
    rotated = api.post(f"/api/v1/webhooks/{hook['id']}/rotate-secret/").json()

    assert [h["id"] for h in listed] == [hook["id"]] and "secret" not in listed[0]
    assert changed["event_types"] == ["course.completed", "learner.employee_id_changed"]
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != hook["secret"]
    assert WebhookSubscription.objects.get().secret == rotated["secret"]
    assert api.delete(f"/api/v1/webhooks/{hook['id']}/").status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_a_bad_event_type_or_internal_url_is_refused(api):
    unknown = api.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example/", "event_types": ["lesson.viewed"]},
        format="json",
    )
    with override_settings(ATTUNE={**settings.ATTUNE, "WEBHOOK_ALLOW_PRIVATE_TARGETS": False}):
        internal = api.post(
            "/api/v1/webhooks/",
            {"url": "http://127.0.0.1:8000/", "event_types": ["course.completed"]},
            format="json",
        )

    assert unknown.status_code == 400 and "event_types" in unknown.json()["fields"]
    assert internal.status_code == 400
    assert not WebhookSubscription.objects.exists()


def test_webhooks_need_their_scope_and_stay_in_the_organisation(api, make_token, other_org):
    from rest_framework.test import APIClient

    hook = api.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example/", "event_types": ["course.completed"]},
        format="json",
    ).json()
    reader, stranger = APIClient(), APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token([Scope.PROGRESS_READ])}")
    stranger.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(organisation=other_org)}")

    assert reader.get("/api/v1/webhooks/").status_code == 403
    assert stranger.get(f"/api/v1/webhooks/{hook['id']}/").status_code == 404
    assert stranger.delete(f"/api/v1/webhooks/{hook['id']}/").status_code == 404
    assert stranger.get("/api/v1/webhooks/").json() == []


def test_the_delivery_log_keeps_every_attempt_and_resends_add_to_it(
    api, org, course, make_learner, django_capture_on_commit_callbacks
):
    handler, hits = scripted([500, 500, 204, 204])
    limits = {**settings.ATTUNE, "WEBHOOK_MAX_ATTEMPTS": 1}
    with serve(handler) as url, override_settings(ATTUNE=limits):
        hook = api.post(
            "/api/v1/webhooks/", {"url": url, "event_types": ["enrollment.created"]},
            format="json",
        ).json()  # fmt: skip
        started = timezone.now()
        for _ in range(2):
            enrollment_start(user=make_learner(), course=course)
        fan_out()
        for delivery in WebhookDelivery.objects.all():
            delivery_attempt(delivery_id=delivery.pk)  # 500 and 500: given up
        failed = api.get(f"/api/v1/webhooks/{hook['id']}/deliveries/", {"status": "failed"})
        first = failed.json()["results"][0]

        one = api.post(f"/api/v1/webhooks/{hook['id']}/deliveries/{first['id']}/resend/")
        delivery_attempt(delivery_id=first["id"])
        rest = api.post(
            f"/api/v1/webhooks/{hook['id']}/deliveries/resend-failed/",
            {"since": started.isoformat()},
            format="json",
        )
        for delivery in WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING):
            delivery_attempt(delivery_id=delivery.pk)

    assert len(failed.json()["results"]) == 2
    assert first["history"][0]["response_code"] == 500 and first["webhook_id"].startswith("msg_")
    assert one.status_code == 202 and one.json()["status"] == "pending"
    assert rest.status_code == 202 and rest.json() == {"resent": 1}
    log = api.get(f"/api/v1/webhooks/{hook['id']}/deliveries/").json()["results"]
    assert {d["status"] for d in log} == {"succeeded"}
    assert [[a["response_code"] for a in d["history"]] for d in log] == [[500, 204], [500, 204]]
    assert [d["attempts"] for d in log] == [2, 2]
    assert len(hits) == 4


def test_enabling_by_api_resends_what_failed_while_disabled(
    api, org, course, make_learner, django_capture_on_commit_callbacks
):
    hook = api.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example/", "event_types": ["enrollment.created"]},
        format="json",
    ).json()
    paused = api.patch(f"/api/v1/webhooks/{hook['id']}/", {"is_active": False}, format="json")
    enrollment_start(user=make_learner(), course=course)
    fan_out()
    refused = api.post(
        f"/api/v1/webhooks/{hook['id']}/deliveries/resend-failed/",
        {"since": (timezone.now() - timedelta(hours=1)).isoformat()},
        format="json",
    )

    with django_capture_on_commit_callbacks() as queued:
        enabled = api.patch(
            f"/api/v1/webhooks/{hook['id']}/",
            {"is_active": True, "resend_failed": True},
            format="json",
        )

    assert (
        paused.json()["is_active"] is False
        and "Paused by API client" in (paused.json()["disabled_reason"])
    )
    assert refused.status_code == 409 and refused.json()["code"] == "subscription_disabled"
    assert enabled.json()["is_active"] is True and enabled.json()["resent"] == 1
    assert len(queued) == 1
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING


def test_the_schema_documents_every_webhook_payload(client):
    schema = client.get("/api/v1/schema/?format=json").json()

    assert schema["openapi"].startswith("3.1")
    assert set(schema["webhooks"]) == {
        "enrollment.created", "enrollment.cancelled", "enrollment.overdue",
        "submission.graded", "stage.completed", "course.completed",
        "learner.employee_id_changed",
    }  # fmt: skip
    body = schema["webhooks"]["course.completed"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    data_ref = schema["components"]["schemas"][ref]["properties"]["data"]["$ref"]
    data = schema["components"]["schemas"][data_ref.rsplit("/", 1)[-1]]
    assert {"certificate_code", "learner", "enrollment_id"} <= set(data["properties"])
    assert "/api/v1/webhooks/{subscription_id}/deliveries/resend-failed/" in schema["paths"]


def test_deliveries_are_signed_with_the_rotated_secret(api, org, course, make_learner):
    hook = api.post(
        "/api/v1/webhooks/",
        {"url": "http://placeholder.invalid/", "event_types": ["enrollment.created"]},
        format="json",
    ).json()
    secret = api.post(f"/api/v1/webhooks/{hook['id']}/rotate-secret/").json()["secret"]
    receiver = readme_receiver(secret)  # the README's receiver, holding the new secret
    with serve(receiver["Receiver"]) as url:
        api.patch(f"/api/v1/webhooks/{hook['id']}/", {"url": url}, format="json")
        enrollment_start(user=make_learner(), course=course)
        fan_out()
        assert delivery_attempt(delivery_id=WebhookDelivery.objects.get().pk) is True

    headers, body = receiver["requests"][0]
    assert receiver["received"][0][0] == "enrollment.created"
    with pytest.raises(ValueError):
        receiver["readme_verify"](hook["secret"], headers, body)  # the old one no longer
