"""Fault tests: a private broker, workers and beat that the tests kill for real, a
webhook receiver on loopback, and learners who answer through the HTTP path.

Each test gets its own ``redis-server`` on a free port, so killing or restarting it
disturbs nobody, and this test process publishes to it for the test's duration.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from accounts.models import Organisation
from courses.models import Course
from courses.services.enrollments import enrollment_start
from integrations.webhooks.subscriptions import webhook_subscription_create
from lms.celery import app
from tests.factories import UserFactory

from .processes import Cluster, RedisServer
from .receivers import WebhookReceiver


def _forget_publisher(*, close: bool = False) -> None:
    """Make this process look up its broker connection pool again on the next publish
    (kombu keeps one pool per broker URL, so the default one comes back untouched);
    ``close`` first closes the pool in use."""
    if close and app._pool is not None:
        app.amqp.producer_pool.force_close_all()
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(transactional_db: None, tmp_path, monkeypatch) -> Iterator[RedisServer]:
    """A private ``redis-server``, and this test process publishing to it."""
    if not shutil.which("redis-server"):
        pytest.skip("the fault tests start their own redis-server")
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("worker tests need REDIS_URL (make test sets it)")
    if connection.vendor != "postgresql":
        pytest.skip("worker processes share the test database: PostgreSQL only")
    server = RedisServer(tmp_path)
    server.start()
    # Celery reads CELERY_BROKER_URL from the environment before its own settings.
    monkeypatch.setenv("CELERY_BROKER_URL", server.url)
    _forget_publisher()
    assert app.conf.broker_write_url == server.url
    try:
        yield server
    finally:
        _forget_publisher(close=True)
        if server.process is not None:
            server.kill()


@pytest.fixture
def cluster(broker: RedisServer, tmp_path) -> Iterator[Cluster]:
    """Workers and beat on the private broker and this test's database (none started)."""
    processes = Cluster(broker, connection.settings_dict["NAME"], tmp_path)
    try:
        yield processes
    finally:
        processes.shutdown()
        print(processes.logs())  # shown by pytest when the test failed


@pytest.fixture
def organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Northwind Retail", slug="northwind")


@pytest.fixture
def receiver(organisation: Organisation) -> Iterator[WebhookReceiver]:
    """A loopback endpoint subscribed to the organisation's ``submission.graded``."""
    with WebhookReceiver() as endpoint:
        new = webhook_subscription_create(
            organisation=organisation,
            url=endpoint.url,
            event_types=["submission.graded"],
        )
        endpoint.secret = new.secret
        yield endpoint


@pytest.fixture
def learners(course: Course, organisation: Organisation) -> Callable[[int], list[Client]]:
    """``learners(n)``: n enrolled learners of the organisation, each logged in."""

    def make(count: int) -> list[Client]:
        clients = []
        for _ in range(count):
            user = UserFactory(organisation=organisation, username=f"l-{uuid.uuid4().hex[:10]}")
            enrollment_start(user=user, course=course)
            client = Client()
            client.force_login(user)
            clients.append(client)
        return clients

    return make
