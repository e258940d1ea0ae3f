"""What counts as an acceptable written answer (pure checks, no database)."""

import pytest

from exercises.errors import SubmissionRejected
from exercises.presenters import Segment, highlight
from exercises.profile import leading_style, score_styles
from exercises.validation import clean_answer


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Please write your answer"),
        ("   \n\t  ", "Please write your answer"),
        ("x" * 10_001, "10,001 characters; the limit is 10,000"),
        ("hello\x00world", "control characters"),
        ("bell\x07", "control characters"),
    ],
)
def test_rejected_answers_say_why(settings, raw, message):
    with pytest.raises(SubmissionRejected, match=message):
        clean_answer(raw)


def test_accepted_answer_is_trimmed_and_keeps_its_lines(settings):
    assert clean_answer("  Hi Dana,\r\n\tthanks  ") == "Hi Dana,\n\tthanks"
    assert len(clean_answer("y" * 10_000)) == 10_000


def test_highlight_merges_overlaps_and_clips_bad_spans():
    segments = highlight("abcdefgh", [[1, 3], [2, 5], [7, 99], [-4, 0]])

    assert segments == [
        Segment("a", False),
        Segment("bcde", True),
        Segment("fg", False),
        Segment("h", True),
    ]


def test_style_profile_scores_each_style_on_a_0_to_100_scale():
    items = [{"style": "direct"}, {"style": "direct"}, {"style": "supportive"}]

    scores = score_styles(items, {0: 5, 1: 3, 2: 1})

    assert scores == {"direct": 75.0, "supportive": 0.0}
    assert leading_style(scores, ["supportive", "direct"]) == "direct"
    assert leading_style({"a": 50.0, "b": 50.0}, ["b", "a"]) == "b"
