"""Batch grading: streamed output, malformed lines reported with their number."""

from __future__ import annotations

import io
import json

from exercises.grading.batch import grade_lines

GOOD = {
    "id": "r1",
    "context": "My parcel never came.",
    "response": "I'm sorry, I'll resend it today.",
}


def run(lines: list[str]) -> tuple[list[dict[str, object]], str, int, int]:
    out, err = io.StringIO(), io.StringIO()
    stats = grade_lines(lines, out, err)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return records, err.getvalue(), stats.scored, stats.errors


def test_each_line_gets_criteria_with_level_evidence_feedback_and_a_score() -> None:
    records, errors, scored, failed = run([json.dumps(GOOD) + "\n"])
    assert (scored, failed, errors) == (1, 0, "")
    record = records[0]
    assert record["id"] == "r1"
    criteria = record["criteria"]
    assert isinstance(criteria, dict)
    assert set(criteria) == {
        "emotional_reaction",
        "interpretation",
        "exploration",
        "non_judgment",
        "next_step",
    }
    for value in criteria.values():
        assert set(value) >= {"level", "evidence", "feedback"}
        for start, end in value["evidence"]:
            assert 0 <= start < end <= len(GOOD["response"])
    assert 0 <= float(record["score"]) <= 100  # type: ignore[arg-type]


def test_malformed_lines_are_reported_by_number_and_the_rest_are_scored() -> None:
    lines = [
        json.dumps(GOOD),
        "{not json",
        json.dumps({"id": "r3", "context": "x"}),
        "",
        json.dumps([1, 2]),
        json.dumps({"id": "r6", "response": "Sorry!", "rubric": "haiku"}),
        json.dumps({**GOOD, "id": "r7", "rubric": "reflection"}),
    ]
    records, errors, scored, failed = run(lines)
    assert [r["id"] for r in records] == ["r1", "r7"]
    assert (scored, failed) == (2, 4)
    for number in (2, 3, 5, 6):
        assert f"line {number}:" in errors
    assert "line 4" not in errors


def test_batch_accepts_a_lazy_iterator() -> None:
    lines = (json.dumps({**GOOD, "id": str(i)}) for i in range(50))
    out, err = io.StringIO(), io.StringIO()
    stats = grade_lines(lines, out, err)
    assert stats.scored == 50
    assert "50 lines scored, 0 errors" in stats.summary()
