"""Benchmark: an integrator syncing the progress of 10,000 learners over HTTP.

    .venv/bin/python bench/api_sync.py [--learners 10000] [--page-size 500] [--keep]

Creates the PostgreSQL database ``attune_api_bench`` (on $BENCH_PG, default
postgres://postgres@127.0.0.1:5432), imports the full course and seeds one organisation
with 10,000 learners at realistic stages (a third completed with a certificate, lessons
read, exercises attempted, rubric scores on written answers). It then serves the app with
gunicorn (2 workers) on 127.0.0.1 and, with httpx over keep-alive:

1. runs a full progress sync, following the cursor pages to the end (the compact default,
   then again with ``detail=true``: stage states and per-exercise scores);
2. changes 1 % of the learners' progress;
3. runs an incremental sync with the ``next_updated_since`` the full sync handed out,

and prints total time, requests per second and rows per second for both, checking that
the full sync returned every learner once and the incremental exactly the changed ones.
The database is dropped afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_DB", "attune_api_bench")  # another name runs side by side


def psql(base: str, sql: str) -> None:
    subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True, capture_output=True)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.local"
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise


def seed(learners: int) -> str:
    """Seed the organisation; return a credential for it."""
    from django.core.management import call_command
    from django.db.models import F
    from django.utils import timezone

    from accounts.models import Organisation, User
    from activity.services import DISPATCHERS
    from authoring.content import load_course
    from authoring.services import course_import
    from courses.models import Certificate, Course, Enrollment, LessonView, StageCompletion
    from exercises.models import CriterionScore, Exercise, ExerciseProgress, Grading, Submission
    from integrations.models import Scope
    from integrations.services.clients import api_client_create

    DISPATCHERS.clear()  # the benchmark measures the API, not webhook fan-out
    call_command("migrate", verbosity=0)
    course_import(spec=load_course(ROOT / "fixtures" / "course"))
    course = Course.objects.get()
    org = Organisation.objects.create(name="Benchmark Retail", slug="bench")
    rng = random.Random(10_000)
    lessons = list(course.lessons.order_by("stage__position", "position"))
    exercises = list(Exercise.objects.filter(course=course).order_by("pk"))
    free_text = [e for e in exercises if e.kind == "free_text"]
    stages = list(course.stages.order_by("position"))
    now = timezone.now()
    started = time.perf_counter()
    users = User.objects.bulk_create(
        (
            User(username=f"b{i}", employee_id=f"NW-{i:06d}", organisation=org,
                 first_name="Learner", last_name=str(i))
            for i in range(learners)
        ),
        batch_size=2000,
    )  # fmt: skip
    enrollments = Enrollment.objects.bulk_create(
        (
            Enrollment(user=u, course=course, status="not_started", due_at=now + timedelta(days=30))
            for u in users
        ),
        batch_size=2000,
    )
    views, standing, completions, certificates, submissions = [], [], [], [], []
    for n, e in enumerate(enrollments):
        kind = n % 3  # 0 completed, 1 in progress, 2 not started
        read = len(lessons) if kind == 0 else (rng.randint(1, len(lessons) - 1) if kind == 1 else 0)
        views += [LessonView(enrollment=e, lesson=lesson) for lesson in lessons[:read]]
        tried = exercises if kind == 0 else rng.sample(exercises, rng.randint(0, 8) * (kind == 1))
        standing += [
            ExerciseProgress(
                enrollment=e, exercise=x, attempts=rng.randint(1, 3),
                best_score=rng.randint(40, 100),
                passed_at=now if kind == 0 or rng.random() < 0.6 else None,
            )
            for x in tried
        ]  # fmt: skip
        if kind == 0:
            completions += [
                StageCompletion(enrollment=e, stage=s, completed_at=now) for s in stages
            ]
            certificates.append(
                Certificate(enrollment=e, code=f"B{n:07d}", learner_name=f"Learner {n}",
                            course_title=course.title, issued_at=now)
            )  # fmt: skip
        if kind != 2:
            submissions += [
                Submission(exercise=x, enrollment=e, learner_id=e.user_id, attempt=1,
                           answer_text="(benchmark answer)", status="graded", score=80, passed=True)
                for x in free_text[:2]
            ]  # fmt: skip
    LessonView.objects.bulk_create(views, batch_size=5000)
    ExerciseProgress.objects.bulk_create(standing, batch_size=5000)
    StageCompletion.objects.bulk_create(completions, batch_size=5000)
    Certificate.objects.bulk_create(certificates, batch_size=5000)
    submissions = Submission.objects.bulk_create(submissions, batch_size=5000)
    gradings = Grading.objects.bulk_create(
        (Grading(submission=s, grader_version="bench", score=80, passed=True) for s in submissions),
        batch_size=5000,
    )
    CriterionScore.objects.bulk_create(
        (
            CriterionScore(grading=g, position=p, criterion=c, level=rng.randint(0, 2), feedback="")
            for g in gradings
            for p, c in enumerate(
                ["emotional_reaction", "interpretation", "exploration", "action", "tone"]
            )
        ),
        batch_size=10000,
    )
    Enrollment.objects.filter(pk__in=[e.pk for e in enrollments[0::3]]).update(
        status="completed", progress_percent=100, completed_at=now, started_at=now
    )
    Enrollment.objects.filter(pk__in=[e.pk for e in enrollments[1::3]]).update(
        status="in_progress", progress_percent=F("pk") % 90 + 5, started_at=now
    )
    # Everything seeded happened yesterday, so "changed since the last sync" means something.
    Enrollment.objects.update(updated_at=now - timedelta(days=1))
    # Statistics, as autovacuum keeps them in any live database. Without them PostgreSQL
    # guesses an organisation has 2 people and joins all 10,000 on every page (O(n²)).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {learners:,} learners in {time.perf_counter() - started:.1f} s")
    return api_client_create(
        organisation=org, name="bench", scopes=Scope.values, rate_limit=10_000_000
    ).token


def change_one_percent(learners: int) -> int:
    from django.db.models import F
    from django.utils import timezone

    from courses.models import Enrollment

    ids = list(Enrollment.objects.order_by("?").values_list("pk", flat=True)[: learners // 100])
    Enrollment.objects.filter(pk__in=ids).update(
        progress_percent=F("progress_percent") % 99 + 1, updated_at=timezone.now()
    )
    return len(ids)


def serve(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "false",
           "DJANGO_SETTINGS_MODULE": "lms.settings.local", "LOG_LEVEL": "WARNING"}  # fmt: skip
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "lms.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{base}/api/v1/schema/", timeout=5)
            return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def sync(base: str, token: str, page_size: int, **params: str) -> tuple[list[dict], dict, dict]:
    """Follow the cursor to the end; return the rows, the last sync info and timings."""
    rows, requests, size = [], 0, 0
    started = time.perf_counter()
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
        # The first request carries the parameters; each `next` URL carries the cursor
        # (httpx would replace its query string if given params, so none are passed).
        response = client.get(
            f"{base}/api/v1/progress/", params={"page_size": str(page_size), **params}
        )
        while True:
            response.raise_for_status()
            requests += 1
            size += len(response.content)
            page = response.json()
            rows += page["results"]
            if not page["next"]:
                break
            response = client.get(page["next"])
    elapsed = time.perf_counter() - started
    return rows, page["sync"], {"seconds": elapsed, "requests": requests, "bytes": size}


def report(label: str, rows: int, timing: dict) -> None:
    seconds, requests = timing["seconds"], timing["requests"]
    print(
        f"{label:<34} {rows:>7,} rows  {requests:>4} requests  {seconds:7.2f} s  "
        f"{requests / seconds:6.1f} req/s  {rows / seconds:8,.0f} rows/s  "
        f"{timing['bytes'] / max(rows, 1) / 1000:5.1f} kB/row"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    base_pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    psql(base_pg, f"DROP DATABASE IF EXISTS {DB_NAME}")
    psql(base_pg, f"CREATE DATABASE {DB_NAME}")
    database_url = f"{base_pg}/{DB_NAME}"
    server = None
    try:
        setup_django(database_url)
        token = seed(args.learners)
        from django.db import connections

        connections.close_all()
        server, base = serve(database_url)
        sync(base, token, args.page_size)  # warm up the workers
        rows, info, timing = sync(base, token, args.page_size)
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)) == args.learners, "full sync is not exact"
        # The same sync with every stage's state and per-exercise scores, in the same run.
        detailed, _, detailed_timing = sync(base, token, args.page_size, detail="true")
        assert sorted(r["id"] for r in detailed) == sorted(ids), "detailed sync is not exact"
        assert all("exercises" in r for r in detailed)
        changed = change_one_percent(args.learners)
        later, _, later_timing = sync(
            base, token, args.page_size, updated_since=info["next_updated_since"]
        )
        assert len(later) == changed, f"incremental returned {len(later)}, changed {changed}"
        print(f"page size {args.page_size}, gunicorn 2 workers, {os.cpu_count()} CPUs")
        report("full progress sync", len(rows), timing)
        report("full progress sync, detail=true", len(detailed), detailed_timing)
        report("incremental (1 % changed)", len(later), later_timing)
    finally:
        if server:
            server.terminate()
            server.wait()
        if not args.keep:
            from django.db import connections

            connections.close_all()
            psql(base_pg, f"DROP DATABASE IF EXISTS {DB_NAME}")


if __name__ == "__main__":
    main()
