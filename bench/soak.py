"""Soak test of the ``make run`` stack: a working day compressed into a few minutes.

Starts the real ``make run`` (supervisord with web, worker and beat on the development
settings, SQLite and the embedded SQLite broker) on a temporary var dir and a free port,
then at once:

- simulated learners log in and answer reply exercises through the HTTP forms, as fast
  as ``--rate`` allows (the worker falls behind: a backlog longer than the sweep's
  threshold, the case where the old sweep duplicated messages);
- an integrator pages through ``/api/v1/progress/`` with the demo credential, again and
  again;
- beat ticks every ``--sweep-interval`` seconds (the stuck-answer and integrations sweeps);
- ``/healthz`` is probed four times a second: the web must never stop answering;
- the worker's whole process group is SIGKILLed ``--kills`` times, and restarted warm
  (SIGTERM, through supervisorctl) once, while answers are in flight.

Then it waits until nothing is pending and checks: supervisord and the web server never
crashed (same pids), the worker died only when killed, every answer is graded exactly
once (one Grading per submission), none is left pending or failed. Finally it stops the
stack as Ctrl-C does and checks that the warm shutdown needed no SIGKILL. It prints the
figures (README, "A working day under make run") and exits 1 if a check failed.

    .venv/bin/python bench/soak.py              # 2,000 answers: 6 minutes on a quiet machine
    .venv/bin/python bench/soak.py --answers 5000 --learners 12 --rate 15
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "load"))
import stack  # noqa: E402  (bench/load/stack.py: calibration answers, percentiles)

PASSWORD = "soak-learner-password"
SERVICES = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "CACHE_URL", "ATTUNE_")
FIELD = r'name="{}"[^>]*value="([^"]+)"'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit(f"soak: timed out after {timeout:.0f} s waiting for {what}")


class Stack:
    """``make run`` on a temporary var dir, and what its supervisord says."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.var = Path(tempfile.mkdtemp(prefix="attune-soak-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(SERVICES)}
        self.env = clean | {
            "ATTUNE_VAR_DIR": str(self.var),
            "ATTUNE_HOST": "127.0.0.1",
            "ATTUNE_PORT": str(self.port),
            "ATTUNE_SWEEP_INTERVAL": str(args.sweep_interval),
            "ATTUNE_STUCK_AFTER_SECONDS": str(args.stuck_after),
            "ATTUNE_REMINDER_INTERVAL_MINUTES": "1",
        }
        self.log = self.var / "make-run.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log, "wb") as output:
            self.process = subprocess.Popen(
                ["make", "run"], cwd=ROOT, env=self.env, stdout=output,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        wait_until(self.serving, 300, "make run to serve /healthz")
        wait_until(lambda: "ready." in self.output(), 120, "the worker to be ready")

    def serving(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise SystemExit(f"soak: make run exited:\n{self.output()[-3000:]}")
        try:
            return httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def output(self) -> str:
        """What make run printed and what web, worker and beat logged (var/<name>.log)."""
        logs = [self.log, *(self.var / f"{name}.log" for name in ("web", "worker", "beat"))]
        return "".join(p.read_text(errors="replace") for p in logs if p.exists())

    def supervisor_log(self) -> str:
        return (self.var / "supervisord.log").read_text(errors="replace")

    def ctl(self, *args: str) -> str:
        result = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "supervisorctl"), "-c", "supervisord.conf", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return result.stdout.strip()

    def pid(self, program: str) -> int:
        text = self.ctl("pid", program)
        return int(text) if text.isdigit() else 0

    def manage(self, code: str) -> str:
        env = self.env | {"DJANGO_SETTINGS_MODULE": "lms.settings.local"}
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return result.stdout

    def stop_like_ctrl_c(self) -> float:
        """SIGINT to make and supervisord, as the terminal sends it; seconds to exit."""
        assert self.process is not None
        started = time.monotonic()
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise SystemExit("soak: the stack did not stop within 60 s of Ctrl-C") from None
        return time.monotonic() - started

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.var / 'attune.sqlite3'}?mode=ro", uri=True, timeout=30)


SEED = """
import json
from accounts.services import user_upsert
from courses.models import Course
from courses.services.enrollments import enrollment_start
from exercises.models import Exercise, ExerciseKind
course = Course.objects.get()
for n in range({count}):
    user, _ = user_upsert(username=f"soak-{{n}}", password="{password}", first_name="Soak",
                          last_name=f"Learner {{n}}", email=f"soak-{{n}}@example.com")
    enrollment_start(user=user, course=course)
stage = course.stages.order_by("position").first()
replies = Exercise.objects.filter(lesson__stage=stage, kind=ExerciseKind.FREE_TEXT,
                                  rubric="customer_reply")
print(json.dumps([f"/courses/{{course.slug}}/exercises/{{e.slug}}/" for e in replies]))
"""


class Day:
    """Everything that runs at once, with its counters."""

    def __init__(self, stack_: Stack, args: argparse.Namespace) -> None:
        self.stack, self.args = stack_, args
        self.lock = threading.Lock()
        self.accepted = 0  # answers the site took (302)
        self.started = 0  # answers begun (the target counts these)
        self.errors: list[str] = []
        self.api_pages = self.api_syncs = self.api_throttled = 0
        self.probes = self.probe_failures = 0
        self.kills: list[dict[str, float]] = []
        self.warm_stops: list[float] = []
        self.done = threading.Event()
        self.interval = args.learners / args.rate  # seconds between one learner's answers

    def error(self, text: str) -> None:
        with self.lock:
            if len(self.errors) < 50:
                self.errors.append(text)
            else:
                self.errors[-1] = f"... and more; last: {text}"

    def take(self) -> bool:
        with self.lock:
            if self.started >= self.args.answers:
                return False
            self.started += 1
            return True

    def learner(self, number: int, exercises: list[str], replies: list[str]) -> None:
        client = httpx.Client(base_url=self.stack.url, timeout=30)
        login = client.get("/accounts/login/").text
        csrf = re.search(FIELD.format("csrfmiddlewaretoken"), login)
        assert csrf, "no CSRF token on the login page"
        response = client.post(
            "/accounts/login/",
            data={"username": f"soak-{number}", "password": PASSWORD,
                  "csrfmiddlewaretoken": csrf.group(1)},
        )  # fmt: skip
        if response.status_code != 302:
            self.error(f"login soak-{number}: {response.status_code}")
            return
        turn = number
        next_at = time.monotonic()
        while self.take():
            next_at += self.interval
            time.sleep(max(0.0, next_at - time.monotonic()))
            turn += 1
            path = exercises[turn % len(exercises)]
            try:
                page = client.get(path).text
                csrf = re.search(FIELD.format("csrfmiddlewaretoken"), page)
                token = re.search(FIELD.format("client_token"), page)
                if not (csrf and token):
                    self.error(f"no answer form on {path}")
                    continue
                answer = replies[(turn * 7919) % len(replies)]
                response = client.post(
                    f"{path}submit/",
                    data={"answer": answer, "client_token": token.group(1),
                          "csrfmiddlewaretoken": csrf.group(1)},
                )  # fmt: skip
            except httpx.HTTPError as failure:
                self.error(f"answer: {type(failure).__name__}: {failure}")
                continue
            if response.status_code == 302:
                with self.lock:
                    self.accepted += 1
            else:
                self.error(f"answer: HTTP {response.status_code}")

    def integrator(self, token: str) -> None:
        client = httpx.Client(
            base_url=self.stack.url, timeout=60, headers={"Authorization": f"Bearer {token}"}
        )
        while not self.done.is_set():
            url: str | None = "/api/v1/progress/?page_size=10"
            while url and not self.done.is_set():
                try:
                    response = client.get(url)
                except httpx.HTTPError as failure:
                    self.error(f"api: {type(failure).__name__}: {failure}")
                    break
                if response.status_code == 429:
                    self.api_throttled += 1
                    time.sleep(float(response.headers.get("Retry-After", "1")))
                    continue
                if response.status_code != 200:
                    self.error(f"api: HTTP {response.status_code}")
                    break
                self.api_pages += 1
                url = response.json()["next"]
            else:
                self.api_syncs += 1
            self.done.wait(1)

    def prober(self) -> None:
        while not self.done.is_set():
            self.probes += 1
            try:
                ok = httpx.get(f"{self.stack.url}/healthz", timeout=5).status_code == 200
            except httpx.HTTPError:
                ok = False
            if not ok:
                self.probe_failures += 1
            self.done.wait(0.25)

    def killer(self) -> None:
        """SIGKILL the worker's process group at even steps of the answers, and restart it
        warm once in between; each while it has answers in hand."""
        actions = ["kill"] * self.args.kills
        actions.insert(len(actions) // 2, "warm")
        steps = len(actions) + 1
        for step, action in enumerate(actions, start=1):
            while self.accepted < self.args.answers * step / steps:
                if self.done.wait(0.05):
                    return
            old = self.stack.pid("worker")
            started = time.monotonic()
            if action == "kill":
                os.killpg(old, signal.SIGKILL)
                wait_until(lambda o=old: self.stack.pid("worker") not in (0, o), 60, "a new worker")
                self.kills.append({"restarted_after": time.monotonic() - started})
            else:
                self.stack.ctl("stop", "worker")
                self.warm_stops.append(time.monotonic() - started)
                self.stack.ctl("start", "worker")


def pending_and_graded(stack_: Stack) -> tuple[int, int]:
    with stack_.db() as db:
        pending = db.execute(
            "SELECT COUNT(*) FROM exercises_submission "
            "WHERE status IN ('submitted', 'queued', 'grading')"
        ).fetchone()[0]
        graded = db.execute("SELECT COUNT(*) FROM exercises_grading").fetchone()[0]
    return pending, graded


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def report(stack_: Stack, day: Day, figures: dict[str, object]) -> list[str]:
    """Check the day's outcome; print the figures; return the failed checks."""
    with stack_.db() as db:
        db.execute(
            "CREATE TEMP VIEW soak AS SELECT s.* FROM exercises_submission s "
            "JOIN accounts_user u ON u.id = s.learner_id WHERE u.username LIKE 'soak-%'"
        )  # the soak's learners only, not the demo organisation's graded history
        statuses = dict(db.execute("SELECT status, COUNT(*) FROM soak GROUP BY status"))
        submissions = sum(statuses.values())
        gradings = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT submission_id) FROM exercises_grading "
            "WHERE submission_id IN (SELECT id FROM soak)"
        ).fetchone()
        not_once = db.execute(
            "SELECT COUNT(*) FROM (SELECT s.id FROM soak s "
            "LEFT JOIN exercises_grading g ON g.submission_id = s.id "
            "GROUP BY s.id HAVING COUNT(g.id) != 1)"
        ).fetchone()[0]
        times = db.execute(
            "SELECT submitted_at, graded_at, queued_at FROM soak WHERE graded_at IS NOT NULL"
        ).fetchall()
        attempts = db.execute(
            "SELECT MAX(grading_attempts), SUM(grading_attempts > 1) FROM soak"
        ).fetchone()
    latency = [(parse(g) - parse(s)).total_seconds() for s, g, _ in times]
    supervisor = stack_.supervisor_log()
    output = stack_.output()
    exits = re.findall(r"exited: (\w+) \((.*?)\)", supervisor)
    requeued = sum(int(n) for n in re.findall(r"re-queued (\d+) submissions whose", output))
    never_queued = sum(int(n) for n in re.findall(r"Sweep re-queued (\d+) and", output))
    figures |= {
        "answers accepted (HTTP 302)": day.accepted,
        "submissions stored": submissions,
        "statuses": statuses,
        "gradings": gradings[0],
        "submissions with a grading count other than 1": not_once,
        "answers graded more than once by the grader (attempts > 1)": attempts[1],
        "submit -> graded p50 / p95 / max (s)": (
            f"{stack.percentile(latency, 50):.2f} / {stack.percentile(latency, 95):.2f} / "
            f"{max(latency, default=float('nan')):.1f}"
        ),
        "integrator: full syncs / pages / throttled": (
            f"{day.api_syncs} / {day.api_pages} / {day.api_throttled}"
        ),
        "healthz probes / failed": f"{day.probes} / {day.probe_failures}",
        "worker SIGKILLs (restarted after, s)": [round(k["restarted_after"], 1) for k in day.kills],
        "warm worker stops (s)": [round(s, 2) for s in day.warm_stops],
        "re-queued by the sweep: lost / never queued": f"{requeued} / {never_queued}",
        "process exits seen by supervisord": exits,
        "HTTP errors": day.errors,
    }
    failures = []
    expected_exits = [("worker", "terminated by SIGKILL; not expected")] * len(day.kills)
    if [e for e in exits if e not in expected_exits] or len(exits) != len(day.kills):
        failures.append(f"unexpected process exits: {exits}")
    if figures["pids changed"]:
        failures.append(f"web, beat or supervisord restarted: {figures['pids changed']}")
    if "Unrecoverable error" in output or "database is locked" in output:
        failures.append("the log shows an unrecoverable error or a locked database")
    if day.errors or day.probe_failures:
        failures.append(f"{len(day.errors)} HTTP errors, {day.probe_failures} failed probes")
    if submissions != day.accepted or day.accepted != day.args.answers:
        failures.append(f"{day.accepted} answers accepted, {submissions} stored")
    if set(statuses) - {"graded", "needs_review"}:
        failures.append(f"answers not graded: {statuses}")
    if not_once or gradings[0] != submissions:
        failures.append(f"{not_once} answers without exactly one grading")
    if len(day.kills) < day.args.kills:
        failures.append("the worker was not killed as often as asked")
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--learners", type=int, default=8)
    parser.add_argument("--rate", type=float, default=12, help="answers a second, all learners")
    parser.add_argument("--kills", type=int, default=2, help="worker SIGKILLs (at least 2)")
    parser.add_argument("--sweep-interval", type=int, default=10, help="beat's sweeps, s")
    parser.add_argument("--stuck-after", type=int, default=20, help="ATTUNE_STUCK_AFTER_SECONDS")
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir")
    args = parser.parse_args()

    stack_ = Stack(args)
    print(f"soak: make run on port {stack_.port}, var dir {stack_.var}; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
    began = time.monotonic()
    stack_.start()
    token = re.search(r"^\s+(atn_\S+)$", stack_.output(), re.MULTILINE)
    assert token, "no integrator credential in make run's output"
    exercises = json.loads(stack_.manage(SEED.format(count=args.learners, password=PASSWORD)))
    replies = stack.answers()["customer_reply"]
    pids = {name: stack_.pid(name) for name in ("web", "beat")}
    pids["supervisord"] = int((stack_.var / "supervisord.pid").read_text())
    print(f"soak: started in {time.monotonic() - began:.0f} s; {len(exercises)} reply "
          f"exercises, {args.learners} learners, {args.answers} answers", flush=True)  # fmt: skip

    day = Day(stack_, args)
    started = time.monotonic()
    background = [
        threading.Thread(target=day.integrator, args=(token.group(1),), daemon=True),
        threading.Thread(target=day.prober, daemon=True),
        threading.Thread(target=day.killer, daemon=True),
    ]
    learners = [
        threading.Thread(target=day.learner, args=(n, exercises, replies), daemon=True)
        for n in range(args.learners)
    ]
    for thread in background + learners:
        thread.start()
    for thread in learners:
        thread.join()
    submitted = time.monotonic() - started
    print(f"soak: {day.accepted} answers in {submitted:.0f} s; waiting for grading", flush=True)
    wait_until(lambda: pending_and_graded(stack_)[0] == 0, 900, "every answer to be graded")
    settled = time.monotonic() - started
    graded = pending_and_graded(stack_)[1]
    broker = sqlite3.connect(f"file:{stack_.var / 'broker.sqlite3'}?mode=ro", uri=True, timeout=30)
    with broker:
        left = broker.execute("SELECT COUNT(*) FROM kombu_message WHERE visible").fetchone()[0]
    broker.close()
    time.sleep(2 * args.sweep_interval)  # two more sweeps must change nothing
    day.done.set()
    for thread in background:
        thread.join(timeout=60)
    assert pending_and_graded(stack_)[1] == graded, "gradings appeared after settling"

    now = {name: stack_.pid(name) for name in ("web", "beat")}
    now["supervisord"] = int((stack_.var / "supervisord.pid").read_text())
    figures: dict[str, object] = {
        "answers submitted in (s)": round(submitted),
        "answers/s submitted": round(day.accepted / submitted, 1),
        "all graded after (s)": round(settled),
        "messages still queued in the broker then": left,
        "pids changed": {k: (pids[k], now[k]) for k in pids if pids[k] != now[k]},
    }
    failures = report(stack_, day, figures)

    stop_seconds = stack_.stop_like_ctrl_c()
    supervisor = stack_.supervisor_log()
    print(f"{'Ctrl-C: stack stopped in (s)':<40}  {stop_seconds:.1f}")
    if "SIGKILL" in supervisor.split("received SIGINT")[-1]:
        failures.append("Ctrl-C needed a SIGKILL to stop a process")
    if not args.keep:
        shutil.rmtree(stack_.var, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}")
    print("soak: " + ("FAILED" if failures else "passed: no crash, every answer graded once"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
