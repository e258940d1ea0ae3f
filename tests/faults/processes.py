"""Real processes the fault tests start, kill and restart: a private ``redis-server`` on a
free loopback port, and Celery worker and beat processes pointed at it and at the test
database. Nothing here touches the shared Redis or PostgreSQL services."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import redis

from tests.conftest import ROOT, _wait_until_ready, _worker_env

# Fast recovery for the tests; production runs 60 s and 120 s (README, "How an answer
# becomes feedback"). A sweep re-queues what is stuck longer than STUCK_AFTER.
SWEEP_INTERVAL = 5
STUCK_AFTER = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes], *, timeout: float = 20) -> None:
    """Warm shutdown of a process group (SIGTERM), SIGKILL if it does not finish."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGCONT)  # a paused worker could not stop
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class RedisServer:
    """A private broker without persistence: a restart really loses what was queued."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None
        self.client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed"
        log = open(self.directory / "redis.log", "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        """The broker dies (SIGKILL): connections drop, queued messages are gone."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()
        self.process = None


@dataclass
class CeleryProcess:
    process: subprocess.Popen[bytes]
    log: Path

    def wait_ready(self) -> None:
        _wait_until_ready(self.process, self.log)

    def kill(self) -> None:
        """SIGKILL the main process and its pool children: no warm shutdown, no ack;
        whatever it had fetched stays unacknowledged in the broker."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def kill_pool(self) -> int:
        """SIGKILL the pool children only; the main process sees them lost (and, with
        ``reject_on_worker_lost``, requeues their tasks) and forks new ones."""
        children = psutil.Process(self.process.pid).children()
        for child in children:
            os.kill(child.pid, signal.SIGKILL)
        return len(children)

    def pause(self) -> None:
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.process.pid, signal.SIGCONT)


class Cluster:
    """Celery workers and beat on a private broker and the test database."""

    def __init__(self, broker: RedisServer, database: str, directory: Path) -> None:
        self.broker = broker
        self.directory = directory
        self.env = _worker_env(database) | {
            "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
            "CELERY_BROKER_URL": broker.url,
            "ATTUNE_SWEEP_INTERVAL": str(SWEEP_INTERVAL),
            "ATTUNE_STUCK_AFTER_SECONDS": str(STUCK_AFTER),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        self.processes: list[subprocess.Popen[bytes]] = []
        self._numbers = itertools.count(1)

    def _spawn(self, name: str, arguments: list[str]) -> CeleryProcess:
        log = self.directory / f"{name}.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "lms", *arguments, "--loglevel=INFO"],
                cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.processes.append(process)
        return CeleryProcess(process, log)

    def start_worker(self, *, wait: bool = True) -> CeleryProcess:
        number = next(self._numbers)
        worker = self._spawn(
            f"worker-{number}",
            ["worker", "--concurrency=2", "--without-gossip", "--without-mingle",
             "--without-heartbeat", f"--hostname=faults-{os.getpid()}-{number}@%h"],
        )  # fmt: skip
        if wait:
            worker.wait_ready()
        return worker

    def start_beat(self) -> CeleryProcess:
        beat = self._spawn("beat", ["beat", "-s", str(self.directory / "beat-schedule")])
        deadline = time.monotonic() + 30
        while "Starting..." not in beat.log.read_text(errors="replace"):
            if beat.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"beat did not start:\n{beat.log.read_text()[-3000:]}")
            time.sleep(0.1)
        return beat

    def runs(self, task: str) -> int:
        """How many times the workers so far have finished ``task`` (its dotted name)."""
        done = re.compile(rf"Task {re.escape(task)}\[[^\]]+\] succeeded")
        return sum(
            len(done.findall(path.read_text(errors="replace")))
            for path in self.directory.glob("worker-*.log")
        )

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.directory.glob("*.log"))
        )

    def shutdown(self) -> None:
        for process in reversed(self.processes):
            stop(process)
