"""Invisible characters change nothing: zero-width and direction controls are not words.

A strong reply with a zero-width space between every letter reads the same on the page;
it must grade the same, with its evidence still pointing at the learner's own text.
"""

from __future__ import annotations

import pytest

from exercises.grading import GradingRequest, grade
from exercises.grading.text import normalise, visible

MESSAGE = (
    "I was charged twice for my order of £42 and nobody answers the phone. I'm furious, "
    "my rent is due on Friday."
)
STRONG = (
    "I'm so sorry you were charged twice, and with rent due on Friday that £42 really "
    "matters. I've refunded the duplicate £42 today; you'll see it in your account within "
    "3 days, and I'll email you the confirmation this afternoon. What else about the order "
    "is worrying you?"
)
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066"]


def _grade(answer: str):  # type: ignore[no-untyped-def]
    return grade(
        GradingRequest(rubric="customer_reply", answer=answer, context=MESSAGE, pass_mark=60)
    )


def test_visible_keeps_offsets_of_what_it_keeps() -> None:
    text, offsets = visible("a\u200bb\u202ec")
    assert text == "abc"
    assert offsets == (0, 2, 4)
    assert visible("plain") == ("plain", None)


def test_normalise_drops_invisible_characters() -> None:
    assert normalise("pl\u200bease don\u2019t") == "please don't"


@pytest.mark.parametrize("char", INVISIBLE)
def test_a_reply_sprinkled_with_invisible_characters_grades_the_same(char: str) -> None:
    plain = _grade(STRONG)
    sprinkled_text = char.join(STRONG)
    sprinkled = _grade(sprinkled_text)
    assert plain.passed
    assert sprinkled.score == plain.score
    assert [c.level for c in sprinkled.criteria] == [c.level for c in plain.criteria]
    for before, after in zip(plain.criteria, sprinkled.criteria, strict=True):
        quoted = [sprinkled_text[s.start : s.end].replace(char, "") for s in after.evidence]
        assert quoted == [STRONG[s.start : s.end] for s in before.evidence]


def test_an_answer_of_only_invisible_characters_is_empty() -> None:
    result = _grade("\u200b\u200c\u200d\u202e\u2066 \ufeff")
    assert result.flags[0] == "empty"
    assert result.score == 0
    assert not result.passed
