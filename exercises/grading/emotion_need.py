"""Features for the emotion_need rubric: name the customer's emotion and underlying need.

When the exercise lists the expected emotions and needs, a match (directly, through
a synonym group, or by sharing the key words of an expected need) is specific; an
emotion or need that matches none of them is present but generic.
"""

from __future__ import annotations

import re

from .analysis import Answer, Found, scaled
from .lexicon import EMOTION_GROUPS, FEELINGS, NEED_GROUPS, NEEDS, STOPWORDS
from .text import stem, tokens

_NEED_FRAME = re.compile(
    r"\b(?:needs?|wants?|looking for|hoping (?:for|to)|to feel|would like|is after|asking for|"
    r"what matters|matters most|so that|deserves?|expects?)\b",
    re.IGNORECASE,
)
_EMOTION_WORDS = FEELINGS | frozenset().union(*EMOTION_GROUPS)
_NEED_WORDS = NEEDS | frozenset().union(*NEED_GROUPS)


def _group_of(word: str, groups: tuple[frozenset[str], ...]) -> set[int]:
    return {i for i, group in enumerate(groups) if word in group}


def _matches(named: set[str], expected: list[str], groups: tuple[frozenset[str], ...]) -> bool:
    """True when a named word equals, shares a stem or a synonym group with an expected one."""
    named_stems = {stem(w) for w in named}
    for phrase in expected:
        words = [t.text for t in tokens(phrase.lower()) if t.text not in STOPWORDS]
        if any(stem(w) in named_stems for w in words):
            return True
        expected_groups = set().union(*(_group_of(w, groups) for w in words))
        if any(_group_of(w, groups) & expected_groups for w in named):
            return True
    return False


def _phrase_overlap(answer: Answer, expected: list[str]) -> bool:
    """True when the answer shares at least half the key words of an expected need phrase."""
    own = {t.stem for t in answer.tokens if t.text not in STOPWORDS}
    for phrase in expected:
        keys = {t.stem for t in tokens(phrase.lower()) if t.text not in STOPWORDS}
        if keys and len(keys & own) * 2 >= len(keys):
            return True
    return False


def names_emotion(answer: Answer, expected: list[str]) -> Found:
    """Does the answer name the customer's emotion, the one the exercise expects?"""
    found = Found()
    named = {t.text for t in answer.tokens if t.text in _EMOTION_WORDS}
    spans = [c.span for c in answer.clauses if any(t.text in named for t in c.sentence.tokens)]
    matched = bool(named) and bool(expected) and _matches(named, expected, EMOTION_GROUPS)
    precise = {w for w in named if w not in {"upset", "unhappy", "bad", "sad"}}
    found.features = {
        "ne_named": scaled(len(named), 2),
        "ne_matched": float(matched),
        "ne_precise": float(bool(precise)),
        "ne_expected_given": float(bool(expected)),
    }
    found.evidence = spans[:2]
    if matched or (not expected and precise and len(named) >= 1 and answer.word_count >= 3):
        found.rule_level = 2
    elif named:
        found.rule_level = 1
        found.missing.append("not_expected" if expected else "not_specific")
    else:
        found.missing.append("no_emotion")
    return found


def names_need(answer: Answer, expected: list[str]) -> Found:
    """Does the answer name the need beneath the request, the one the exercise expects?"""
    found = Found()
    named = {t.text for t in answer.tokens if t.text in _NEED_WORDS}
    framed = [c.span for c in answer.clauses if _NEED_FRAME.search(c.text)]
    matched = bool(expected) and (
        _phrase_overlap(answer, expected)
        or (bool(named) and _matches(named, expected, NEED_GROUPS))
    )
    found.features = {
        "nn_named": scaled(len(named), 2),
        "nn_frame": float(bool(framed)),
        "nn_matched": float(matched),
        "nn_expected_given": float(bool(expected)),
    }
    spans = framed or [
        c.span for c in answer.clauses if any(t.text in named for t in c.sentence.tokens)
    ]
    found.evidence = spans[:2]
    if matched or (not expected and named and framed):
        found.rule_level = 2
    elif named or framed:
        found.rule_level = 1
        found.missing.append("not_expected" if expected else "not_specific")
    else:
        found.missing.append("no_need")
    return found
