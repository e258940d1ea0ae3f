"""A customer's own details: the words in their message that only their situation has.

Listening shows when a reply picks these up. Each detail is weighted by how
distinctive it is: an amount or a date the customer gave weighs most, a word that
many customers use ("order", "today") nothing at all, so a reply cannot look
grounded by repeating the topic every complaint shares.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    COMMON_WORDS,
    FEELINGS,
    GENERIC_FEELINGS,
    KIN_GROUPS,
    REPLY_WORDS,
    STOPWORDS,
)
from .resources import load
from .text import Token, stem

AMOUNT_WEIGHT = 1.5  # "£42", "£310": no other customer has the same one
NUMBER_WEIGHT = 1.2  # "07:10", "23", "48"
SMALL_NUMBER_WEIGHT = 0.3  # "two kids", "three days": telling, but common
REPLY_VOCABULARY_WEIGHT = 0.3  # a word agents use in replies to many customers
FEELING_WEIGHT = 0.5  # "gutted", "terrified": theirs, but many customers share the word
# Share of customer messages using a word -> weight of picking it up.
RARITY_STEPS = ((0.05, 1.0), (0.1, 0.6), (0.2, 0.3))

_REPLY_STEMS = frozenset(stem(w) for w in REPLY_WORDS | COMMON_WORDS)
_GENERIC_FEELING_STEMS = frozenset(stem(w) for w in GENERIC_FEELINGS)


_KIN = {stem(word): stem(group[0]) for group in KIN_GROUPS for word in group}

# The customer's own name, as they give it: "My name's Eileen Parry", "This is Tom", or a
# sign-off at the end ("Thanks, Tom", "Regards, M. Okafor", "Delroy"). Greeting them by it
# is courtesy, not listening: it picks up nothing of their situation, and a reply written
# for someone else gains it by a search and replace.
_NAME = r"([A-Z][a-z'’-]+)(?:\s+([A-Z][a-z'’-]+))?"
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?(?:[A-Z]\.\s*)?"
_INTRODUCTION = re.compile(r"\b(?i:my name(?:'s|’s| is)|this is|I'?m|I am)\s+" + _TITLE + _NAME)
_SIGN_OFF = re.compile(
    r"(?:\A|\n|[.!?]\s)\s*(?:(?i:(?:many |kind |best )?(?:thanks|regards|cheers|wishes|best))"
    r"[!,.]?\s+)?" + _TITLE + _NAME + r"\s*(?:[,(][^\n]{0,40})?\s*\Z"
)


@lru_cache(maxsize=1024)
def own_name(text: str) -> frozenset[str]:
    """The lower-cased words of the name the customer gives in ``text``, if any."""
    found: set[str] = set()
    for match in (*_INTRODUCTION.finditer(text), _SIGN_OFF.search(text.strip())):
        if match is not None:
            found.update(w.lower() for w in match.groups() if w)
    return frozenset(w for w in found if w not in STOPWORDS and w not in COMMON_WORDS)


@lru_cache(maxsize=65536)
def keys_of(text: str, word_stem: str) -> tuple[str, ...]:
    """The detail keys of a word: its stem, or its circumstance group ("youngest" ->
    "child"), plus those of its parts when hyphenated ("no-claims" -> "claim")."""
    keys = [_KIN.get(word_stem, word_stem)]
    if "-" in text:
        keys.extend(_KIN.get(stem(part), stem(part)) for part in text.split("-") if len(part) > 2)
    return tuple(keys)


_GROUP = re.compile(r",[0-9]{3}(?![0-9])")  # ASCII: the key must parse as an int


def number_key(text: str, token: Token) -> str | None:
    """The number a digit token stands for ("£14,200" -> "14200"), or None for the pence or
    thousands group of a number already counted, or the minutes of a time ("14:12" is the
    hour 14, not a 12 that a "£12.40" could pick up)."""
    start = token.start
    if start >= 2 and text[start - 1] in ".,:" and text[start - 2].isdigit():
        return None
    digits, end = token.stem, token.end  # "three" -> "3"
    while (group := _GROUP.match(text, end)) is not None:
        digits += group.group()[1:]
        end = group.end()
    return digits


def shown_word(text: str, token: Token, word: str) -> str:
    """``word`` as the learner should see it, with the currency sign written before it."""
    before = text[token.start - 1 : token.start] if token.start else ""
    return before + word if before in ("£", "$", "€") else word


def token_keys(toks: tuple[Token, ...]) -> frozenset[str]:
    """Every detail key of ``toks``."""
    return frozenset(key for t in toks for key in keys_of(t.text, t.stem))


def rarity_weight(share: float) -> float:
    """Weight of a word used by ``share`` of customer messages (0 when it is common)."""
    for limit, weight in RARITY_STEPS:
        if share < limit:
            return weight
    return 0.0


def is_number(token: Token) -> bool:
    """ASCII digits only: "²" and "١" are digits to ``str.isdigit`` but not to ``int``."""
    return token.stem.isascii() and token.stem.isdigit()


def customer_details(
    text: str, toks: tuple[Token, ...], amounts: frozenset[str]
) -> tuple[dict[str, float], dict[str, str]]:
    """``(stem -> weight, stem -> the customer's word)`` for the details of a message."""
    resources = load()
    generic, frequency = resources.generic_stems, resources.message_df
    weights: dict[str, float] = {}
    surface: dict[str, str] = {}
    money = {a.split(".")[0] for a in amounts}  # "119.88" is an amount of 119 and some pence
    name = own_name(text)
    for token in toks:
        s = keys_of(token.text, token.stem)[0]
        if is_number(token):
            number = number_key(text, token)
            if number is None or number in weights:
                continue  # the pence or thousands of an amount already counted
            s = number
            if s in money:
                weight = AMOUNT_WEIGHT
            else:
                weight = NUMBER_WEIGHT if len(s) > 1 else SMALL_NUMBER_WEIGHT
            word = shown_word(text, token, f"{int(s):,}" if len(s) > 4 else token.text)
        elif (
            token.text in STOPWORDS
            or len(token.text) <= 2
            or s in generic
            or s in _REPLY_STEMS
            or s in _GENERIC_FEELING_STEMS
            or token.text in name
        ) or s in weights:
            continue
        else:
            weight = rarity_weight(frequency.get(s, 0.0))
            if s in resources.reply_common:
                weight = min(weight, REPLY_VOCABULARY_WEIGHT)
            if token.text in FEELINGS:
                weight = min(weight, FEELING_WEIGHT)
            word = token.text
        if weight > 0:
            weights[s] = weight
            surface[s] = word
    return weights, surface
