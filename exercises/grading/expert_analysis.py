"""Features for the expert_analysis rubric: what the expert reply does, where, and why it works.

The context holds the expert reply being analysed: quoting its words is good
evidence, and the named technique is compared with ``expected["techniques"]``.
"""

from __future__ import annotations

import re

from .analysis import Answer, Found, scaled
from .lexicon import FEELINGS, NEEDS, TECHNIQUES
from .text import normalise

# Block-quote markers and emphasis in a Markdown prompt are not words of the reply.
_MARKDOWN = re.compile(r"^\s*>+|[*_`]+", re.MULTILINE)
_QUOTE = re.compile(r"\"([^\"]{3,})\"|'([^']{4,})'")
_POINTER = re.compile(
    r"\b(?:first|second|third|last|opening|closing|final) (?:line|sentence|part|question|words?)\b|"
    r"\bwhen (?:the agent|she|he|they) (?:says|writes|asks)\b|\bthe (?:phrase|words?|line)\b",
    re.IGNORECASE,
)
_EFFECT = re.compile(
    r"\b(?:makes? (?:the customer|her|him|them|the caller|people)|so (?:that )?(?:the customer|she|"
    r"he|they)|shows (?:the customer|her|him|them)|which (?:helps|means|lets|reassures|shows|"
    r"makes|tells)|lets (?:the customer|her|him|them)|because|reassur\w*|trust|calm\w*|"
    r"de-?escalat\w*|feels? (?:heard|understood|listened|respected|seen)|customer (?:knows|feels|"
    r"can|sees|hears)|helps (?:the customer|her|him|them))\b",
    re.IGNORECASE,
)
_GENERIC_PRAISE = re.compile(
    r"\b(?:good|great|nice|empathetic|professional|polite|effective|works well|well written)\b",
    re.IGNORECASE,
)


def _techniques_named(text: str) -> set[str]:
    low = text.lower()
    return {name for name, keys in TECHNIQUES.items() if any(k in low for k in keys)}


def identifies_technique(answer: Answer, expected: list[str]) -> Found:
    """Does the answer name what the reply does, the technique the exercise expects?"""
    found = Found()
    named = _techniques_named(answer.text)
    wanted = (
        set().union(*(_techniques_named(e) | {e.lower()} for e in expected)) if expected else set()
    )
    matched = named & wanted
    spans = [c.span for c in answer.clauses if _techniques_named(c.text)]
    found.features = {
        "it_named": scaled(len(named), 3),
        "it_matched": scaled(len(matched), 2),
        "it_praise": float(bool(_GENERIC_PRAISE.search(answer.text))),
    }
    found.evidence = spans[:2]
    if matched or (not expected and len(named) >= 2):
        found.rule_level = 2
    elif named or found.features["it_praise"]:
        found.rule_level = 1
        found.missing.append("not_expected" if expected else "not_specific")
    else:
        found.missing.append("no_technique")
    return found


def cites_evidence(answer: Answer) -> Found:
    """Does the answer point at the exact words of the reply that do it?"""
    found = Found()
    context = " ".join(_MARKDOWN.sub(" ", normalise(answer.context.text).lower()).split())
    inside: list[tuple[int, int]] = []
    outside: list[tuple[int, int]] = []
    for match in _QUOTE.finditer(answer.text):
        quoted = " ".join((match.group(1) or match.group(2)).lower().split()).strip(" .,")
        (inside if quoted and quoted in context else outside).append(match.span())
    pointers = [m.span() for m in _POINTER.finditer(answer.text)]
    found.features = {
        "ce_inside": scaled(len(inside), 2),
        "ce_outside": scaled(len(outside), 2),
        "ce_pointer": float(bool(pointers)),
    }
    found.evidence = (inside or outside or pointers)[:3]
    if inside:
        found.rule_level = 2
    elif outside or pointers:
        found.rule_level = 1
        found.missing.append("not_exact")
    else:
        found.missing.append("no_quote")
    return found


def explains_effect(answer: Answer) -> Found:
    """Does the answer explain the effect on this customer, not just call it good?"""
    found = Found()
    spans, tied = [], 0.0
    for clause in answer.clauses:
        if not _EFFECT.search(clause.text):
            continue
        spans.append(clause.span)
        words = {t.text for t in clause.sentence.tokens}
        if words & (FEELINGS | NEEDS) or clause.specific:
            tied = 1.0
    found.features = {
        "ee_effect": scaled(len(spans), 2),
        "ee_tied": tied,
        "ee_praise": float(bool(_GENERIC_PRAISE.search(answer.text))),
    }
    found.evidence = spans[:2]
    if spans and tied:
        found.rule_level = 2
    elif spans or found.features["ee_praise"]:
        found.rule_level = 1
        found.missing.append("not_specific")
    else:
        found.missing.append("no_effect")
    return found
