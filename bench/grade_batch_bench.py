"""Benchmark the grader: throughput, per-reply latency and memory.

    python bench/grade_batch_bench.py [--replies 5000] [--input FILE.jsonl]

1. Builds 5,000 replies (from the calibration files, with their customer messages,
   cycled and lightly varied; plus long and adversarial ones) unless --input is given.
2. In-process: grades each reply once and reports p50 / p99 / max latency per reply.
3. End to end: runs ``python -m exercises.grading IN --output OUT`` in a subprocess and
   reports replies/s and that process's peak RSS.
4. Worker RSS: a fresh process that imports the grader (and Django, when available)
   and grades one reply, as a Celery worker would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exercises.grading import GradingRequest, grade  # noqa: E402

_EXTRA = [
    "I understand your frustration. " * 12,
    "asdf qwer zxcv hjkl " * 5,
    "Lo siento mucho, le devolveremos el dinero hoy mismo.",
    "ok",
    "",
    "Sorry. " + "We will sort it out and get back to you as soon as we can. " * 30,
]


def build_replies(count: int) -> list[dict[str, str]]:
    """Calibration replies with their messages, cycled to ``count`` lines (seeded)."""
    rng = random.Random(7)
    pool: list[dict[str, str]] = []
    for path in sorted((ROOT / "fixtures" / "calibration").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "response" in record:
                pool.append({"context": record.get("context", ""), "response": record["response"]})
    if not pool:
        pool = [{"context": "My order is late.", "response": "Sorry, I'll chase it today."}]
    contexts = [p["context"] for p in pool]
    replies = []
    for i in range(count):
        base = dict(pool[i % len(pool)])
        if i % 50 == 0:
            base["response"] = _EXTRA[(i // 50) % len(_EXTRA)]
            base["context"] = rng.choice(contexts)
        elif i % 3 == 0:
            words = base["response"].split()
            rng.shuffle(words[: len(words) // 4])
            base["response"] = " ".join(words)
        replies.append({"id": f"bench-{i}", **base})
    return replies


def in_process(replies: list[dict[str, str]]) -> dict[str, float]:
    timings = []
    cpu_started = time.process_time()
    for reply in replies:
        request = GradingRequest(
            rubric="customer_reply", answer=reply["response"], context=reply["context"]
        )
        started = time.perf_counter()
        grade(request)
        timings.append(time.perf_counter() - started)
    cpu = time.process_time() - cpu_started
    timings.sort()
    return {
        "cpu_replies_per_s": len(timings) / cpu,
        "p50_ms": 1000 * statistics.median(timings),
        "p99_ms": 1000 * timings[int(0.99 * (len(timings) - 1))],
        "max_ms": 1000 * timings[-1],
        "replies_per_s": len(timings) / sum(timings),
    }


def end_to_end(path: Path) -> dict[str, float]:
    out = path.with_suffix(".out.jsonl")
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-m", "exercises.grading", str(path), "--output", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    lines = sum(1 for _ in out.open(encoding="utf-8"))
    return {
        "lines": lines,
        "seconds": seconds,
        "replies_per_s": lines / seconds,
        "peak_rss_mb": peak_kb / 1024,
    }


_WORKER = """
import resource, sys
try:
    import django, os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.local")
    django.setup()
    with_django = True
except Exception:
    with_django = False
from exercises.grading import GradingRequest, grade
grade(GradingRequest(rubric="customer_reply", answer="Sorry, I'll refund it today.", context="x"))
print(with_django, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def worker_rss() -> dict[str, float | bool]:
    result = subprocess.run(
        [sys.executable, "-c", _WORKER],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    with_django, kb = result.stdout.split()[-2:]
    return {"with_django": with_django == "True", "rss_mb": int(kb) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replies", type=int, default=5000)
    parser.add_argument("--input", type=Path, help="existing JSONL file to grade instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        if args.input:
            replies = [
                json.loads(line) for line in args.input.open(encoding="utf-8") if line.strip()
            ]
        else:
            replies = build_replies(args.replies)
        path.write_text("\n".join(json.dumps(r) for r in replies) + "\n", encoding="utf-8")
        latency = in_process(replies)
        batch = end_to_end(path)
    worker = worker_rss()
    print(f"replies: {len(replies)}")
    print(
        f"in-process: {latency['replies_per_s']:,.0f} replies/s, p50 {latency['p50_ms']:.3f} ms, "
        f"p99 {latency['p99_ms']:.3f} ms, max {latency['max_ms']:.2f} ms "
        f"({latency['cpu_replies_per_s']:,.0f} replies per CPU-second)"
    )
    print(
        f"end to end (python -m exercises.grading, one process): {batch['replies_per_s']:,.0f} "
        f"replies/s over {batch['lines']:.0f} lines incl. start-up, peak RSS "
        f"{batch['peak_rss_mb']:.0f} MB"
    )
    print(
        f"worker with grader loaded{' (and Django set up)' if worker['with_django'] else ''}: "
        f"{worker['rss_mb']:.0f} MB RSS"
    )


if __name__ == "__main__":
    main()
