"""Benchmark: how fast one worker process drains a backlog of 5,000 written answers.

    .venv/bin/python bench/grading_throughput.py [--submissions 5000] [--learners 500] [--keep]

Creates the PostgreSQL database ``attune_grading_bench`` (on $BENCH_PG, default
postgres://postgres@127.0.0.1:5432) and uses Redis db 13 ($BENCH_REDIS_URL), flushing
only that db. With ``lms.settings.production`` it imports the real course and enrols
500 learners, then, with no worker running, stores 5,000 answers through
``submission_create`` (the service behind the submit button: real rows, and one real
``grade_submission`` message each in Redis once the row is committed). Answers are the
learners' replies and reflections from ``fixtures/calibration``, matched to the
exercise's rubric.

Then it starts ONE ``celery worker --concurrency 1`` and counts, until every answer is
graded: gradings per second by the wall clock (from the worker being ready) and by the
database (first ``grading_started_at`` to last ``graded_at``). Each grading records an
event whose fan-out task (webhooks, xAPI statements) joins the back of the queue, so the
time until the queue is empty, fan-out included, is reported too. The database is
dropped afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))

import stack

DB_NAME = "attune_grading_bench"


def enrol(learners: int) -> list[object]:
    """``learners`` new people enrolled in the course (bulk: no events, no messages)."""
    from accounts.models import Organisation, User
    from courses.models import Course, Enrollment

    course = Course.objects.get()
    organisation = Organisation.objects.create(slug="throughput", name="Throughput Retail")
    users = User.objects.bulk_create(
        User(username=f"t-{i}", first_name="Queue", last_name=str(i), organisation=organisation)
        for i in range(learners)
    )
    return Enrollment.objects.bulk_create(Enrollment(user=u, course=course) for u in users)


def queue_answers(enrollments: list[object], count: int) -> float:
    """Store ``count`` answers through the real service; return the seconds it took."""
    from courses.models import Course
    from exercises.models import Exercise, ExerciseKind
    from exercises.services.submissions import submission_create

    course = Course.objects.get()
    first_stage = course.stages.order_by("position").first()
    exercises = list(
        Exercise.objects.filter(
            course=course, kind=ExerciseKind.FREE_TEXT, lesson__stage=first_stage
        ).order_by("pk")
    )  # a new learner's open stage
    pool, rng = stack.answers(), random.Random(5000)
    started = time.perf_counter()
    for n in range(count):
        exercise = exercises[n // len(enrollments) % len(exercises)]
        submission_create(
            enrollment=enrollments[n % len(enrollments)],  # type: ignore[arg-type]
            exercise=exercise,
            client_token=uuid.uuid4(),
            answer_text=stack.pick_answer(pool, exercise.rubric, rng),
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=5000)
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    print(f"load average at start: {stack.load_average()}")
    with stack.scratch(DB_NAME, keep=args.keep) as (_, env):
        stack.prepare(env)
        stack.setup_django(env)
        from django.db import connections
        from django.db.models import Count, Max, Min

        from activity.models import Event, EventType
        from exercises.models import PENDING_STATUSES, Submission

        enrollments = enrol(args.learners)
        seconds = queue_answers(enrollments, args.submissions)
        queued = Submission.objects.filter(status="queued").count()
        messages = stack.queue_length()
        print(f"stored {args.submissions:,} answers in {seconds:.1f} s "
              f"({args.submissions / seconds:,.0f}/s); {queued:,} queued, "
              f"{messages:,} messages in Redis")  # fmt: skip
        assert queued == messages == args.submissions, "every answer must be in the queue"
        connections.close_all()

        pending = Submission.objects.filter(status__in=PENDING_STATUSES)
        undispatched = Event.objects.filter(
            type=EventType.SUBMISSION_GRADED, dispatched_at__isnull=True
        )
        print(f"starting one worker (concurrency 1); load average {stack.load_average()}")
        spawned = time.perf_counter()
        worker = stack.start_worker(env, concurrency=1, name="solo")
        try:
            ready = time.perf_counter()
            print(f"worker ready in {ready - spawned:.1f} s")
            last_report = ready
            with stack.CpuShare([worker.pid], DB_NAME) as cpu:
                while (left := pending.count()) > 0:
                    time.sleep(0.25)
                    if time.perf_counter() - last_report >= 15:
                        last_report = time.perf_counter()
                        done = args.submissions - left
                        print(f"  {done:>6,} graded after {last_report - ready:5.1f} s")
            graded_at = time.perf_counter()
            while undispatched.exists() or stack.queue_length() > 0:
                time.sleep(0.25)
            drained_at = time.perf_counter()
        finally:
            stack.stop(worker)

        span = Submission.objects.aggregate(first=Min("grading_started_at"), last=Max("graded_at"))
        by_db = (span["last"] - span["first"]).total_seconds()
        statuses = {
            row["status"]: row["n"]
            for row in Submission.objects.values("status").annotate(n=Count("pk"))
        }
        wall = graded_at - ready
        print(f"\n{args.submissions:,} answers, one worker process, concurrency 1, "
              f"{stack.load_average()}")  # fmt: skip
        print(f"  statuses: {statuses}")
        print(f"  graded:  {wall:6.1f} s wall clock   {args.submissions / wall:6.1f} gradings/s   "
              f"{1000 * wall / args.submissions:5.1f} ms each")  # fmt: skip
        print(f"  graded:  {by_db:6.1f} s by the DB     {args.submissions / by_db:6.1f} gradings/s"
              "   (first grading_started_at → last graded_at)")  # fmt: skip
        drained = drained_at - ready
        shares = f"{cpu.percent('server'):.0f} %, everything else {cpu.percent('other'):.0f} %"
        print(f"  CPU while grading: worker and its PostgreSQL backend {shares} of "
              f"{os.cpu_count()} CPUs")  # fmt: skip
        print(f"  drained: {drained:6.1f} s wall clock   "
              f"{args.submissions / drained:6.1f} gradings/s with their fan-out")  # fmt: skip
        connections.close_all()


if __name__ == "__main__":
    main()
