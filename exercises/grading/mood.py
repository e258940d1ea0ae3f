"""The customer's mood, read from their message: upset, or sharing good news.

Cheer ("😍", "!!") is misplaced only with an upset customer, and "congratulations" is warm
only when the message is good news. A topic word is not a mood: "the baby is freezing since
the boiler broke" mentions a baby and is no good news, and "I won't pay" is not a win.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import FEELINGS, HARDSHIP, words
from .text import normalise, tokens

# Feeling words that are not distress.
_GLAD_FEELINGS = words("excited grateful hopeful relief relieved small flat")
# What a complaint says happened, beyond how it felt.
_COMPLAINT = words(
    """
    broke broken cold freezing faulty damaged missing lost late delayed cancelled declined
    charged overcharged wrong refund complaint complain ridiculous unacceptable disgrace
    disgraceful nobody chase chased chasing ignored waiting leak leaking stuck terrible
    nightmare problem problems issue issues error mistake smashed snapped ruined died death funeral
    hospital accident emergency urgent urgently refused penalty
    """
)
_DISTRESS = (FEELINGS - _GLAD_FEELINGS) | HARDSHIP | _COMPLAINT
_COMPLAINT_PHRASES = re.compile(
    r"\b(?:no one|not good enough|out of order|let down|not acceptable|still (?:not|no|waiting|"
    r"hasn'?t|haven'?t)|never (?:arrived|came|turned up|got)|passed away|(?:second|third|fourth|"
    r"fifth|\d+(?:nd|rd|th)) time)\b|(?<!thanks )(?<!thank you )\bagain\b",
    re.IGNORECASE,
)
# Good news said as an event: the words themselves are the news.
_EVENTS = re.compile(
    r"\b(?:graduat\w*|(?:got|getting|just|been) married|engaged|(?:was|were|been|is|just) born|"
    r"promoted|promotion|retir(?:ed|ing|ement)|(?:passed|won) (?:my|our|the|a)\b|"
    r"birthday|anniversary|wedding|new baby|(?:had|having|expecting) (?:a|our) baby)",
    re.IGNORECASE,
)
# Gladness and thanks: the message is pleased about something.
_GLAD = re.compile(
    r"(?<!not )(?<!n't )\b(?:thank\w*|grateful|delighted|thrilled|excited|proud|so happy|"
    r"lovely|wonderful|amazing|brilliant|fantastic|over the moon|love|loved|gorgeous|beautiful|"
    r"congratulat\w*|celebrat\w*)\b",
    re.IGNORECASE,
)


def _distress(message: str) -> int:
    """How many things the message says went wrong or felt bad."""
    found = len(_COMPLAINT_PHRASES.findall(message))
    return found + sum(t.text in _DISTRESS for t in tokens(normalise(message)))


@lru_cache(maxsize=1024)
def upset(message: str) -> bool:
    """Whether the customer says something went wrong or how bad it feels, and is not, on the
    whole, celebrating ("a bit worried about timing" before a graduation they love)."""
    distress = _distress(message)
    celebrating = bool(_EVENTS.search(message)) and len(_GLAD.findall(message)) > distress
    return bool(distress) and not celebrating


@lru_cache(maxsize=1024)
def good_news(message: str) -> bool:
    """Whether the message shares good news: an event that is news in itself (a graduation,
    a birth, a wedding), or thanks and delight from a customer who is not upset."""
    return bool(_EVENTS.search(message)) or (bool(_GLAD.search(message)) and not upset(message))


@lru_cache(maxsize=1024)
def pleased(message: str) -> bool:
    """Whether the customer is happy, so cheer ("😍", "!!") is shared, not misplaced."""
    return bool(_EVENTS.search(message) or _GLAD.search(message)) and not upset(message)
