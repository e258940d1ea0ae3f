"""Which of the customer's details a trainer would point at when a reply misses them.

A detail's weight (:mod:`.details`) says how distinctive it is: a rare word or a number no
other customer wrote. That is right for grounding, where a reply copied from someone else
must not pick it up by chance, but wrong for the "The customer also said" list: "guy" (of
"the guy I spoke to") and "ten" (of "wifi that drops every ten minutes") are rare, while
"deadline", "work" and "lost" are common words that carry what happened to the customer,
what it cost them and what they ask for. The list is ranked by weight times the detail's
role: what it cost them or what they need counts four times, a word of the sentence that
says what they lost or asks for something half as much again, and who they talked to, how
they talked and how often something happens a quarter; how they said it (a hedge, a modal, a
filler, "silly", "sitting") not at all.
"""

from __future__ import annotations

import re

from .details import is_number, keys_of, number_key
from .lexicon import IMPACT_WORDS, NEEDS, words
from .text import Sentence, Token, stem

# What it cost them and what they need: the deadline, the work, the money they lost.
_COST = frozenset(
    stem(w)
    for w in IMPACT_WORDS
    | NEEDS
    | words("lost lose losing missed missing cost costing wasted waste cancelled ruined")
)
# Who the customer dealt with and how, and whom they write to ("Dear Sir or Madam"): the
# people and the talking, not what happened.
_TALK = frozenset(
    stem(w)
    for w in words(
        """
        sir madam guy bloke chap man woman lady girl lad fella someone somebody agent adviser
        advisor operator rep representative spoke speak speaking talked talking told said rang
        phoned emailed chatted replied
        """
    )
)
# A sentence that says what they lost, went without or had to do, or asks for something.
_COST_OR_ASK = re.compile(
    r"\b(?:lost|lose|losing|missed|cost|costing|had to|have to|can't|cannot|couldn't|without|"
    r"no \w+|push(?:ed)? back|(?:I|we) (?:need|want|expect|would like))\b|\?",
    re.IGNORECASE,
)
# How the customer says it, not what happened: modal and function words, hedges and fillers,
# self-deprecation ("sorry if this is a silly question"), thinking verbs ("I wondered") and
# where they sat or stood while it happened. Rare in other messages, so weighty as details,
# but nothing a trainer would point at: never listed as missed.
_HOW_SAID = frozenset(
    stem(w)
    for w in words(
        """
        might may must could would should shall ought can will won't wouldn't couldn't
        shouldn't maybe perhaps probably possibly apparently presumably supposedly basically
        literally actually honestly genuinely seriously frankly obviously clearly totally
        completely absolutely really quite rather pretty fairly somewhat slightly just simply
        even still already ever anyway anyhow though although whether either neither whilst
        unless hence thus therefore somehow kind sort bit lot lots thing things stuff silly daft
        dumb bother bothering wondered wondering wonder guess suppose supposed reckon assume
        assumed imagine thought think figured sitting sat standing stood lying sit stand
        """
    )
)
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)  # "every ten minutes": how often

COST_ROLE = 4.0
ASK_ROLE = 1.5
ASIDE_ROLE = 0.25


def _role(token: Token, text: str) -> float:
    if token.stem in _HOW_SAID:
        return 0.0
    if token.stem in _COST:
        return COST_ROLE
    if token.stem in _TALK or _EVERY.search(text[max(0, token.start - 8) : token.start]):
        return ASIDE_ROLE
    return 1.0


def salience(
    text: str, sentences: tuple[Sentence, ...], weights: dict[str, float]
) -> dict[str, float]:
    """Detail key -> how much a trainer would want it picked up, for the details of
    ``weights`` (:func:`~.details.customer_details` of the same ``text``)."""
    out: dict[str, float] = {}
    for sentence in sentences:
        boost = ASK_ROLE if _COST_OR_ASK.search(sentence.text) else 1.0
        for token in sentence.tokens:
            if is_number(token):
                key = number_key(text, token)
            else:
                key = keys_of(token.text, token.stem)[0]
            if key in weights:
                value = weights[key] * boost * _role(token, text)
                out[key] = max(out.get(key, 0.0), value)
    return out
