"""Webhooks: signed (Standard Webhooks), delivered by the worker after commit, retried
with exponential backoff, logged, re-sendable, and disabled after persistent failure."""

import base64
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import Role
from activity.models import Event
from courses.services.enrollments import enrollment_start
from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.services.events import events_process
from integrations.services.sweep import integrations_sweep
from integrations.webhooks.deliveries import delivery_attempt
from integrations.webhooks.subscriptions import webhook_subscription_create
from tests.api.webhook_server import readme_receiver, scripted, serve
from tests.factories import UserFactory

ALL_TYPES = ["enrollment.created", "stage.completed", "course.completed", "submission.graded",
             "enrollment.overdue", "enrollment.cancelled"]  # fmt: skip


def subscribe(org, url, types=ALL_TYPES):
    return webhook_subscription_create(organisation=org, url=url, event_types=types)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_delivery_passes_the_readme_receiver(
    celery_worker, org, course, make_learner, wait_for
):
    maya = make_learner(employee_id="NW-1001", first_name="Maya", last_name="Okafor")
    readme_secret = None
    new = subscribe(org, "http://placeholder.invalid/")
    readme_secret = new.secret
    receiver = readme_receiver(readme_secret)
    with serve(receiver["Receiver"]) as url:
        new.subscription.url = url
        new.subscription.save()

        enrollment = enrollment_start(user=maya, course=course)  # commits: event → worker

        wait_for(lambda: receiver["received"], timeout=30, message="no delivery arrived")
    event_type, learner, message_id = receiver["received"][0]
    assert event_type == "enrollment.created"
    assert learner["employee_id"] == "NW-1001"
    delivery = WebhookDelivery.objects.get()
    wait_for(lambda: WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED)
    delivery.refresh_from_db()
    assert delivery.response_code == 204 and delivery.attempts == 1
    assert delivery.latency_ms is not None
    assert message_id == f"msg_{delivery.message_id.hex}"

    headers, body = receiver["requests"][0]
    verify = receiver["readme_verify"]
    assert verify(readme_secret, headers, body)["data"]["enrollment_id"] == enrollment.pk
    with pytest.raises(ValueError):  # a tampered body
        verify(readme_secret, headers, body.replace(b"NW-1001", b"NW-6666"))
    old = {**headers, "webhook-timestamp": str(int(time.time()) - 3600)}
    with pytest.raises(ValueError):  # an old timestamp: a replay
        verify(readme_secret, old, body)
    other_secret = "whsec_" + base64.b64encode(b"x" * 32).decode()
    with pytest.raises(ValueError):
        verify(other_secret, headers, body)


@pytest.mark.django_db
def test_the_receiver_answers_400_to_a_tampered_post(org):
    import httpx

    new = subscribe(org, "http://127.0.0.1/")
    receiver = readme_receiver(new.secret)
    with serve(receiver["Receiver"]) as url:
        response = httpx.post(
            url,
            content=b'{"type":"course.completed"}',
            headers={"webhook-id": "msg_1", "webhook-timestamp": str(int(time.time())),
                     "webhook-signature": "v1,AAAA"},
        )  # fmt: skip
    assert response.status_code == 400
    assert receiver["received"] == []


@pytest.mark.django_db
def test_fan_out_is_idempotent_and_follows_the_subscribed_types(
    org, other_org, course, make_learner, django_capture_on_commit_callbacks
):
    subscribe(org, "http://127.0.0.1:9/a", ["enrollment.created"])
    subscribe(org, "http://127.0.0.1:9/b", ["course.completed"])
    subscribe(other_org, "http://127.0.0.1:9/c", ["enrollment.created"])
    enrollment_start(user=make_learner(), course=course)
    ids = [str(pk) for pk in Event.objects.values_list("pk", flat=True)]

    with django_capture_on_commit_callbacks() as queued:
        assert events_process(event_ids=ids) == 1
    assert events_process(event_ids=ids) == 0  # a redelivered task changes nothing

    assert WebhookDelivery.objects.count() == 1
    assert WebhookDelivery.objects.get().subscription.url.endswith("/a")
    assert Event.objects.get().dispatched_at is not None
    assert len(queued) == 1  # one send task for the one delivery


@pytest.mark.django_db
def test_failures_back_off_exponentially_then_the_endpoint_is_disabled_with_a_notice(
    org, course, make_learner, django_capture_on_commit_callbacks
):
    UserFactory(username="hana", role=Role.HR, organisation=org, email="hana@northwind.example")
    handler, hits = scripted([500])
    with (
        serve(handler) as url,
        override_settings(
            ATTUNE={
                **settings.ATTUNE,
                "WEBHOOK_DISABLE_AFTER_FAILURES": 3,
                "WEBHOOK_MAX_ATTEMPTS": 10,
            }
        ),
    ):
        subscription = subscribe(org, url, ["enrollment.created"]).subscription
        enrollment_start(user=make_learner(), course=course)
        events_process(event_ids=[str(Event.objects.get().pk)])
        delivery = WebhookDelivery.objects.get()
        waits = []
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                before = timezone.now()
                delivery_attempt(delivery_id=delivery.pk)
            delivery.refresh_from_db()
            if delivery.next_attempt_at:
                waits.append(round((delivery.next_attempt_at - before).total_seconds()))
                WebhookDelivery.objects.filter(pk=delivery.pk).update(
                    next_attempt_at=timezone.now()
                )

    assert waits == [2, 4]  # 2**attempt seconds
    assert len(hits) == 3
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.response_code == 500 and "HTTP 500" in delivery.last_error
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.disabled_at
    assert "3 failed deliveries in a row" in subscription.disabled_reason
    assert mail.outbox and mail.outbox[0].to == ["hana@northwind.example"]
    assert url in mail.outbox[0].body


@pytest.mark.django_db
def test_a_delivery_gives_up_after_its_attempts_and_backoff_is_capped(org, course, make_learner):
    from integrations.conf import backoff_seconds

    with override_settings(ATTUNE={**settings.ATTUNE, "WEBHOOK_BACKOFF_CAP_SECONDS": 60}):
        assert [backoff_seconds(n) for n in (1, 2, 5, 6, 12)] == [2, 4, 32, 60, 60]
    handler, hits = scripted([503])
    with (
        serve(handler) as url,
        override_settings(ATTUNE={**settings.ATTUNE, "WEBHOOK_MAX_ATTEMPTS": 2}),
    ):
        subscribe(org, url, ["enrollment.created"])
        enrollment_start(user=make_learner(), course=course)
        events_process(event_ids=[str(Event.objects.get().pk)])
        delivery = WebhookDelivery.objects.get()
        delivery_attempt(delivery_id=delivery.pk)
        assert delivery_attempt(delivery_id=delivery.pk) is False  # not due yet: skipped
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert len(hits) == 2
    assert delivery.status == DeliveryStatus.FAILED and delivery.next_attempt_at is None


@pytest.mark.django_db
def test_hr_can_resend_a_delivery_and_a_delivered_one_is_not_sent_twice(
    org, course, make_learner, django_capture_on_commit_callbacks
):
    hr = UserFactory(username="hana", role=Role.HR, organisation=org)
    handler, hits = scripted([500, 204])
    with serve(handler) as url:
        subscription = subscribe(org, url, ["enrollment.created"]).subscription
        enrollment_start(user=make_learner(), course=course)
        events_process(event_ids=[str(Event.objects.get().pk)])
        delivery = WebhookDelivery.objects.get()
        delivery_attempt(delivery_id=delivery.pk)  # fails: 500
        browser = Client()
        browser.force_login(hr)
        page = browser.get(f"/integrations/webhooks/{subscription.pk}/").content.decode()
        assert "HTTP 500" in page and "Re-send" in page

        with django_capture_on_commit_callbacks() as queued:
            response = browser.post(f"/integrations/deliveries/{delivery.pk}/resend/")
        assert response.status_code == 302 and len(queued) == 1
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
        assert delivery_attempt(delivery_id=delivery.pk) is True
        assert delivery_attempt(delivery_id=delivery.pk) is False  # idempotent

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.response_code == 204
    assert len(hits) == 2
    history = [(a.number, a.response_code) for a in delivery.attempt_log.all()]
    assert history == [(1, 500), (2, 204)]  # the re-send added to the history


@pytest.mark.django_db
def test_enabling_an_endpoint_again_resends_what_failed_while_it_was_disabled(
    org, course, make_learner, django_capture_on_commit_callbacks
):
    hr = UserFactory(username="hana", role=Role.HR, organisation=org)
    handler, hits = scripted([500, 204, 204, 204])
    limits = {**settings.ATTUNE, "WEBHOOK_DISABLE_AFTER_FAILURES": 1}
    with serve(handler) as url, override_settings(ATTUNE=limits):
        subscription = subscribe(org, url, ["enrollment.created"]).subscription
        enrollment_start(user=make_learner(), course=course)
        events_process(event_ids=[str(Event.objects.get().pk)])
        with django_capture_on_commit_callbacks(execute=True):
            delivery_attempt(delivery_id=WebhookDelivery.objects.get().pk)  # 500: disabled
        for _ in range(2):  # two more people are enrolled while it is disabled
            enrollment_start(user=make_learner(), course=course)
        events_process(event_ids=[str(pk) for pk in Event.objects.values_list("pk", flat=True)])
        assert len(hits) == 1  # nothing was sent to the disabled endpoint
        browser = Client()
        browser.force_login(hr)
        page = browser.get(f"/integrations/webhooks/{subscription.pk}/").content.decode()
        assert "re-send the 3 deliveries that failed while it was disabled" in page

        with django_capture_on_commit_callbacks() as queued:
            browser.post(
                f"/integrations/webhooks/{subscription.pk}/enable/", {"resend_failed": "on"}
            )
        assert len(queued) == 3  # one send task per missed delivery
        for delivery in WebhookDelivery.objects.all():  # what those tasks do
            delivery_attempt(delivery_id=delivery.pk)

    assert len(hits) == 4
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"succeeded"}
    first = WebhookDelivery.objects.order_by("created_at").first()
    assert [a.response_code for a in first.attempt_log.all()] == [500, 204]


@pytest.mark.django_db
def test_the_sweep_dispatches_events_a_crash_left_behind(org, course, make_learner):
    subscribe(org, "http://127.0.0.1:9/", ["enrollment.created"])
    enrollment_start(user=make_learner(), course=course)
    Event.objects.update(occurred_at=timezone.now() - timedelta(minutes=5))

    result = integrations_sweep()

    assert result["events"] == 1
    assert WebhookDelivery.objects.count() == 1
    assert integrations_sweep()["events"] == 0


@pytest.mark.django_db
def test_the_sweep_requeues_a_delivery_whose_worker_died(
    org, course, make_learner, django_capture_on_commit_callbacks
):
    subscribe(org, "http://127.0.0.1:9/", ["enrollment.created"])
    enrollment_start(user=make_learner(), course=course)
    events_process(event_ids=[str(Event.objects.get().pk)])
    WebhookDelivery.objects.update(
        status=DeliveryStatus.SENDING, lease_until=timezone.now() - timedelta(seconds=1)
    )

    with django_capture_on_commit_callbacks() as queued:
        assert integrations_sweep()["deliveries"] == 1
    assert len(queued) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[::1]/hook",
        "ftp://hooks.example.com/",
    ],
)
def test_webhooks_to_internal_addresses_are_refused_in_production(org, url):
    from integrations.errors import IntegrationError

    with (
        override_settings(ATTUNE={**settings.ATTUNE, "WEBHOOK_ALLOW_PRIVATE_TARGETS": False}),
        pytest.raises(IntegrationError, match=r"internal address|https://"),
    ):
        webhook_subscription_create(organisation=org, url=url, event_types=["course.completed"])


@pytest.mark.django_db
def test_a_saved_url_that_now_points_inside_is_not_called(org, course, make_learner):
    handler, hits = scripted([204])
    with serve(handler) as url:
        subscribe(org, url, ["enrollment.created"])  # allowed while saving (development)
        enrollment_start(user=make_learner(), course=course)
        events_process(event_ids=[str(Event.objects.get().pk)])
        delivery = WebhookDelivery.objects.get()
        with override_settings(ATTUNE={**settings.ATTUNE, "WEBHOOK_ALLOW_PRIVATE_TARGETS": False}):
            delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert hits == []
    assert "internal address" in delivery.last_error and delivery.status == DeliveryStatus.PENDING


@pytest.mark.django_db
def test_the_admin_form_refuses_a_non_http_webhook_url(org):
    from django.core.exceptions import ValidationError

    from integrations.models import WebhookSubscription

    hook = WebhookSubscription(organisation=org, url="ftp://hooks.example.com/", secret="s")

    with pytest.raises(ValidationError) as refused:
        hook.full_clean()
    assert "url" in refused.value.message_dict


@pytest.mark.django_db
def test_an_employee_id_change_is_an_event_that_keeps_the_learner_id(org, make_learner):
    from hr.services.people import person_update
    from integrations.webhooks.payloads import event_payload

    learner = make_learner(employee_id="NW-1001")
    subscribe(org, "http://127.0.0.1:9/a", ["learner.employee_id_changed"])

    person_update(person=learner, employee_id="NW-2002")
    events_process(event_ids=[str(pk) for pk in Event.objects.values_list("pk", flat=True)])

    delivery = WebhookDelivery.objects.select_related("event").get()
    payload = event_payload(delivery.event)
    assert payload["type"] == "learner.employee_id_changed"
    assert payload["data"]["previous_employee_id"] == "NW-1001"
    assert payload["data"]["learner"] == {
        "id": learner.pk, "employee_id": "NW-2002", "name": learner.display_name
    }  # fmt: skip
