"""Shared fixtures: the mini course, learners, and a real Celery worker process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client

from accounts.models import User
from courses.content import load_course
from courses.models import Course, Enrollment
from courses.services.course_import import course_import
from courses.services.progress import enrollment_start
from tests.accounts.oidc_provider.fixture import oidc_provider  # noqa: F401 (one per session)
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
MINI_COURSE = ROOT / "tests" / "fixtures" / "mini-course"
FULL_COURSE = ROOT / "fixtures" / "course"


@pytest.fixture
def course(db: None) -> Course:
    course_import(spec=load_course(MINI_COURSE))
    return Course.objects.get(slug="mini-empathy")


@pytest.fixture
def learner(db: None) -> User:
    return UserFactory(username="maya", first_name="Maya", last_name="Okafor")


@pytest.fixture
def enrollment(course: Course, learner: User) -> Enrollment:
    return enrollment_start(user=learner, course=course)


@pytest.fixture
def learner_client(learner: User, enrollment: Enrollment) -> Client:
    client = Client()
    client.force_login(learner)
    return client


def _worker_env(database_name: str) -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    db = settings.DATABASES["default"]
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database_name}"
    )
    return env


@pytest.fixture(scope="session")
def celery_worker(
    django_db_setup: None, django_db_blocker: object
) -> Iterator[subprocess.Popen[bytes]]:
    """A real ``celery worker`` process on the test database and the test Redis.

    Eager mode would run tasks inside the request and hide exactly the bugs that
    matter (enqueue before commit, non-idempotent tasks), so the tests don't use it.
    """
    from django.conf import settings
    from django.db import connection

    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("worker tests need REDIS_URL (make test sets it)")
    import redis

    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()  # no stale messages
    (ROOT / "var").mkdir(exist_ok=True)  # a clean clone has no var/ yet
    log = open(ROOT / "var" / "test-worker.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "lms", "worker",
            "--loglevel=INFO", "--concurrency=2", "--without-gossip", "--without-mingle",
            f"--hostname=test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=_worker_env(connection.settings_dict["NAME"]),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    _wait_until_ready(process, ROOT / "var" / "test-worker.log")
    yield process
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    log.close()


@pytest.fixture(autouse=True)
def _worker_quiet_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test that used the shared worker, wait until the worker has nothing queued
    or in hand before the database is emptied for the next test: a TRUNCATE racing the
    worker's last writes can deadlock or leave the next test a half-written row."""
    if "celery_worker" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so emptied after this
    yield
    import redis
    from django.conf import settings

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if not broker.llen(settings.CELERY_TASK_DEFAULT_QUEUE) and not broker.hlen("unacked"):
            break
        time.sleep(0.05)
    time.sleep(0.2)  # the task that just acked may still be closing its transaction


def _wait_until_ready(process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited:\n{log.read_text()[-3000:]}")
        if "ready." in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"celery worker did not start in {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def wait_for() -> Callable[..., object]:
    """Poll ``probe`` until it returns something truthy (or fail after ``timeout``)."""

    def wait(probe: Callable[[], object], timeout: float = 20, message: str = "") -> object:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = probe()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(message or f"timed out after {timeout}s waiting for {probe}")

    return wait
