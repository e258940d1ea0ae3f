"""Is the reply about this customer? What it picked up, what it missed, what is foreign.

Three measures, all explainable to the learner in the customer's and their own words:

- *picked up*: the customer's details (see :mod:`.details`) that the reply uses;
- *missed*: the customer's weightiest details that the reply never touches;
- *foreign*: specifics in the reply (names, amounts, rare words) that neither the
  customer's message nor the exercise's prompt contains: facts an agent may add from
  the case, or the tell-tale of a reply written for somebody else.

A reply that picks up almost nothing of this customer while carrying plenty of
specifics of its own was written for another customer (:func:`other_customer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .action_cues import MONTH, WEEKDAY
from .context import ROUNDED_FROM, Context
from .details import is_number, keys_of, number_key, shown_word
from .lexicon import (
    ADDRESS_WORDS,
    COMMON_WORDS,
    FEELINGS,
    IMPACT_WORDS,
    NEEDS,
    REPLY_WORDS,
    SERVICE_WORDS,
    STOPWORDS,
)
from .resources import load
from .text import Token, stem

_KNOWN = frozenset(stem(w) for w in FEELINGS | NEEDS | IMPACT_WORDS | SERVICE_WORDS)
_CALENDAR = re.compile(rf"^(?:{WEEKDAY}|{MONTH}|today|tonight|tomorrow|morning|evening)$")
NAME_WEIGHT = 1.5  # a name or place the customer never mentioned
WORD_WEIGHT = 1.0  # a rare content word the customer never used
NUMBER_WEIGHT = 0.5  # agents add times and amounts from the case all the time
SHOWN = 4  # words listed to the learner for picked up / missed

# A reply written for someone else picks up less than 1.5 of this customer's detail, a
# tenth at most of what the message offers, and carries at least nine specifics of its own,
# five times what it picked up, among them a name the customer never used (or, without a
# name, at least 13). Chosen on the cross-customer replies of the calibration files and the
# course references across exercises, against the calibration replies to their own
# customers: a reply that paraphrases a short message ("a £246 jump" for "£612 to £858")
# picks up little but a good share of it, and carries topic words, not names.
OTHER_MAX_PICKED = 1.5
OTHER_MAX_SHARE = 0.1
OTHER_MIN_FOREIGN = 9.0
OTHER_MIN_FOREIGN_UNNAMED = 13.0
OTHER_RATIO = 5.0
# A reply that greets the customer by a name neither the message nor the prompt contains
# ("Congratulations, Tom," to Mr Albert Dunn) and picks up less than this of their detail
# was written for someone else, when the customer gave their name or the reply carries
# plenty of other specifics (a message without a name may come from a ticket whose name
# the agent can see). No calibration reply to its own customer greets a stranger.
STRANGER_MAX_PICKED = 4.0

_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?"
_NAME = r"([A-Z][a-z'’-]+)"
# "Dear Ms Walsh", "Hi Tom", "Oh Mrs Whitlock" at the start, or a name called in the first
# sentence: "Congratulations, Tom, that's brilliant", "Thank you for ringing, Eileen, and".
_GREETING = re.compile(
    r"\A\W*(?:Dear|Hi|Hiya|Hello|Hey|Morning|Afternoon|Evening|Good (?:morning|afternoon|evening)"
    rf"|Oh|Ah)\s+{_TITLE}{_NAME}"
    rf"|\A[^.!?\n]{{0,60}}?,\s+{_TITLE}{_NAME}\s*[,.!?—–-]"
)


@dataclass(frozen=True)
class Grounding:
    """How the reply relates to this customer's message."""

    picked: float  # weighted customer details the reply uses
    picked_words: tuple[str, ...]  # the learner's words that picked them up, weightiest first
    missed_words: tuple[str, ...]  # the customer's weightiest details left out
    foreign: float  # weighted specifics the customer never mentioned
    foreign_words: tuple[str, ...]
    available: float  # weight of all the customer's details
    foreign_names: int = 0  # names and places among the foreign specifics
    stranger: str = ""  # a name the reply greets the customer by that is not theirs
    named: bool = False  # the customer gave their name (signed, introduced themselves)

    @property
    def other_customer(self) -> bool:
        """Written for a different customer: nothing of this one, plenty of someone else,
        or greeting somebody else by name with little of this customer in it."""
        if (
            self.stranger
            and self.picked < STRANGER_MAX_PICKED
            and (self.named or self.foreign >= OTHER_MIN_FOREIGN)
        ):
            return True
        least = OTHER_MIN_FOREIGN if self.foreign_names else OTHER_MIN_FOREIGN_UNNAMED
        return (
            self.picked < OTHER_MAX_PICKED
            and self.picked <= OTHER_MAX_SHARE * self.available
            and self.foreign >= max(least, OTHER_RATIO * self.picked)
        )


def greeted_stranger(text: str, ctx: Context, prompt_stems: frozenset[str]) -> str:
    """The name the reply greets the customer by, when the customer never gave it.

    A spelling or short form of a name in the message counts as theirs ("Sue" for "Susan",
    "Sara" for "Sarah"): only a different person is a stranger."""
    match = _GREETING.match(text)
    if match is None:
        return ""
    name = match.group(1) or match.group(2)
    word = name.lower().replace("’", "'").removesuffix("'s")
    if word in ADDRESS_WORDS or word in STOPWORDS or word in COMMON_WORDS or word in REPLY_WORDS:
        return ""
    if _CALENDAR.match(word):
        return ""
    resources = load()
    if stem(word) in resources.generic_stems or stem(word) in prompt_stems:
        return ""
    names = _names(ctx.text)
    if word in ctx.words or any(_same_person(word, theirs) for theirs in names):
        return ""
    if re.search(rf"\b{re.escape(name[0])}\.\s*[A-Z]", ctx.text):
        return ""  # "Mrs J. Penrose" may well be Joan
    return name


# Short forms that do not share their first letters with the full name.
NICKNAMES = {
    "bob": "robert", "bobby": "robert", "bill": "william", "billy": "william",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "jack": "john",
    "peggy": "margaret", "maggie": "margaret", "meg": "margaret", "tony": "anthony",
    "harry": "henry", "ted": "edward", "ned": "edward", "dick": "richard", "rick": "richard",
    "tom": "thomas", "tommy": "thomas", "jim": "james", "jimmy": "james", "kate": "katherine",
    "katie": "katherine", "kathy": "katherine", "cathy": "catherine", "sandy": "alexandra",
    "sasha": "alexandra", "jenny": "jennifer", "sally": "sarah", "polly": "mary", "molly": "mary",
    "chuck": "charles", "hank": "henry", "peg": "margaret", "nell": "eleanor", "nan": "anne",
}  # fmt: skip


def _same_person(greeted: str, theirs: str) -> bool:
    """A spelling or short form of the customer's name ("Sue"/"Susan", "Bob"/"Robert")."""
    if greeted[:2] == theirs[:2] and abs(len(greeted) - len(theirs)) <= 3:
        return True
    if theirs.startswith(greeted) or greeted.startswith(theirs):
        return True
    full = NICKNAMES.get(greeted)
    return full is not None and (full == theirs or NICKNAMES.get(theirs) == full)


# How a customer gives their name: "My name's Eileen Parry", "It's Mr Albert Dunn",
# "This is Tom", or a sign-off on the last line ("Thanks! Tom", "Sarah", "Ruth Adeyemi, ...").
_INTRODUCED = re.compile(
    r"\b(?i:my name(?:'s|’s| is)|it'?s|it’s|this is)\s+" + _TITLE + r"[A-Z][a-z]+"
    r"|(?:\n|[.!?]\s)\s*(?:(?i:(?:many |kind )?(?:thanks|regards|cheers|best|wishes))[!,.]?\s+)?"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?(?:[A-Z]\.\s*)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
    r"\s*(?:[,(][^\n]{0,40})?\s*\Z"
)


@lru_cache(maxsize=1024)
def named(message: str) -> bool:
    """Whether the customer gave their name in the message."""
    return bool(_INTRODUCED.search(message.strip()))


@lru_cache(maxsize=1024)
def _names(message: str) -> frozenset[str]:
    """Capitalised words of the customer's message, lower-cased: names it may go by."""
    return frozenset(w.lower() for w in re.findall(r"\b[A-Z][a-z]+", message))


def _is_name(token: Token, text: str) -> bool:
    """Capitalised inside a sentence: a name, a place, a product."""
    if not text[token.start : token.start + 1].isupper() or token.text == "i":
        return False
    before = text[max(0, token.start - 3) : token.start].rstrip()
    return bool(before) and before[-1] not in ".!?:\n\"'(" and token.start > 0


def foreign_weight(token: Token, text: str, known: frozenset[str]) -> float:
    """How much a word of the reply belongs to another situation: a number, name or rare
    word that ``known`` (the customer's and the prompt's stems) lacks; 0 for anything else."""
    s = token.stem
    if s in known or token.text in STOPWORDS or _CALENDAR.match(token.text):
        return 0.0
    if is_number(token):
        return NUMBER_WEIGHT
    if len(token.text) <= 3 or s in _KNOWN or token.text in ADDRESS_WORDS:
        return 0.0
    resources = load()
    if s in resources.generic_stems or s in resources.reply_common:
        return 0.0
    return NAME_WEIGHT if _is_name(token, text) else WORD_WEIGHT


def ground(
    text: str, toks: tuple[Token, ...], ctx: Context, prompt_stems: frozenset[str]
) -> Grounding:
    """Compare the reply's words with the customer's details (``text`` is the reply)."""
    details = ctx.distinctive
    picked: dict[str, tuple[float, str]] = {}
    foreign: dict[str, tuple[float, str]] = {}
    known = ctx.stems | prompt_stems
    for token in toks:
        s = token.stem
        if is_number(token):
            number = number_key(text, token)
            if number is None:
                continue
            hits = [number] if number in details else []
            if not hits:
                value = int(number)
                hits = ctx.rounded(value) if value >= ROUNDED_FROM else []
            s = number
        else:
            hits = [key for key in keys_of(token.text, s) if key in details]
        if hits:
            word = shown_word(text, token, text[token.start : token.end])
            for key in hits:
                picked.setdefault(key, (details[key], word))
        elif s not in foreign:
            weight = foreign_weight(token, text, known)
            if weight:
                foreign[s] = (weight, text[token.start : token.end])
    by_weight = sorted(picked.items(), key=lambda item: -item[1][0])
    # By what a trainer would point at, not by how rare the word is (see :mod:`.salience`);
    # stable: equally salient details stay in the order the customer wrote them.
    salient = ctx.salience
    missed = sorted(
        (s for s in details if s not in picked and salient.get(s, 1.0) > 0),
        key=lambda s: -salient.get(s, details[s]),
    )
    stranger = greeted_stranger(text, ctx, prompt_stems)
    if stranger:  # shown first: the plainest sign of a reply meant for someone else
        foreign.pop(stem(stranger.lower()), None)
        foreign = {stranger.lower(): (NAME_WEIGHT, stranger), **foreign}
    return Grounding(
        picked=round(sum(w for w, _ in picked.values()), 2),
        picked_words=tuple(word for _, (_, word) in by_weight[:SHOWN]),
        missed_words=tuple(ctx.distinctive_words[s] for s in missed[:SHOWN]),
        foreign=round(sum(w for w, _ in foreign.values()), 2),
        foreign_names=sum(1 for w, _ in foreign.values() if w == NAME_WEIGHT),
        foreign_words=tuple(word for _, (_, word) in list(foreign.items())[:SHOWN]),
        available=round(sum(details.values()), 2),
        stranger=stranger,
        named=bool(stranger) and named(ctx.text),
    )
