"""Grade a JSONL stream of replies line by line, so memory stays flat for any file size.

Input lines: ``{"id", "context", "response"}`` plus optional ``rubric`` (default
customer_reply), ``prompt``, ``pass_mark``, ``learner_style``, ``expected``, ``previous``
(the reply a revision must change) and ``other_answers`` (the writer's replies to other
customers). Output lines add ``summary`` and, for replies, ``listening`` (the customer's
words picked up and missed) to the levels, evidence, score, ``passed`` and flags.
A malformed line is reported with its line number and skipped; the rest are graded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from .contract import GradingError, GradingRequest, GradingResult
from .engine import grade


@dataclass
class BatchStats:
    """What a batch run did: lines graded, lines rejected, and how fast."""

    scored: int = 0
    errors: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.scored / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        return (
            f"{self.scored} lines scored, {self.errors} errors, "
            f"{self.per_second:,.0f} replies/s ({self.seconds:.2f} s)"
        )


class Writer(Protocol):
    """Anything with ``write(str)``: a file, ``sys.stderr`` or Django's ``OutputWrapper``."""

    def write(self, text: str, /) -> Any: ...


class LineError(ValueError):
    """A line that is not a gradable record; the message says why."""


def _text(record: dict[str, Any], key: str, required: bool) -> str:
    value = record.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise LineError(f'"{key}" must be a string')
    return value


def parse(line: str) -> tuple[str, GradingRequest]:
    """The record's id and its grading request, or :class:`LineError`."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise LineError(f"not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise LineError("not a JSON object")
    if "id" not in record or isinstance(record["id"], (dict, list)):
        raise LineError('missing "id"')
    expected = record.get("expected") or {}
    if not isinstance(expected, dict):
        raise LineError('"expected" must be an object')
    pass_mark = record.get("pass_mark", 60)
    if not isinstance(pass_mark, int) or isinstance(pass_mark, bool):
        raise LineError('"pass_mark" must be an integer')
    others = record.get("other_answers") or []
    if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
        raise LineError('"other_answers" must be a list of strings')
    request = GradingRequest(
        rubric=_text(record, "rubric", False) or "customer_reply",
        answer=_text(record, "response", True),
        context=_text(record, "context", False),
        prompt=_text(record, "prompt", False),
        pass_mark=pass_mark,
        learner_style=_text(record, "learner_style", False) or None,
        expected={str(k): [str(x) for x in v] for k, v in expected.items() if isinstance(v, list)},
        previous_answer=_text(record, "previous", False),
        other_answers=tuple(others),
        situation=_text(record, "situation", False),
    )
    return str(record["id"]), request


def to_record(record_id: str, result: GradingResult) -> dict[str, Any]:
    """The output line for one graded reply."""
    return {
        "id": record_id,
        "criteria": {
            c.name: {
                "level": c.level,
                "evidence": [[s.start, s.end] for s in c.evidence],
                "feedback": c.feedback,
            }
            for c in result.criteria
        },
        "score": result.score,
        "passed": result.passed,
        "confidence": result.confidence,
        "flags": list(result.flags),
        "summary": result.summary,
        **({"listening": asdict(result.listening)} if result.listening else {}),
    }


def grade_lines(lines: Iterable[str], out: Writer, errors: Writer) -> BatchStats:
    """Grade every line of ``lines`` into ``out``; report bad lines to ``errors``."""
    stats = BatchStats()
    started = time.perf_counter()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record_id, request = parse(line)
            result = grade(request)
        except (LineError, GradingError) as error:
            stats.errors += 1
            errors.write(f"line {number}: {error}\n")
            continue
        out.write(json.dumps(to_record(record_id, result), ensure_ascii=False) + "\n")
        stats.scored += 1
    stats.seconds = time.perf_counter() - started
    return stats
