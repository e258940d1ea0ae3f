"""The services a benchmark runs against: a scratch PostgreSQL database, Redis db 13,
gunicorn and Celery worker processes, all started and stopped by the benchmark itself.

Shared by ``bench/load/run.py`` and ``bench/grading_throughput.py``. Everything runs with
``lms.settings.production`` (DEBUG off, PBKDF2 passwords, secure cookies, whitenoise with
the hashed static manifest), as it would behind a TLS-terminating proxy.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Redis db 13 belongs to the benchmarks: flushed at start, nothing else is touched.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
CALIBRATION = ROOT / "fixtures" / "calibration"


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # db 13 only, never FLUSHALL


def queue_length(queue: str = "attune") -> int:
    import redis

    return int(redis.Redis.from_url(REDIS_URL).llen(queue))


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min; {os.cpu_count()} CPUs)"


def production_env(database_url: str, var_dir: Path) -> dict[str, str]:
    """The environment of every process: production settings, our database and Redis."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "ATTUNE_SITE_URL": "https://attune.example.com",  # production refuses loopback
        "ATTUNE_VAR_DIR": str(var_dir),  # collected static files and logs, not ./var
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


@contextmanager
def scratch(db_name: str, *, keep: bool = False) -> Iterator[tuple[str, dict[str, str]]]:
    """A fresh database and a temporary var dir; dropped afterwards unless ``keep``."""
    database_url = f"{PG}/{db_name}"
    recreate_database(database_url)
    flush_redis()
    with tempfile.TemporaryDirectory(prefix="attune-bench-") as tmp:
        env = production_env(database_url, Path(tmp))
        try:
            yield database_url, env
        finally:
            setup_done = "django" in sys.modules
            if setup_done:
                from django.db import connections

                connections.close_all()
            flush_redis()
            if not keep:
                recreate_database(database_url, drop_only=True)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def setup_django(env: dict[str, str]) -> None:
    """Use the benchmark's settings in this process too (seeding, checking results)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(env: dict[str, str]) -> None:
    """Schema, the real course and the static manifest, as a deployment would."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_course", "fixtures/course")
    manage(env, "collectstatic", "--noinput", "-v0")


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    # Own session: stopping it signals exactly this process group, nothing else.
    with open(log, "wb") as out:
        return subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """Warm shutdown (lets a Celery worker finish its task), then kill if it hangs."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_gunicorn(
    env: dict[str, str], *, port: int, workers: int, threads: int = 1
) -> subprocess.Popen[bytes]:
    """gunicorn on 127.0.0.1:``port``; sync workers unless ``threads`` > 1 (gthread)."""
    import httpx

    args = [sys.executable, "-m", "gunicorn", "lms.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    if threads > 1:
        args += ["--worker-class", "gthread", "--threads", str(threads)]
    log = Path(env["ATTUNE_VAR_DIR"]) / "gunicorn.log"
    server = _spawn(args, env, log)
    for _ in range(150):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def start_worker(env: dict[str, str], *, concurrency: int, name: str) -> subprocess.Popen[bytes]:
    """One ``celery worker`` (prefork, ``concurrency`` child processes); returns once it
    has logged that it is ready to take tasks."""
    log = Path(env["ATTUNE_VAR_DIR"]) / f"worker-{name}.log"
    args = [sys.executable, "-m", "celery", "-A", "lms", "worker", "--loglevel=INFO",
            f"--concurrency={concurrency}", f"--hostname={name}@%h"]  # fmt: skip
    worker = _spawn(args, env, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if " ready." in log.read_text(errors="replace"):
            return worker
        if worker.poll() is not None:
            break
        time.sleep(0.1)
    stop(worker)
    raise RuntimeError(f"celery worker did not start:\n{log.read_text()[-3000:]}")


def answers() -> dict[str, list[str]]:
    """Real learners' replies from the calibration set, by rubric: customer replies for
    ``customer_reply`` exercises, reflections for ``reflection`` ones."""
    pool: dict[str, list[str]] = {"customer_reply": [], "reflection": []}
    for path in sorted(CALIBRATION.glob("*.jsonl")):
        rubric = "reflection" if path.name.startswith("reflection") else "customer_reply"
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("response", "") if line.strip() else ""
            if text.strip() and len(text) <= 10_000:
                pool[rubric].append(text)
    return pool


def pick_answer(pool: dict[str, list[str]], rubric: str, rng: random.Random) -> str:
    return rng.choice(pool.get(rubric) or pool["customer_reply"])


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


class CpuShare:
    """Where the machine's CPU time went during a run: to the benchmark's own server
    processes (gunicorn, Celery and their PostgreSQL backends), to the load generator
    (locust, a child of this process), or to anything else: "what else was running".

    Processes are sampled every second, so a backend that closes mid-run still counts.
    """

    def __init__(self, groups: list[int], database: str) -> None:
        self.groups, self.database = set(groups), database
        self.first: dict[int, int] = {}
        self.last: dict[int, tuple[str, int]] = {}
        self.stopping = threading.Event()

    def __enter__(self) -> CpuShare:
        self.began, self.busy0 = time.monotonic(), _busy_ticks()
        self._sample(first=True)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopping.set()
        self.thread.join()
        self._sample()
        self.seconds, self.busy = time.monotonic() - self.began, _busy_ticks() - self.busy0

    def percent(self, key: str) -> float:
        """Percent of all CPUs over the run: ``server``, ``load generator`` or ``other``."""
        used = {"server": 0, "load generator": 0}
        for pid, (kind, ticks) in self.last.items():
            used[kind] += ticks - self.first.get(pid, 0)
        used["other"] = self.busy - used["server"] - used["load generator"]
        capacity = self.seconds * (os.cpu_count() or 1) * os.sysconf("SC_CLK_TCK")
        return 100 * max(used[key], 0) / capacity

    def _run(self) -> None:
        while not self.stopping.wait(1.0):
            self._sample()

    def _sample(self, *, first: bool = False) -> None:
        backends = self._backends()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            pid, group = int(entry), int(fields[2])
            own = int(fields[11]) + int(fields[12])
            if pid == os.getpid():  # locust runs are reaped children: this process's cutime
                kind, ticks = "load generator", int(fields[13]) + int(fields[14])
            elif group in self.groups or pid in backends:
                kind, ticks = "server", own
            else:
                continue
            if first:
                self.first[pid] = ticks
            self.last[pid] = (kind, ticks)

    def _backends(self) -> set[int]:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
            ).fetchall()
        return {row[0] for row in rows}


def _busy_ticks() -> int:
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(v) for v in stat.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4]  # all but idle and iowait
