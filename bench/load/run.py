"""Benchmark: 50 learners at once against gunicorn, PostgreSQL, Redis and two grading
processes, with a bare Django view as the baseline.

    .venv/bin/python bench/load/run.py                 # 3 rounds; about 17 minutes
    .venv/bin/python bench/load/run.py --rounds 1 --capacity 0

Creates the PostgreSQL database ``attune_load_bench`` (on $BENCH_PG, default
postgres://postgres@127.0.0.1:5432) and uses Redis db 13 ($BENCH_REDIS_URL), flushing
only that db. Everything runs with ``lms.settings.production``: it migrates, imports the
course with ``import_course fixtures/course``, collects the static files (whitenoise),
seeds an organisation of 2,000 learners with graded history plus fresh accounts for the
simulated learners, then starts gunicorn (5 sync workers on 127.0.0.1:8790) and one
``celery worker --concurrency 2`` (two grading processes, as in supervisord.conf).

Each round runs locust (bench/load/locustfile.py) headless three times:

1. bare: 50 users request ``/healthz`` without pause for 60 s: what the framework
   itself serves on this machine;
2. learners: 50 learners (5 spawned a second) log in and study for 2 minutes after the
   last one has logged in: overview, lesson, exercise, submit a real reply, wait for
   feedback as the page does, with compressed reading and writing pauses;
3. capacity: the same learners with no pauses for 60 s: the mixed pages at saturation,
   compared with the bare view.

Figures are computed from every request locust made (exact percentiles), and the
submit-to-feedback time is cross-checked with the database's own timestamps. With more
than one round it prints the best and the median. The database is dropped afterwards
unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stack

DB_NAME = "attune_load_bench"
PASSWORD = "attune-load-bench"
FEEDBACK = "submit → feedback"
PROBE = "healthz, beside the learners"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


@dataclass
class Run:
    label: str
    seconds: float
    requests: int
    failures: int
    pages: dict[str, list[float]] = field(default_factory=dict)
    whole: dict[str, list[float]] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)
    window: tuple[float, float] = (0.0, 0.0)
    cpu: dict[str, float] = field(default_factory=dict)  # percent of all CPUs, by whom

    @property
    def rps(self) -> float:
        pages = (v for k, v in self.pages.items() if k not in (FEEDBACK, PROBE))
        return sum(len(v) for v in pages) / self.seconds

    def p(self, name: str, q: float) -> float:
        return stack.percentile(self.pages.get(name, []), q)


# --- seeding ------------------------------------------------------------------------
def seed(background: int) -> dict[str, object]:
    """The organisation and the course's written exercises; returns the locust plan."""
    from accounts.models import Organisation
    from courses.models import Course
    from exercises.models import Exercise, ExerciseKind
    from hr.demo.bulk import bulk_organisation_create

    course = Course.objects.get()
    started = time.perf_counter()
    bulk_organisation_create(slug="load", name="Load Retail", learners=background, course=course)
    print(f"seeded {background:,} background learners in {time.perf_counter() - started:.1f} s")
    assert Organisation.objects.filter(slug="load").exists()
    written = Exercise.objects.filter(course=course, kind=ExerciseKind.FREE_TEXT)
    return {
        "course": course.slug,
        "password": PASSWORD,
        "exercises": {e.slug: e.rubric for e in written},
        "answers": stack.answers(),
    }


def learners(prefix: str, count: int) -> list[str]:
    """``count`` new learners enrolled in the course, none started: stage one is open."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Organisation, User
    from courses.models import Course
    from courses.services.enrollments import enrollment_start

    organisation = Organisation.objects.get(slug="load")
    course = Course.objects.get()
    password = make_password(PASSWORD)  # one PBKDF2 hash, shared: seeding stays fast
    users = User.objects.bulk_create(
        User(username=f"{prefix}-{i}", first_name="Load", last_name=f"Learner {i}",
             organisation=organisation, password=password)
        for i in range(count)
    )  # fmt: skip
    for user in users:
        enrollment_start(user=user, course=course)
    return [u.username for u in users]


# --- running locust -----------------------------------------------------------------
def locust(
    user_classes: list[str],
    plan: dict[str, object],
    *,
    users: int,
    spawn_rate: float,
    seconds: int,
    think: float = 1.0,
) -> list[list[object]]:
    """Run locust headless; return every request it made as [start, name, ms, ok]."""
    with tempfile.TemporaryDirectory(prefix="attune-locust-") as tmp:
        plan_path, samples_path = Path(tmp) / "plan.json", Path(tmp) / "samples.json"
        plan_path.write_text(json.dumps(plan), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
        env.update(
            ATTUNE_LOAD_PLAN=str(plan_path),
            ATTUNE_LOAD_SAMPLES=str(samples_path),
            ATTUNE_LOAD_THINK=str(think),
        )
        log = Path(tmp) / "locust.log"  # its own summary; ours is computed from the samples
        with open(log, "wb") as out:
            done = subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
                 "--users", str(users), "--spawn-rate", str(spawn_rate),
                 "--run-time", f"{seconds}s", "--stop-timeout", "30", "--only-summary",
                 "--loglevel", "WARNING", "--exit-code-on-error", "0", *user_classes],
                env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        if done.returncode != 0 or not samples_path.exists():
            raise RuntimeError(f"locust failed:\n{log.read_text(errors='replace')[-3000:]}")
        return json.loads(samples_path.read_text(encoding="utf-8"))


def summarise(label: str, samples: list[list[object]], *, start: float, seconds: float) -> Run:
    """Figures over the window [start, start + seconds); failures over the whole run."""
    end = start + seconds
    run = Run(label=label, seconds=seconds, requests=0, failures=0, window=(start, end))
    for raw_start, raw_name, raw_ms, ok in samples:
        begun, name, ms = float(raw_start), str(raw_name), float(raw_ms)  # type: ignore[arg-type]
        run.whole.setdefault(name, []).append(ms)
        if name != FEEDBACK:
            run.requests += 1
        if not ok:
            run.failures += 1
            run.failed[name] = run.failed.get(name, 0) + 1
        if start <= begun < end:
            run.pages.setdefault(name, []).append(ms)
    return run


def bare_round(plan: dict[str, object], args: argparse.Namespace) -> Run:
    samples = locust(["Bare"], plan, users=args.users, spawn_rate=args.users, seconds=args.bare)
    first = min(float(s[0]) for s in samples)  # type: ignore[arg-type]
    return summarise("bare view", samples, start=first + 5, seconds=args.bare - 5)


def learner_round(plan: dict[str, object], args: argparse.Namespace, *, think: float) -> Run:
    ramp = args.users / args.spawn_rate + 5  # spawning, then the last logins
    seconds = args.duration if think else args.capacity
    samples = locust(
        ["Learner", "Probe"], plan, users=args.users + 1, spawn_rate=args.spawn_rate,
        seconds=int(ramp + seconds), think=think,
    )  # fmt: skip
    logins = [float(s[0]) + float(s[2]) / 1000 for s in samples if s[1] == "log in (POST)"]  # type: ignore[arg-type]
    if not logins:
        raise RuntimeError("no learner logged in")
    label = "learners" if think else "capacity (no pauses)"
    return summarise(label, samples, start=max(logins), seconds=seconds)


# --- the database's view ------------------------------------------------------------
def wait_for_grading(prefix: str, timeout: float = 120) -> None:
    from exercises.models import PENDING_STATUSES, Submission

    deadline = time.monotonic() + timeout
    pending = Submission.objects.filter(
        learner__username__startswith=f"{prefix}-", status__in=PENDING_STATUSES
    )
    while pending.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{pending.count()} submissions still pending after {timeout} s")
        time.sleep(0.5)


def database_view(prefix: str, window: tuple[float, float]) -> dict[str, list[float]]:
    """Per submission made in the window: milliseconds from submitted_at to each step."""
    from exercises.models import Submission

    start, end = (datetime.fromtimestamp(t, tz=UTC) for t in window)
    rows = Submission.objects.filter(
        learner__username__startswith=f"{prefix}-", submitted_at__gte=start, submitted_at__lt=end
    ).values_list("submitted_at", "queued_at", "grading_started_at", "graded_at", "status")
    steps: dict[str, list[float]] = {"queued": [], "grading started": [], "graded": []}
    statuses: dict[str, int] = {}
    for submitted, queued, grading, graded, status in rows:
        statuses[status] = statuses.get(status, 0) + 1
        for key, at in (("queued", queued), ("grading started", grading), ("graded", graded)):
            if at is not None:
                steps[key].append((at - submitted).total_seconds() * 1000)
    print(f"    submissions in the window by status: {statuses}")
    return steps


# --- reporting ----------------------------------------------------------------------
def ms(value: float) -> str:
    return "–" if value != value else f"{value:,.0f} ms"  # NaN: no sample


def print_run(run: Run, bare: Run | None = None) -> None:
    errors = 100 * run.failures / max(run.requests, 1)
    versus = f", {100 * run.rps / bare.rps:.1f} % of the bare view's req/s" if bare else ""
    print(
        f"\n  {run.label}: {run.rps:,.1f} req/s over {run.seconds:.0f} s, {run.requests:,} "
        f"requests in all, {run.failures} failed ({errors:.2f} %){versus}"
    )
    if run.cpu:
        print("    CPU over the run: " + ", ".join(f"{k} {v:.0f} %" for k, v in run.cpu.items())
              + f" of {os.cpu_count()} CPUs")  # fmt: skip
    if run.failed:
        print(f"    failures: {run.failed}")
    floor = run.p(PROBE, 50)  # the bare view's latency at the same moment
    print("    | page | requests | p50 | p95 | max | p50 ÷ bare view's p50 |")
    print("    | --- | --- | --- | --- | --- | --- |")
    for name in sorted(run.whole, key=lambda n: (n == FEEDBACK, n == PROBE, n)):
        values = run.pages.get(name) or run.whole[name]  # logins happen before the window
        suffix = "" if name in run.pages else " (ramp-up)"
        p50 = stack.percentile(values, 50)
        compared = floor == floor and name in run.pages and name != FEEDBACK
        times = f"{p50 / floor:,.1f}×" if compared else ""
        print(f"    | {name}{suffix} | {len(values):,} | {ms(p50)} | "
              f"{ms(stack.percentile(values, 95))} | {ms(max(values))} | {times} |")  # fmt: skip


def print_database_view(steps: dict[str, list[float]]) -> None:
    for key, values in steps.items():
        print(f"    submitted_at → {key:<16} p50 {ms(stack.percentile(values, 50)):>8}   "
              f"p95 {ms(stack.percentile(values, 95)):>8}   n={len(values)}")  # fmt: skip


def print_summary(rounds: list[dict[str, float]]) -> None:
    print(f"\n=== {len(rounds)} rounds: best and median ===")
    print("| figure | best | median | all rounds |")
    print("| --- | --- | --- | --- |")
    for key in rounds[0]:
        values = [r[key] for r in rounds]
        plain = "req/s" in key or "%" in key
        fmt = "{:,.1f}" if plain else "{:,.0f} ms"
        if "CPU" in key:  # what else ran: context for the others, no "best"
            best = "–"
        elif "req/s" in key or "of bare" in key:  # higher is better
            best = fmt.format(max(values))
        else:
            best = fmt.format(min(values))
        median = fmt.format(statistics.median(values))
        every = ", ".join(fmt.format(v).removesuffix(" ms") for v in values)
        print(f"| {key} | {best} | {median} | {every} |")


def key_figures(bare: Run, run: Run, capacity: Run | None) -> dict[str, float]:
    figures = {
        "bare view req/s": bare.rps,
        "bare view p50": bare.p("healthz (bare view)", 50),
        "bare view p95": bare.p("healthz (bare view)", 95),
        "learners req/s": run.rps,
        "learners error %": 100 * run.failures / max(run.requests, 1),
        "submit → feedback p50": run.p(FEEDBACK, 50),
        "submit → feedback p95": run.p(FEEDBACK, 95),
    }
    figures["bare view beside the learners p50"] = run.p(PROBE, 50)
    for name in ("course overview", "lesson", "exercise", "submit answer (POST)",
                 "exercise after submit", "status fragment (poll)"):  # fmt: skip
        figures[f"{name} p50"] = run.p(name, 50)
        figures[f"{name} p95"] = run.p(name, 95)
    if capacity is not None:
        figures["capacity req/s"] = capacity.rps
        figures["capacity as % of bare view"] = 100 * capacity.rps / bare.rps
    figures["other processes' CPU % (learners run)"] = run.cpu.get("other", float("nan"))
    return figures


def shares(cpu: stack.CpuShare) -> dict[str, float]:
    return {key: cpu.percent(key) for key in ("server", "load generator", "other")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=120, help="learner run, seconds")
    parser.add_argument("--bare", type=int, default=60, help="bare-view run, seconds")
    parser.add_argument("--capacity", type=int, default=60, help="no-pause run; 0 skips it")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--background", type=int, default=2000, help="seeded learners")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--web-workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help=">1: gthread workers")
    parser.add_argument(
        "--celery", default="1x2", choices=["1x2", "2x1"],
        help="1x2: one worker, concurrency 2 (supervisord.conf); 2x1: two workers, concurrency 1",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    print(f"load average at start: {stack.load_average()}")
    with stack.scratch(DB_NAME, keep=args.keep) as (_, env):
        stack.prepare(env)
        stack.setup_django(env)
        plan = seed(args.background)
        plan["host"] = f"http://127.0.0.1:{args.port}"
        from django.db import connection, connections

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        warm = {**plan, "learners": learners("warm", args.users)}
        connections.close_all()
        processes = []
        try:
            processes.append(stack.start_gunicorn(
                env, port=args.port, workers=args.web_workers, threads=args.threads
            ))  # fmt: skip
            count, concurrency = (1, 2) if args.celery == "1x2" else (2, 1)
            for n in range(count):
                processes.append(stack.start_worker(env, concurrency=concurrency, name=f"w{n}"))
            groups = [p.pid for p in processes]  # each started in its own process group
            print(f"gunicorn: {args.web_workers} workers × {args.threads} thread(s); celery: "
                  f"{count} worker process(es) × concurrency {concurrency}")  # fmt: skip
            # Warm-up: every gunicorn worker imports, connects and compiles its templates.
            locust(["Learner"], warm, users=10, spawn_rate=10, seconds=20, think=0)
            wait_for_grading("warm")
            rounds = []
            for number in range(1, args.rounds + 1):
                print(f"\n=== round {number}, load average {stack.load_average()} ===")
                with stack.CpuShare(groups, DB_NAME) as cpu:
                    bare = bare_round(plan, args)
                bare.cpu = shares(cpu)
                print_run(bare)
                prefix = f"r{number}"
                round_plan = {**plan, "learners": learners(prefix, args.users)}
                with stack.CpuShare(groups, DB_NAME) as cpu:
                    run = learner_round(round_plan, args, think=1.0)
                run.cpu = shares(cpu)
                print_run(run, bare)
                wait_for_grading(prefix)
                print("    database timestamps (same submissions, server side):")
                print_database_view(database_view(prefix, run.window))
                capacity = None
                if args.capacity:
                    capacity_plan = {**plan, "learners": learners(f"c{number}", args.users)}
                    with stack.CpuShare(groups, DB_NAME) as cpu:
                        capacity = learner_round(capacity_plan, args, think=0.0)
                    capacity.cpu = shares(cpu)
                    print_run(capacity, bare)
                    wait_for_grading(f"c{number}")
                rounds.append(key_figures(bare, run, capacity))
            print_summary(rounds)
            print(f"load average at the end: {stack.load_average()}")
        finally:
            for process in reversed(processes):
                stack.stop(process)


if __name__ == "__main__":
    main()
