"""Answers to a different question: polite, fluent, and about something else entirely."""

from __future__ import annotations

import re

from .context import Context
from .lexicon import REPLY_WORDS
from .nonsense import KNOWN
from .text import content_stems, stem, tokens

_KNOWN_STEMS = frozenset(stem(w) for w in KNOWN)
# Words any reply may use whatever the customer said; they never make an answer on-topic.
REPLY_STEMS = frozenset(stem(w) for w in REPLY_WORDS)
# A reply that thanks for, or explains how to do, something the customer never raised is
# answering another message: "Thanks for asking about battery health!", "To add extra
# baggage, simply go to...". The named subject (``obj``/``how``) is compared with the message.
_OTHER_QUESTION = re.compile(
    r"\b(?:thanks|thank you) (?:so much )?for (?:asking|getting in touch|contacting us|"
    r"reaching out|your (?:question|enquiry|inquiry|message|interest)|calling|writing in) "
    r"(?:about|regarding|on|with) (?P<obj>[^.!?,;]{3,80})"
    r"|^\W*(?:that'?s a )?(?:great|good|excellent) question\b"
    r"|(?:^|[.!?]\s+)to (?P<how>(?:add|send|link|change|connect|book|cancel|update|reset|set up|"
    r"upgrade|order|return|buy|get|check|use|make|find|view|download|install|transfer|pay|apply|"
    r"switch|renew|claim|register|redeem|track)\b[^,.;!?]{3,80}),\s*(?:simply |just |please |"
    r"you(?:'ll| will)? (?:need to |can |should )?)?(?:go|visit|select|click|tap|open|log|fill|"
    r"head|follow|choose|use|complete|contact|call)\b",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_SHARED_DETAILS = 2  # more of the customer's own details than this is on topic
_MIN_OWN_SUBJECT = 5  # subject words of its own an answer needs to be about something else


def off_topic(text: str, stems: frozenset[str], context: Context) -> bool:
    """True when the answer is about something else than the customer's message.

    It needs all three signs: almost none of the customer's own details, plenty of
    subject matter of its own, and a phrase that introduces another subject.
    """
    if not context.stems:
        return False
    shared = context.specific_stems(stems) - REPLY_STEMS
    if len(shared) > _MAX_SHARED_DETAILS:
        return False
    neutral = REPLY_STEMS | context.generic | _KNOWN_STEMS
    own_subject = {s for s in stems - context.stems if s not in neutral and not s.isdigit()}
    if len(own_subject) < _MIN_OWN_SUBJECT:
        return False
    for match in _OTHER_QUESTION.finditer(text):
        subject = match.group("obj") or match.group("how")
        if subject is None:
            return True
        subject_stems = content_stems(tokens(subject)) - neutral
        if subject_stems and not subject_stems & context.stems:
            return True
    return False
