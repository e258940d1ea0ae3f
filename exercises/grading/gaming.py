"""Replies written to beat a grader rather than to help a customer.

Each check names a habit a trainer would spot at a glance, raises a flag, and either
fails the answer outright (a keyword list, an unchanged revision, a reply reused for
another customer) or sets the levels the labelling guide gives it (sarcasm, an
interrogation, a formula of stock phrases). The learner's summary says which, in
plain words (:mod:`.feedback`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from . import action_cues as ac
from . import cues, stuffing
from .analysis import Answer, Found
from .lexicon import STOPWORDS
from .text import Token, normalise, tokens

# --- failing checks, run with the guards -----------------------------------------------------

_SEGMENT = re.compile(r"[,;:\n.!?•·|/+]+|\s[-–—]\s")
KEYWORD_SEGMENTS = 5  # this many fragments...
KEYWORD_MEDIAN_WORDS = 2  # ...of at most this many words (median)...
KEYWORD_FUNCTION_SHARE = 0.25  # ...with hardly any function words is a list, not a reply
# Or words strung together without punctuation: most of the reply sits in runs of five or
# more content words in a row ("sorry bins missed understand valued resident priority").
# Replies to customers stay under a third (calibration files); keyword strings are over 0.7.
KEYWORD_RUN = 5
KEYWORD_RUN_SHARE = 0.5
KEYWORD_MIN_WORDS = 8
_BREAK = re.compile(r"[.,;:!?()\n]")

# A revision keeps at least this share of the earlier reply in order and adds little to it.
UNREVISED_KEPT = 0.85
UNREVISED_ADDED = 0.25  # of the earlier reply's length (at least 12 words)
REUSED_SIMILARITY = 0.8  # the same reply sent to another customer


def keyword_list(text: str, toks: tuple[Token, ...]) -> bool:
    """Words or fragments strung together ("sorry, frustrating, refund, today, understand")."""
    return _fragments(text, toks) or _word_string(text, toks)


def _word_string(text: str, toks: tuple[Token, ...]) -> bool:
    """Content words one after another with no grammar between them."""
    if len(toks) < KEYWORD_MIN_WORDS:
        return False
    in_runs = run = 0
    previous_end = 0
    for token in toks:
        if token.text in STOPWORDS or _BREAK.search(text, previous_end, token.start):
            in_runs += run if run >= KEYWORD_RUN else 0
            run = 0 if token.text in STOPWORDS else 1
        else:
            run += 1
        previous_end = token.end
    in_runs += run if run >= KEYWORD_RUN else 0
    return in_runs >= KEYWORD_RUN_SHARE * len(toks)


def _fragments(text: str, toks: tuple[Token, ...]) -> bool:
    segments = [s.split() for s in _SEGMENT.split(text) if s.strip()]
    if len(segments) < KEYWORD_SEGMENTS or not toks:
        return False
    lengths = sorted(len(s) for s in segments)
    median = lengths[len(lengths) // 2]
    function_share = sum(1 for t in toks if t.text in STOPWORDS) / len(toks)
    return median <= KEYWORD_MEDIAN_WORDS and function_share < KEYWORD_FUNCTION_SHARE


def _words(text: str) -> list[str]:
    return [t.text for t in tokens(normalise(text))]


def _match(earlier: list[str], now: list[str]) -> int:
    matcher = SequenceMatcher(None, earlier, now, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def unrevised(now: list[str], previous: str) -> bool:
    """The earlier reply again, or with cosmetic changes (a word, punctuation, a line added).

    ``now`` is the new reply's words, as the grader already tokenised them."""
    earlier = _words(previous)
    if not earlier or not now:
        return False
    kept = _match(earlier, now)
    added = len(now) - kept
    return kept / len(earlier) >= UNREVISED_KEPT and added <= max(
        12, UNREVISED_ADDED * len(earlier)
    )


def reused(now: list[str], others: tuple[str, ...]) -> bool:
    """Nearly the same text as a reply the learner wrote to another customer (``now`` is
    the new reply's words)."""
    if len(now) < 8:
        return False
    vocabulary = set(now)
    for other in others:
        earlier = _words(other)
        if not earlier or len(vocabulary & set(earlier)) < REUSED_SIMILARITY * len(vocabulary):
            continue  # cheap bound before the alignment
        if 2 * _match(earlier, now) / (len(earlier) + len(now)) >= REUSED_SIMILARITY:
            return True
    return False


# A template's blanks left unfilled: "[Customer Name]", "{issue}", "<date>", "[insert time]".
_BLANK = re.compile(r"\[([^\]\n]{1,40})\]|\{([^}\n]{1,40})\}|<([^>\n]{1,40})>|\b(X{3,}|_{3,})")
_BLANK_WORDS = re.compile(
    r"(?:(?:insert|enter|add|fill in|type)\s+)?(?:(?:the|your|their|customer'?s?|client'?s?"
    r"|agent'?s?|first|last|full|correct|new|specific|relevant)\s+)*"
    r"(?:customer|client|name|first\s?name|surname|issue|problem|complaint|concern|situation"
    r"|date|time|day|amount|sum|price|action(?:\s+taken)?|resolution|solution|reason|product"
    r"|item|order(?:\s+(?:number|id))?|reference|ref|number|account|details?|feelings?|emotion"
    r"|need|step|x+|n|\.\.\.|…)",
    re.IGNORECASE,
)
# The sender's own blanks ("Kind regards, [Your Name]") are a slip in the signature, not a
# reply that never met this customer.
_SENDER = re.compile(r"(?:(?:your|my|agent'?s?)\s+)(?:full\s+)?name", re.IGNORECASE)


def placeholders(text: str) -> list[str]:
    """Blanks of a template the learner left for someone else to fill: this customer never
    sees their own situation, only "[issue]". A menu path ("Settings > [your name] >") is
    the screen's wording, not a blank."""
    found = []
    for match in _BLANK.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        words = inner.replace("_", " ").strip()
        before = text[: match.start()].rstrip()[-1:]
        after = text[match.end() :].lstrip()[:1]
        if ">" in (before, after):
            continue
        if _SENDER.fullmatch(words):
            continue
        if match.group(4) or _BLANK_WORDS.fullmatch(words):
            found.append(match.group())
    return found


# --- checks after the features, which set levels ---------------------------------------------

INTERROGATION_QUESTIONS = 4  # closed or procedural questions in a row of replies
FORMULA_CUES = 3  # stock phrases, scripted lines, generic questions and vague promises
FORMULA_GROUNDED = 1.5  # with less than this of the customer's own detail
# Padding: a reply of this many words where at least this many sentences, and this share of
# them, are stock or corporate lines with nothing of the customer, and at most this many
# sentences pick up their detail (one weaker word of theirs each).
PADDED_WORDS = 100
PADDED_FILLER = 5
PADDED_SHARE = 0.5
PADDED_THEIRS = 2
PADDED_GROUNDED = 1.0


@dataclass
class Verdict:
    """Flags raised after the features, and the highest level each criterion may keep."""

    flags: list[str] = field(default_factory=list)
    caps: dict[str, int] = field(default_factory=dict)

    def limit(self, criterion: str, level: int) -> None:
        self.caps[criterion] = min(level, self.caps.get(criterion, 2))


def interrogation(answer: Answer) -> bool:
    """Four or more questions, most of them closed or procedural, and little else."""
    questions = [i for i, c in enumerate(answer.clauses) if c.sentence.is_question]
    if len(questions) < INTERROGATION_QUESTIONS:
        return False
    procedural, closed = answer.hits(cues.PROCEDURAL_Q), answer.hits(cues.FACT_CHECK_Q)
    generic = answer.hits(cues.GENERIC_Q)
    shut = sum(
        1
        for i in questions
        if procedural[i]
        or closed[i]
        or generic[i]
        or not cues.OPEN_START.search(answer.clauses[i].text)
    )
    return shut >= 0.6 * len(questions) and len(questions) >= 0.5 * len(answer.clauses)


# Emoji and capitals are tone: a row of emoji to someone upset reads as flippant, a reply in
# capitals as shouting, however kind the words. A slip in the guide's terms (level 1).
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2764]")
_CAPITAL = re.compile(r"[A-Z]")
EMOJI_LADEN = 4  # no calibration reply has more than two
CAPITALS_SHARE = 0.6  # of the letters, in a reply with at least this many
CAPITALS_LETTERS = 40


def emoji_laden(answer: Answer) -> bool:
    """Emoji by the handful, well beyond the customer's own (a customer who writes with
    emoji may get a few back)."""
    theirs = len(_EMOJI.findall(answer.context.text))
    return len(_EMOJI.findall(answer.text)) >= max(EMOJI_LADEN, 2 * theirs + 2)


def shouting(text: str) -> bool:
    """Written in capitals (a word or two in capitals is emphasis, and judged as such)."""
    if len(_CAPITAL.findall(text)) < CAPITALS_SHARE * CAPITALS_LETTERS:
        return False  # most replies: a few capitals, no need to look at every letter
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return len(letters) >= CAPITALS_LETTERS and upper >= CAPITALS_SHARE * len(letters)


def padded(answer: Answer) -> bool:
    """A long reply that is mostly filler: stock and corporate lines around a sentence or two
    about this customer. What is real in it is buried, and the customer has to dig for it."""
    if answer.word_count < PADDED_WORDS:
        return False
    patterns = (cues.STOCK_EMPATHY, cues.SCRIPTED, cues.BOILERPLATE, cues.GENERIC_Q, ac.VAGUE)
    stock = [any(flags) for flags in zip(*(answer.hits(p) for p in patterns), strict=True)]
    theirs = [c.grounded >= PADDED_GROUNDED for c in answer.clauses]
    filler = sum(1 for s, t in zip(stock, theirs, strict=True) if s and not t)
    # With nothing of theirs at all it is a stock paragraph ("formulaic"), not padding.
    return (
        filler >= PADDED_FILLER
        and filler >= PADDED_SHARE * len(answer.clauses)
        and 1 <= sum(theirs) <= PADDED_THEIRS
    )


def formula_cues(answer: Answer) -> int:
    """Sentences carried by a stock phrase rather than by anything about this customer."""
    patterns = (cues.STOCK_EMPATHY, cues.SCRIPTED, cues.GENERIC_Q, ac.VAGUE)
    return sum(sum(answer.hits(p)) for p in patterns)


def review(answer: Answer, found: dict[str, Found]) -> Verdict:
    """Sarcasm, interrogation and formula, with the levels the labelling guide gives them."""
    verdict = Verdict()
    if placeholders(answer.text):
        verdict.flags.append("placeholder")
    if padded(answer):
        verdict.flags.append("padded")
    for flag, found_it in (("shouting", shouting(answer.text)), ("emoji", emoji_laden(answer))):
        if found_it:
            verdict.flags.append(flag)
            verdict.limit("non_judgment", 1)
    non_judgment = found.get("non_judgment")
    if non_judgment is not None and non_judgment.features.get("nj_sarcasm"):
        verdict.flags.append("sarcasm")
        verdict.limit("non_judgment", 0)
        verdict.limit("emotional_reaction", 0)  # mock sympathy is not sympathy
        verdict.limit("exploration", 0)  # "maybe upgrade to gaffer tape?" asks nothing
        verdict.limit("next_step", 1)  # a promise made in mockery is not owned
    if interrogation(answer):
        verdict.flags.append("interrogation")
        verdict.limit("exploration", 0)
        verdict.limit("non_judgment", 1)  # process before person
    if formula_cues(answer) >= FORMULA_CUES and answer.grounding.picked < FORMULA_GROUNDED:
        verdict.flags.append("formulaic")
    elif stuffing.stuffed(answer):
        # Their words named in stock phrases, never said back: the stock paragraph's levels.
        verdict.flags.append("stuffed")
        verdict.limit("emotional_reaction", 1)
        verdict.limit("interpretation", 1)
    return verdict
