"""Shared fixtures: the mini course, learners, and a real Celery worker process."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from django.test import Client

from accounts.models import User
from authoring.content import load_course
from authoring.services import course_import
from courses.models import Course, Enrollment
from courses.services.enrollments import enrollment_start
from tests.accounts.oidc_provider.fixture import oidc_provider  # noqa: F401 (one per session)
from tests.factories import UserFactory
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parent.parent
MINI_COURSE = ROOT / "tests" / "fixtures" / "mini-course"
FULL_COURSE = ROOT / "fixtures" / "course"


@pytest.fixture
def course(db: None) -> Course:
    course_import(spec=load_course(MINI_COURSE))
    return Course.objects.get(slug="mini-empathy")


@pytest.fixture
def course_with_checks(course: Course, tmp_path: Path) -> Course:
    """The mini course re-imported with the full course's skills checks (pre, post and
    refreshers), updated in place as a trainer's edit would be."""
    target = tmp_path / "mini-with-checks"
    shutil.copytree(MINI_COURSE, target)
    shutil.copytree(FULL_COURSE / "diagnostics", target / "diagnostics")
    mini = yaml.safe_load((target / "course.yaml").read_text())
    mini["styles"] = yaml.safe_load((FULL_COURSE / "course.yaml").read_text())["styles"]
    (target / "course.yaml").write_text(yaml.safe_dump(mini))
    course_import(spec=load_course(target))
    return Course.objects.get(pk=course.pk)


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
    _shared_worker.append(process)
    yield process
    _shared_worker.clear()
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    log.close()


# The session's worker, while it runs: it takes whatever any test queues, not only the
# tests that asked for it.
_shared_worker: list[subprocess.Popen[bytes]] = []


def _empties_the_database(request: pytest.FixtureRequest) -> bool:
    """Whether the database is emptied (TRUNCATE) after this test, rather than rolled
    back: only then can something this test queued after commit reach the worker."""
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _worker_quiet_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test that used the shared worker, or queued work for it while it runs (a
    launch queues an event and a score without asking for the worker), wait until the
    worker has nothing queued or in hand before the database is emptied for the next
    test: a TRUNCATE racing the worker's last writes can deadlock or leave the next test
    a half-written row."""
    uses_worker = "celery_worker" in request.fixturenames
    if not (uses_worker or (_shared_worker and _empties_the_database(request))):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so emptied after this
    yield
    import redis
    from django.conf import settings

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    wait_until(
        lambda: not broker.llen(settings.CELERY_TASK_DEFAULT_QUEUE) and not broker.hlen("unacked"),
        timeout=20,
        what="the worker to finish its messages",
    )
    # The task that just acked may still be closing its transaction.
    wait_until(_database_quiet, timeout=20, what="the worker's transactions to close")


def _database_quiet() -> bool:
    """No other session on the test database is inside a statement or a transaction."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'"
        )
        return cursor.fetchone()[0] == 0


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
        return wait_until(probe, timeout=timeout, what=message)

    return wait
