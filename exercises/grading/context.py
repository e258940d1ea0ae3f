"""What the grader knows about the customer's message, computed once per message.

Batches repeat the same message for many replies, so the analysis is cached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .details import customer_details
from .language import detect_words
from .lexicon import FEELINGS
from .resources import ON_INSTALL, load
from .salience import salience
from .text import Token, amounts, content_stems, normalise, sentences, tokens

# Weight of a shared stem when measuring how specific a sentence is to the customer.
GENERIC_WEIGHT = 0.3  # a topic word every reply repeats ("order", "bill")
DETAIL_WEIGHT = 1.5  # a number or amount the customer gave ("£42", "3 days")


@dataclass(frozen=True)
class Context:
    """The customer's message as sets the features compare against."""

    text: str
    tokens: tuple[Token, ...]
    stems: frozenset[str]  # content stems
    details: frozenset[str]  # numbers and amounts
    feelings: frozenset[str]  # feeling stems the customer used
    ngrams: frozenset[tuple[str, ...]]  # word 4-grams (pronouns folded), to notice copying
    generic: frozenset[str]  # stems that do not count as specific detail
    language: str  # language code of the message ("en" when empty or unclear)
    words: frozenset[str]  # its lowercase words, which never count as gibberish in a reply
    # This customer's own details (stem -> how distinctive picking it up is, 0..1.5) and
    # the word the customer used for each, to show the learner what they picked up or missed.
    distinctive: dict[str, float] = field(default_factory=dict)
    distinctive_words: dict[str, str] = field(default_factory=dict)
    # What a trainer would point at when a reply misses a detail (see :mod:`.salience`).
    salience: dict[str, float] = field(default_factory=dict)
    # The customer's larger numbers (key, value), which a reply may round (see ``rounded``).
    amounts: tuple[tuple[str, int], ...] = ()

    def overlap(self, stems: frozenset[str]) -> float:
        """Weighted count of the customer's content stems found in ``stems``."""
        total = 0.0
        for s in stems & self.stems:
            if s in self.details:
                total += DETAIL_WEIGHT
            elif s in self.generic:
                total += GENERIC_WEIGHT
            else:
                total += 1.0
        return total

    def specific_stems(self, stems: frozenset[str]) -> frozenset[str]:
        """The shared stems that are details of this customer, not topic words."""
        return frozenset(s for s in stems & self.stems if s not in self.generic)

    def grounding(self, stems: frozenset[str]) -> float:
        """How much of this customer's own detail ``stems`` picks up (distinct stems); an
        amount within 2% of the customer's is theirs, rounded ("£120" for "£119.88")."""
        weights = self.distinctive
        found = {s for s in stems if s in weights}
        for s in stems - found:
            if s.isascii() and s.isdigit() and int(s) >= ROUNDED_FROM:
                value = int(s)
                found.update(self.rounded(value))
        return sum(weights[s] for s in found)

    def rounded(self, value: int) -> list[str]:
        """The customer's numbers that ``value`` rounds ("120" for "£119.88")."""
        return [key for key, theirs in self.amounts if abs(theirs - value) <= ROUNDING * theirs]


ROUNDED_FROM = 20  # numbers from here up may be rounded by a reply...
ROUNDING = 0.02  # ...to within 2%


def _amounts(keys: Iterable[str]) -> tuple[tuple[str, int], ...]:
    return tuple(
        (k, int(k)) for k in keys if k.isascii() and k.isdigit() and int(k) >= ROUNDED_FROM
    )


NGRAM = 4
# Copying with the pronouns turned round ("my bill came this morning" -> "your bill came this
# morning") is still copying: the copy check reads every person as one.
PERSON = {
    **dict.fromkeys(("i", "you", "we", "me", "us"), "~"),
    **dict.fromkeys(("my", "your", "our"), "~'s"),
    **dict.fromkeys(("mine", "yours", "ours"), "~s"),
    **dict.fromkeys(("myself", "yourself", "ourselves"), "~self"),
    **dict.fromkeys(("i'm", "you're", "we're"), "~'re"),
    **dict.fromkeys(("i've", "you've", "we've"), "~'ve"),
    **dict.fromkeys(("i'll", "you'll", "we'll"), "~'ll"),
    **dict.fromkeys(("i'd", "you'd", "we'd"), "~'d"),
    **dict.fromkeys(("am", "are"), "~be"),
}


def word_ngrams(
    toks: tuple[Token, ...], n: int = NGRAM, person: bool = False
) -> list[tuple[str, ...]]:
    """Word n-grams; with ``person``, every pronoun of a person reads the same."""
    words = [PERSON.get(t.text, t.text) if person else t.text for t in toks]
    return [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]


@lru_cache(maxsize=4096)
def analyse(text: str) -> Context:
    """Analyse the customer's message (cached by its exact text)."""
    norm = normalise(text)
    toks = tokens(norm)
    money = amounts(norm)
    details = money | frozenset(t.text for t in toks if t.text.isdigit())
    stems = content_stems(toks) | details
    feelings = frozenset(t.stem for t in toks if t.text in FEELINGS)
    weights, surface = customer_details(norm, toks, money)
    return Context(
        text=text,
        tokens=toks,
        stems=stems,
        details=details,
        feelings=feelings,
        ngrams=frozenset(word_ngrams(toks, person=True)),
        generic=load().generic_stems,
        words=frozenset(t.text for t in toks),
        language=detect_words(norm, [t.text for t in toks])[0] if toks else "en",
        distinctive=weights,
        distinctive_words=surface,
        salience=salience(norm, sentences(norm, toks), weights),
        amounts=_amounts(weights),
    )


ON_INSTALL.append(analyse.cache_clear)


@lru_cache(maxsize=1024)
def prompt_stems(prompt: str) -> frozenset[str]:
    """Content stems of the exercise's prompt: words a reply may use without being foreign."""
    return content_stems(tokens(normalise(prompt))) if prompt else frozenset()


ON_INSTALL.append(prompt_stems.cache_clear)
