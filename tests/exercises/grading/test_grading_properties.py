"""Property test: any text at all is graded without an exception, within the contract."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.grading import RUBRICS, GradingRequest, grade

_words = st.sampled_from(
    [
        "sorry",
        "I'll",
        "refund",
        "today",
        "what",
        "?",
        "you",
        "must",
        "be",
        "stressful",
        "!",
        "calm",
        "down",
        "£42",
        "\n",
        "😊",
        "é",
        "“quote”",
        "next time",
        "felt",
        ".",
        "   ",
    ]
)
_texts = st.one_of(st.text(), st.lists(_words, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(answer=_texts, context=_texts, rubric=st.sampled_from(sorted(RUBRICS)))
def test_any_text_grades_within_the_contract(answer: str, context: str, rubric: str) -> None:
    result = grade(GradingRequest(rubric=rubric, answer=answer, context=context))
    assert len(result.criteria) == len(RUBRICS[rubric])
    assert 0 <= result.score <= 100
    assert 0 <= result.confidence <= 1
    for criterion in result.criteria:
        assert 0 <= criterion.level <= 2
        assert criterion.feedback
        for span in criterion.evidence:
            assert 0 <= span.start < span.end <= len(answer)
