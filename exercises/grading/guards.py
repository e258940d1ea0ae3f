"""Checks for answers that must not earn points however many cue words they contain.

They run before any feature: an empty, gibberish, copied, foreign-language or
off-topic answer scores 0 on every criterion (the labelling guide's rule), and a
padded, repetitive answer is graded on its distinct sentences only.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import gaming, language
from .context import PERSON, Context, word_ngrams
from .lexicon import STOPWORDS
from .nonsense import filler_only, odd_word_ratio, word_salad
from .off_topic import off_topic
from .text import Sentence, Token

# Flags that zero every criterion; "repetition" only caps levels.
BLOCKING = (
    "empty",
    "gibberish",
    "wrong_language",
    "copied_context",
    "off_topic",
    "other_customer",
    "keyword_list",
    "unrevised",
    "reused",
)
COPIED_SHARE = 0.6  # share of the answer inside 4-word runs of the customer's message
COPIED_ANALYSIS = 0.85  # the same for an analysis, which is expected to quote
# Sentences of at least this many words, this share of them inside runs of the message, that
# together give back this share of the message's words, are the customer's, not the learner's:
# the reply is graded without them. Calibration replies stay under 0.11 of the message;
# pasted messages are over 0.4.
PARROTED_WORDS = 6
PARROTED_SENTENCE = 0.7
PARROTED_SHARE = 0.3
ODD_WORDS = 0.5  # share of non-words that makes an answer gibberish on its own


@dataclass(frozen=True)
class GuardReport:
    """Flags raised on an answer, and the sentences left after removing repeats."""

    flags: tuple[str, ...]
    kept: tuple[Sentence, ...]
    repeat_ratio: float  # share of the answer's sentences that were repeats
    odd_ratio: float  # share of words that do not look like words

    @property
    def blocked(self) -> bool:
        return any(flag in BLOCKING for flag in self.flags)


def copied_words(toks: tuple[Token, ...], context: Context) -> list[bool]:
    """Whether each word of the answer sits in a 4-word run of the customer's message
    (pronouns turned round count as the same run)."""
    covered = [False] * len(toks)
    if len(toks) < 4 or not context.ngrams:
        return covered
    # Cheap bound first: words the message never used can never be inside a copied run.
    least = min(COPIED_SHARE * len(toks), PARROTED_SHARE * len(context.tokens))
    if sum(1 for t in toks if t.text in context.words or t.text in PERSON) < least:
        return covered
    for i, gram in enumerate(word_ngrams(toks, person=True)):
        if gram in context.ngrams:
            for j in range(i, i + len(gram)):
                covered[j] = True
    return covered


def parroted(
    toks: tuple[Token, ...], kept: tuple[Sentence, ...], covered: list[bool], context: Context
) -> tuple[Sentence, ...]:
    """The sentences that paste the customer's own back to them, when together they give
    back a good part of the message ("You've just landed in Amsterdam and your connection to
    Lisbon left without you..."). Quoting a phrase of theirs ("allocated") is not this.
    ``covered`` is :func:`copied_words` of ``toks``."""
    if not any(covered):
        return ()
    at = {t.start: i for i, t in enumerate(toks)}
    pasted = []
    for sentence in kept:
        index = [at[t.start] for t in sentence.tokens if t.start in at]
        if len(index) >= PARROTED_WORDS and (
            sum(covered[i] for i in index) >= PARROTED_SENTENCE * len(index)
        ):
            pasted.append(sentence)
    words = sum(len(s.tokens) for s in pasted)
    return tuple(pasted) if words >= PARROTED_SHARE * len(context.tokens) else ()


def _sentence_key(sentence: Sentence) -> str:
    return " ".join(t.text for t in sentence.tokens)


def distinct_sentences(sents: tuple[Sentence, ...]) -> tuple[tuple[Sentence, ...], float]:
    """Sentences with repeats removed, and the share of sentences that were repeats."""
    seen: set[str] = set()
    kept: list[Sentence] = []
    for sentence in sents:
        key = _sentence_key(sentence)
        if key and key in seen:
            continue
        seen.add(key)
        kept.append(sentence)
    ratio = 1 - len(kept) / len(sents) if sents else 0.0
    return tuple(kept), ratio


def _repetitive(toks: tuple[Token, ...], sents: tuple[Sentence, ...], ratio: float) -> bool:
    """A sentence pasted three times, half the sentences repeats, or one phrase looping."""
    counts: dict[str, int] = {}
    for sentence in sents:
        key = _sentence_key(sentence)
        counts[key] = counts.get(key, 0) + 1
    if max(counts.values(), default=0) >= 3 or (len(sents) >= 4 and ratio >= 0.5):
        return True
    if len(toks) < 12:
        return False
    grams = word_ngrams(toks, 3)
    return 1 - len(set(grams)) / len(grams) >= 0.6


def _nonsense(toks: tuple[Token, ...], words: list[Token], odd: float, share: float) -> bool:
    if odd >= ODD_WORDS or word_salad(toks):
        return True
    # A third of non-words is enough when hardly any word is a function word of any language.
    return len(words) >= 3 and odd >= 0.34 and share < 0.1


def check(
    answer: str,
    toks: tuple[Token, ...],
    sents: tuple[Sentence, ...],
    context: Context,
    rubric: str,
) -> GuardReport:
    """Run every guard over the normalised answer and its tokens and sentences."""
    kept, repeat_ratio = distinct_sentences(sents)
    words = [t for t in toks if not t.text.isdigit()]
    if not words or filler_only(words):
        return GuardReport(("empty",), (), 0.0, 0.0)
    flags: list[str] = []
    odd = odd_word_ratio(toks, context)
    detected = language.detect_words(answer, [t.text for t in toks])
    if language.differs(detected, context.language, toks):
        flags.append("wrong_language")
    elif _nonsense(toks, words, odd, detected[1]):
        flags.append("gibberish")
    # Analysing an expert reply means quoting it, so only a near-total copy counts there.
    limit = COPIED_ANALYSIS if rubric == "expert_analysis" else COPIED_SHARE
    covered = copied_words(toks, context)
    if toks and sum(covered) / len(toks) >= limit:
        flags.append("copied_context")
    pasted = parroted(toks, kept, covered, context) if rubric == "customer_reply" else ()
    if pasted and not flags:
        flags.append("parroted")  # graded on the learner's own sentences only
        kept = tuple(s for s in kept if s not in pasted)
        if not kept:
            flags.append("copied_context")
    if _repetitive(toks, sents, repeat_ratio):
        flags.append("repetition")
    elif rubric == "customer_reply" and not flags and gaming.keyword_list(answer, toks):
        flags.append("keyword_list")
    if not flags and rubric == "customer_reply":
        stems = frozenset(t.stem for t in toks if t.text not in STOPWORDS and len(t.text) > 2)
        if off_topic(answer, stems, context):
            flags.append("off_topic")
    return GuardReport(tuple(flags), kept, repeat_ratio, odd)
