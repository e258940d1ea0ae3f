"""Webhook targets: every address form that reaches an internal host is refused, and a
delivery connects to the address that was checked (one lookup, Host kept)."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings

from activity.models import Event
from courses.services.enrollments import enrollment_start
from integrations.errors import IntegrationError
from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.services.events import events_process
from integrations.webhooks import targets
from integrations.webhooks.deliveries import delivery_attempt
from integrations.webhooks.subscriptions import webhook_subscription_create
from tests.api.webhook_server import serve

PUBLIC_ONLY = override_settings(ATTUNE={**settings.ATTUNE, "WEBHOOK_ALLOW_PRIVATE_TARGETS": False})


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1", "169.254.169.254", "10.1.2.3", "[::1]", "[fe80::1]", "[fc00::1]",
        "[64:ff9b::7f00:1]",  # NAT64 of 127.0.0.1
        "[64:ff9b::a9fe:a9fe]",  # NAT64 of 169.254.169.254
        "[64:ff9b:1::a00:1]",  # local-use NAT64
        "[2002:7f00:1::1]",  # 6to4 embedding 127.0.0.1
        "[2002:a9fe:a9fe::1]",  # 6to4 embedding 169.254.169.254
        "[2001:0:4136:e378:8000:63bf:80ff:fffe]",  # Teredo (client 127.0.0.1 obfuscated)
        "[::ffff:127.0.0.1]", "[::ffff:a9fe:a9fe]",  # IPv4-mapped
        "[::127.0.0.1]",  # IPv4-compatible (deprecated)
    ],
)  # fmt: skip
def test_internal_addresses_in_any_form_are_refused(host):
    with PUBLIC_ONLY, pytest.raises(IntegrationError, match="internal address"):
        targets.webhook_target_check(f"https://{host}/hooks")


@pytest.mark.parametrize(
    "host", ["93.184.216.34", "[2606:2800:220:1:248:1893:25c8:1946]", "[64:ff9b::5db8:d822]"]
)
def test_public_addresses_are_accepted(host):
    with PUBLIC_ONLY:
        targets.webhook_target_check(f"https://{host}/hooks")


def test_a_name_resolving_to_a_nat64_internal_address_is_refused(monkeypatch):
    answer = (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("64:ff9b::a9fe:a9fe", 443, 0, 0))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [answer])
    with PUBLIC_ONLY, pytest.raises(IntegrationError, match="internal address"):
        targets.webhook_target_check("https://hooks.example.com/x")


def test_the_https_name_stays_for_sni_and_the_host_header(monkeypatch):
    monkeypatch.setattr(
        socket, "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 8443))],
    )  # fmt: skip
    with PUBLIC_ONLY:
        pinned = targets.webhook_target_pin("https://hooks.example.com:8443/x?y=1")

    assert pinned.url == "https://93.184.216.34:8443/x?y=1"
    assert (pinned.host, pinned.tls_name) == ("hooks.example.com:8443", "hooks.example.com")


@pytest.mark.django_db
def test_a_delivery_connects_to_the_address_it_checked_with_one_lookup(
    monkeypatch, org, course, make_learner
):
    """A rebinding DNS answers 127.0.0.1 first and something else after: the request
    must go where the first (checked) answer pointed, and name the host in Host."""
    seen: list[tuple[str, str]] = []
    from http.server import BaseHTTPRequestHandler

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            seen.append((self.headers["Host"], self.path))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Receiver) as url:
        port = url.rsplit(":", 1)[1].split("/")[0]
        subscription = webhook_subscription_create(
            organisation=org, url=f"http://receiver.test:{port}/hooks",
            event_types=["enrollment.created"],
        ).subscription  # fmt: skip
        lookups: list[str] = []
        answers = iter(["127.0.0.1", "203.0.113.9"])  # the second would not connect

        def rebinding(host: str, *args: Any, **kwargs: Any) -> list[Any]:
            lookups.append(host)
            ip = next(answers) if host == "receiver.test" else host
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, int(port)))]

        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        enrollment_start(user=make_learner(), course=course)
        events_process(event_ids=[str(Event.objects.get().pk)])
        delivered = delivery_attempt(delivery_id=WebhookDelivery.objects.get().pk)

    assert delivered, WebhookDelivery.objects.get().last_error
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED
    assert seen == [(f"receiver.test:{port}", "/hooks")]
    assert lookups.count("receiver.test") == 1
    assert subscription.url.startswith("http://receiver.test")
