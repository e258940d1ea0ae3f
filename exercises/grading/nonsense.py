"""Answers that say nothing: filler ("ok", "noted."), keyboard mash, and word salad."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from .context import Context
from .lexicon import FEELINGS, IMPACT_WORDS, NEEDS, SERVICE_WORDS, STOPWORDS, words
from .resources import ON_INSTALL, load, word_trigrams
from .text import Token

KNOWN = STOPWORDS | FEELINGS | NEEDS | IMPACT_WORDS | SERVICE_WORDS
_VOWELS = re.compile(r"[aeiouy]")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")
_SAME_CHAR = re.compile(r"(.)\1\1")
# Share of a word's letter trigrams that must be English-looking for the word to pass.
_PLAUSIBLE_TRIGRAMS = 0.6

# Answers made only of these words say nothing to the customer ("ok", "noted.").
_FILLER = words(
    """
    ok okay k kk noted thanks thank you ty fine sure yes no yep nope done received understood
    alright right cool hi hello hey bye cheers got it will do na n idk test testing hmm um lol
    sorry
    """
)
# Adjacent function words that never follow each other in English ("the and", "of the the").
_DETERMINERS = frozenset({"the", "a", "an"})
_JOINERS = frozenset({"and", "or", "but", "of", "to", "in", "for", "on", "with", "at", "by"})
_DOUBLE_OK = frozenset({"that", "had", "very", "so", "really"})


def filler_only(toks: list[Token]) -> bool:
    """True for up to three words of filler; "sorry" alone says nothing, "so sorry" does."""
    if len(toks) > 3 or not all(t.text in _FILLER for t in toks):
        return False
    return not (len(toks) >= 2 and any(t.text == "sorry" for t in toks))


@lru_cache(maxsize=65536)
def implausible_word(word: str) -> bool:
    """Whether a lowercase word looks like no English word (cached: words repeat)."""
    if word in KNOWN or not word.isalpha() or len(word) < 3:
        return False
    if not _VOWELS.search(word) or _CONSONANT_RUN.search(word) or _SAME_CHAR.search(word):
        return True
    trigrams = load().trigrams
    grams = word_trigrams(word)
    return sum(1 for g in grams if g in trigrams) / len(grams) < _PLAUSIBLE_TRIGRAMS


ON_INSTALL.append(implausible_word.cache_clear)


def odd_word_ratio(toks: tuple[Token, ...], context: Context) -> float:
    """Share of the alphabetic words that do not look like English words."""
    latin = [t.text for t in toks if t.text.isascii() and t.text.isalpha()]
    if not latin:
        return 0.0
    known = context.words
    return sum(1 for w in latin if w not in known and implausible_word(w)) / len(latin)


def word_salad(toks: tuple[Token, ...]) -> bool:
    """True for real words in no grammatical order: doubled words, "the and", "of the the"."""
    alpha = [t.text for t in toks if t.text.isalpha()]
    if len(alpha) < 6:
        return False
    odd = 0
    for first, second in pairwise(alpha):
        doubled = first == second and first not in _DOUBLE_OK
        stacked = first in _DETERMINERS and (second in _DETERMINERS or second in _JOINERS)
        joined = first in _JOINERS and second in _JOINERS - {"to", "of"}
        odd += doubled or stacked or joined
    return odd >= 3 and odd / len(alpha) >= 0.12
