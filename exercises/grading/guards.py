"""Checks for answers that must not earn points however many cue words they contain.

They run before any feature: an empty, gibberish, copied, foreign-language or
off-topic answer scores 0 on every criterion (the labelling guide's rule), and a
padded, repetitive answer is graded on its distinct sentences only.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import gaming, language
from .context import Context, word_ngrams
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


def copied_share(toks: tuple[Token, ...], context: Context) -> float:
    """Share of the answer's words inside a 4-word run also found in the customer's message."""
    if len(toks) < 4 or not context.ngrams:
        return 0.0
    # Cheap bound first: words the message never used can never be inside a copied run.
    if sum(1 for t in toks if t.text in context.words) < COPIED_SHARE * len(toks):
        return 0.0
    covered = [False] * len(toks)
    for i, gram in enumerate(word_ngrams(toks)):
        if gram in context.ngrams:
            for j in range(i, i + len(gram)):
                covered[j] = True
    return sum(covered) / len(toks)


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
    if copied_share(toks, context) >= limit:
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
