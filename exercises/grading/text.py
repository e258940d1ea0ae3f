"""Text primitives shared by every feature: tokens with offsets, sentences, stems.

Everything keeps character offsets into the learner's original answer, because
evidence must point at the learner's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .lexicon import STOPWORDS

# Letters/digits joined by inner apostrophes or hyphens ("don't", "follow-up"); "_" is not a letter.
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends at . ! ? … (repeated), a blank line, or a line break before a capital, a
# digit or a bullet ("Hi Aisha,\nIt's..."); a decimal point ("£42.50") does not, and
# neither does a line break inside a sentence (pasted, hard-wrapped text).
_SENTENCE_END = re.compile(
    r"(?:[.!?…]+(?=\s|$|[\"'”’)])[\"'”’)]*)|\n\s*\n\s*|\n(?=\s*[A-Z0-9\-*•])"
)
_CURRENCY_NUMBER = re.compile(r"[£$€¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:%|£|€|pounds|dollars|euros)")


class Token(NamedTuple):
    """A word in the answer: its lowercased form, stem and ``[start, end)`` offsets.

    A named tuple rather than a dataclass: replies have hundreds of words, and tuples
    are several times cheaper to create.
    """

    text: str
    stem: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of the answer with its offsets and its tokens."""

    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def is_question(self) -> bool:
        return self.text.rstrip("\"'”’) ").endswith("?")

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(t.stem for t in self.tokens if t.text not in STOPWORDS)


# Zero-width, soft-hyphen and direction-control characters: invisible on the page, they
# would split words ("pl\u200bease") and hide what a reply says from every feature.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> tuple[str, tuple[int, ...] | None]:
    """``text`` without invisible characters, and the offset in ``text`` of each character
    kept (``None`` when nothing was removed, the usual case), so evidence found in the
    visible text still points at the learner's own words."""
    if not _INVISIBLE.search(text):
        return text, None
    kept = tuple(i for i, ch in enumerate(text) if not _INVISIBLE.match(ch))
    return "".join(text[i] for i in kept), kept


def normalise(text: str) -> str:
    """Fold typographic quotes so one pattern matches both ``don't`` and ``don’t``, and drop
    invisible characters. Offsets are kept when the text has none (see :func:`visible`)."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


# Suffixes stripped longest first; enough to match "charged"/"charge"/"charging" and
# "delivery"/"delivered" without a dictionary. Precision matters less than recall here.
_SUFFIXES = (
    "ational", "fulness", "ations", "ingly", "ation", "ments", "ement", "ness", "ment",
    "ings", "edly", "ful", "ing", "ies", "ied", "ily", "ers", "est", "ed", "es", "er",
    "ly", "s", "e", "y", "i",
)  # fmt: skip


# Number words become digits so "twenty euros" matches "20 euros".
_NUMBER_WORDS = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty
"""
_NUMBERS = {word: str(value) for value, word in enumerate(_NUMBER_WORDS.split())} | {
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "twice": "2",
    "first": "1",
    "second": "2",
    "third": "3",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Crude suffix-stripping stem of a lowercased word (cached: words repeat a lot)."""
    word = word.replace("'", "").replace("’", "")
    if word in _NUMBERS:
        return _NUMBERS[word]
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    # "stopping" -> "stopp" -> "stop": undouble a final consonant left by -ing/-ed.
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


_new_tuple = tuple.__new__  # skips the named tuple's Python-level __new__: tokens are hot


def tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Word tokens of normalised ``text`` with offsets shifted by ``offset``."""
    # Offsets come from the match: lower() may change the length ("İ" -> "i̇").
    return tuple(
        [
            _new_tuple(Token, (low, stem(low), m.start() + offset, m.end() + offset))
            for m in _TOKEN.finditer(text)
            for low in (m.group().lower(),)
        ]
    )


def sentences(text: str, toks: tuple[Token, ...] | None = None) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences (whitespace trimmed), reusing its ``toks`` if given."""
    if toks is None:
        toks = tokens(text)
    out: list[Sentence] = []
    start = 0
    cursor = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in bounds:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            begin = start + len(chunk) - len(chunk.lstrip())
            finish = begin + len(stripped)
            first = cursor
            while cursor < len(toks) and toks[cursor].start < finish:
                cursor += 1
            out.append(Sentence(stripped, begin, finish, toks[first:cursor]))
        start = end
    return tuple(out)


def content_stems(toks: tuple[Token, ...]) -> frozenset[str]:
    """Stems of the words that carry meaning (no function words, no one-letter words)."""
    return frozenset(t.stem for t in toks if t.text not in STOPWORDS and len(t.text) > 2)


def amounts(text: str) -> frozenset[str]:
    """Money and percentages, normalised to their digits ("£42.00" -> "42")."""
    found = set()
    for match in _CURRENCY_NUMBER.finditer(text):
        digits = re.sub(r"[^\d.]", "", match.group()).rstrip(".")
        if digits.endswith(".00"):
            digits = digits[:-3]
        if digits:
            found.add(digits)
    return frozenset(found)


def quote(text: str, start: int, end: int, limit: int = 70) -> str:
    """The learner's words between offsets, shortened for a feedback sentence."""
    piece = " ".join(text[start:end].split()).strip("\"'“”‘’")
    if len(piece) <= limit:
        return piece
    cut = piece[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
