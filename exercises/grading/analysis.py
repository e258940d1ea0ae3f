"""The answer as the criterion features see it, and what each criterion's features return."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from .context import Context
from .details import token_keys
from .grounding import Grounding, ground
from .lexicon import STOPWORDS
from .phrases import Phrases, sections_of_words
from .text import Sentence, Token


class Searchable(Protocol):
    """A compiled pattern or a :class:`~exercises.grading.phrases.Phrases`."""

    def finditer(self, text: str) -> Iterator[re.Match[str]]: ...


@dataclass(frozen=True)
class Clause:
    """A sentence of the answer together with how much of the customer's message it reuses."""

    sentence: Sentence
    stems: frozenset[str]  # content stems, numbers included
    overlap: float  # weighted shared stems with the customer's message
    specific: int  # shared stems that are details, not topic words
    grounded: float  # weighted details of this customer the sentence picks up

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def span(self) -> tuple[int, int]:
        return (self.sentence.start, self.sentence.end)


def window_grounding(clauses: tuple[Clause, ...], index: int) -> float:
    """Details picked up by a sentence and its neighbours ("No wonder. Three no-shows...")."""
    neighbours = clauses[max(0, index - 1) : index] + clauses[index + 1 : index + 2]
    return clauses[index].grounded + 0.5 * sum(c.grounded for c in neighbours)


@dataclass(frozen=True)
class Answer:
    """The learner's answer, normalised, split and compared with the context once."""

    text: str  # normalised (straight quotes); same length and offsets as the original
    tokens: tuple[Token, ...]
    clauses: tuple[Clause, ...]
    context: Context
    word_count: int
    grounding: Grounding
    # Stems the reply may use without bringing in another situation: the message's and the
    # exercise prompt's.
    known: frozenset[str] = frozenset()
    # The exercise's situation (what the company knows and can offer), when it was given.
    situation: Context | None = None
    _found: dict[int, tuple[tuple[re.Match[str], ...], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _hits: dict[int, tuple[bool, ...]] = field(default_factory=dict, compare=False, repr=False)
    _sections: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def matches(self, pattern: Searchable) -> tuple[tuple[re.Match[str], ...], ...]:
        """Matches of ``pattern`` per clause, searched once over the whole answer.

        One pass over the answer instead of one per sentence: the features ask about
        each sentence, but most of the cost of a search is in starting it.
        """
        key = id(pattern)
        if key not in self._found:
            starts = [c.sentence.start for c in self.clauses]
            per_clause: list[list[re.Match[str]]] = [[] for _ in self.clauses]
            if starts:
                for match in pattern.finditer(self.text):
                    index = max(0, bisect_right(starts, match.start()) - 1)
                    per_clause[index].append(match)
            self._found[key] = tuple(tuple(found) for found in per_clause)
        return self._found[key]

    def hits(self, pattern: Searchable) -> tuple[bool, ...]:
        """Whether each clause contains a match of ``pattern`` (asked once per pattern: several
        features ask about the same cues)."""
        key = id(pattern)
        found = self._hits.get(key)
        if found is None:
            if isinstance(pattern, Phrases):
                starts = [c.sentence.start for c in self.clauses]
                if not self._sections and starts:
                    self._sections.update(sections_of_words(self.text, starts))
                found = tuple(pattern.hit_sections(self.text, starts, self._sections))
            else:
                found = tuple(bool(matches) for matches in self.matches(pattern))
            self._hits[key] = found
        return found


@dataclass
class Found:
    """What one criterion's features found: values for the model, evidence, a rule level."""

    features: dict[str, float] = field(default_factory=dict)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    rule_level: int = 0
    # Short codes of what is missing ("no_time", "not_specific"), for the feedback sentence.
    missing: list[str] = field(default_factory=list)
    # How much of this customer's own detail the sentences doing the work pick up: a level
    # above 1 must rest on it (see :mod:`.gates`).
    grounded: float = 0.0


def build(
    text: str,
    tokens: tuple[Token, ...],
    kept: tuple[Sentence, ...],
    ctx: Context,
    prompt_stems: frozenset[str] = frozenset(),
    situation: Context | None = None,
) -> Answer:
    """Compare every kept sentence with the customer's message."""
    clauses = []
    for sentence in kept:
        stems = frozenset(
            t.stem for t in sentence.tokens if t.text not in STOPWORDS and len(t.text) > 2
        ) | frozenset(t.text for t in sentence.tokens if t.text.isdigit())
        grounded = ctx.grounding(token_keys(sentence.tokens))
        clauses.append(
            Clause(sentence, stems, ctx.overlap(stems), len(ctx.specific_stems(stems)), grounded)
        )
    words = sum(1 for t in tokens if not t.text.isdigit())
    kept_tokens = tuple(t for c in clauses for t in c.sentence.tokens)
    grounding = ground(text, kept_tokens, ctx, prompt_stems)
    known = ctx.stems | prompt_stems
    return Answer(text, tokens, tuple(clauses), ctx, words, grounding, known, situation)


def scaled(value: float, cap: float) -> float:
    """``value`` in units of ``cap``, clipped to [0, 1]: keeps every feature on one scale."""
    return max(0.0, min(value, cap)) / cap
