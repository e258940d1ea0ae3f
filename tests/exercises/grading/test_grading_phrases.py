"""The fast phrase matcher finds a phrase wherever the plain regular expression does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.grading import action_cues, cues, judgement
from exercises.grading.phrases import Phrases

FAMILIES = [
    (f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value)
    for module in (cues, judgement, action_cues)
    for name, value in vars(module).items()
    if isinstance(value, Phrases)
]
_VOCABULARY = (
    "I I'm im I've we'll you your sorry must be so stressful calm down as I said just a small "
    "delay refund today by Friday within 2 hours £42 what would help is there anything else "
    "next time policy clearly stated that's it's no wonder. , ? ! \n"
)
_WORDS = st.sampled_from(_VOCABULARY.split(" "))


@pytest.mark.parametrize(("name", "phrases"), FAMILIES)
def test_every_family_compiles_to_an_equivalent_plain_pattern(name: str, phrases: Phrases) -> None:
    assert re.compile(phrases.pattern, re.IGNORECASE | re.MULTILINE)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(_WORDS, max_size=30))
def test_fast_matching_agrees_with_the_plain_pattern(words: list[str]) -> None:
    text = " ".join(words)
    for name, phrases in FAMILIES:
        plain = re.compile(phrases.pattern, re.IGNORECASE | re.MULTILINE)
        assert bool(list(phrases.finditer(text))) == bool(plain.search(text)), name


@pytest.mark.parametrize(
    ("phrases", "text", "found"),
    [
        (action_cues.PROMISE, "im sending a replacement today", "im sending"),
        (action_cues.DONE, "I've frozen the membership", "I've frozen"),
        (
            cues.EMPATHY_FRAME,
            "That's really frustrating, especially now",
            "That's really frustrating",
        ),
        (judgement.DISMISS, "Well, as I said, it's the rules", "Well,"),
    ],
)
def test_phrases_find_their_examples(phrases: Phrases, text: str, found: str) -> None:
    assert phrases.search(text) is not None
    assert found in [m.group() for m in phrases.finditer(text)]
