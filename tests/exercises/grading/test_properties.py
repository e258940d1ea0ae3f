"""Property tests of the grading contract on hostile text: whatever the answer and the
context — empty-ish, huge, combining marks, right-to-left, emoji, control characters, any
Unicode without surrogates — every rubric returns levels in 0..max, evidence inside the
answer, a score in 0..100 that matches the levels, a confidence in 0..1, and the same
result twice; it never raises. (test_grading_properties.py covers plain text and words.)
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.grading import MAX_LEVEL, RUBRICS, GradingRequest, GradingResult, grade
from exercises.grading.engine import MAX_ANSWER_CHARS
from exercises.grading.pass_rule import decide
from exercises.grading.styles import STYLE_TIPS

RUBRIC_NAMES = sorted(RUBRICS)

# Pieces a hostile or unlucky learner produces: words the cues look for, combining
# marks, right-to-left scripts and marks, emoji sequences, zero-width and control
# characters, odd line breaks and typographic quotes.
WORDS = [
    "sorry",
    "I'm",
    "so",
    "frustrating",
    "you",
    "refund",
    "today",
    "what",
    "?",
    "!",
    "felt",
    "angry",
    "next time",
    "I will",
    "must be",
    "worried",
    "Dana",
    "£42",
    ".",
]
PIECES = ["e\u0301", "a\u0308\u0308\u0308", "\u20dd", "Z\u0351\u0352\u0353", "שלום",
          "مرحبا بك", "\u200f", "\u202e", "\u2066", "😔", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈",
          "\u200b", "\u200d", "\ufeff", "\x00", "\x07", "\x1b[31m", "\x7f", "\u0085",
          "\r\n", "\r", "\u2028", "\u2029", "\t", "“", "’", "«", "»", "ﬁ", "Ⅻ", "İ", "ß",
          "\ufffd", "\U0010ffff", "\ue000"]  # fmt: skip
EMPTY_ISH = ["", " ", "\n\n", "\t", "\u200b", "\ufeff", "\u3000", ".", "?!", "...", "\x00",
             "\u0301", "😔"]  # fmt: skip

mixed = st.lists(st.sampled_from(WORDS + PIECES), max_size=60).map(" ".join)
joined = st.lists(st.sampled_from(WORDS + PIECES), max_size=60).map("".join)  # no spaces
texts = st.one_of(
    st.text(max_size=400),  # any code point but surrogates, control characters included
    st.text(alphabet=st.characters(codec="utf-8", categories=["M", "Cf", "Cc", "Zs", "So"]),
            max_size=200),  # only marks, format, control, spaces and symbols
    mixed,
    joined,
    st.sampled_from(EMPTY_ISH),
)  # fmt: skip
# Past the engine's cut-off, so its truncation is exercised too: one piece repeated (the
# repetition guard) or a random mixture (every feature extractor on a long text).
_PARTS = WORDS + PIECES
huge = st.one_of(
    st.builds(lambda piece, n: (piece + " ") * n, st.sampled_from(_PARTS),
              st.integers(MAX_ANSWER_CHARS // 2 + 1, MAX_ANSWER_CHARS)),
    st.builds(lambda rnd: " ".join(rnd.choices(_PARTS, k=MAX_ANSWER_CHARS // 2)),
              st.randoms(use_true_random=False)),
)  # fmt: skip
styles = st.one_of(st.none(), st.sampled_from(sorted(STYLE_TIPS)), st.text(max_size=20))
expected = st.dictionaries(st.text(max_size=12), st.lists(st.text(max_size=30), max_size=3),
                           max_size=3)  # fmt: skip


def assert_within_contract(request: GradingRequest, result: GradingResult) -> None:
    names = RUBRICS[request.rubric]
    assert tuple(c.name for c in result.criteria) == names
    for criterion in result.criteria:
        assert criterion.max_level == MAX_LEVEL
        assert 0 <= criterion.level <= criterion.max_level
        assert isinstance(criterion.feedback, str) and criterion.feedback.strip()
        for span in criterion.evidence:
            assert 0 <= span.start < span.end <= len(request.answer)
    assert 0 <= result.score <= 100
    levels = sum(c.level for c in result.criteria)
    assert result.score == round(100 * levels / (MAX_LEVEL * len(names)), 1)
    levels_by_name = {c.name: c.level for c in result.criteria}
    decision = decide(request.rubric, levels_by_name, result.score, request.pass_mark, result.flags)
    assert result.passed == decision.passed
    assert not result.passed or result.score >= request.pass_mark
    assert 0 <= result.confidence <= 1
    assert all(isinstance(flag, str) for flag in result.flags)
    assert isinstance(result.summary, str)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=texts, context=texts, rubric=st.sampled_from(RUBRIC_NAMES))
def test_any_unicode_answer_and_context_grade_within_the_contract(answer, context, rubric):
    request = GradingRequest(rubric=rubric, answer=answer, context=context)

    assert_within_contract(request, grade(request))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answer=texts,
    context=texts,
    prompt=texts,
    rubric=st.sampled_from(RUBRIC_NAMES),
    pass_mark=st.integers(0, 100),
    style=styles,
    hints=expected,
)
def test_every_request_field_may_be_hostile(answer, context, prompt, rubric, pass_mark, style,
                                            hints):  # fmt: skip
    request = GradingRequest(
        rubric=rubric, answer=answer, context=context, prompt=prompt, pass_mark=pass_mark,
        learner_style=style, expected=hints,
    )  # fmt: skip

    assert_within_contract(request, grade(request))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=huge, context=st.one_of(texts, huge), rubric=st.sampled_from(RUBRIC_NAMES))
def test_huge_answers_and_contexts_grade_within_the_contract(answer, context, rubric):
    assert len(answer) > MAX_ANSWER_CHARS
    request = GradingRequest(rubric=rubric, answer=answer, context=context)

    assert_within_contract(request, grade(request))


@settings(max_examples=60, deadline=None)
@given(answer=texts, context=texts, rubric=st.sampled_from(RUBRIC_NAMES))
def test_grading_is_deterministic(answer, context, rubric):
    """A regrade, a retried task or a second worker gives the learner the same result."""
    request = GradingRequest(rubric=rubric, answer=answer, context=context)

    assert grade(request) == grade(request)
