"""Features for exploration and non_judgment: what a reply asks, and how it treats the customer."""

from __future__ import annotations

import re
from bisect import bisect_right

from . import cues, mood
from .analysis import Answer, Clause, Found, scaled
from .judgement import ASKS_LATER, CELEBRATION, FAMILIES, LATER, OWN_PROMISE, SEVERE
from .lexicon import FEELINGS, IMPACT_WORDS

_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013]|\s-\s")
# Warmth towards the person: an apology, or a feeling named for them.
_WARM = re.compile(
    r"\b(?:sorry|apologi[sz]e|must (?:be|have been|feel)|I can (?:only )?imagine|I understand why|"
    r"(?:that|this) (?:sounds|must)|no wonder|I(?:'d| would) (?:feel|be))\b",
    re.IGNORECASE,
)
_POLITE = re.compile(r"\b(?:please|thank|sorry|apologi[sz]e|happy to|glad to)\b", re.IGNORECASE)


# "...is our failure, not a small inconvenience": a minimiser denied is the opposite.
_NEGATION = re.compile(r"\b(?:not|never|no|far from)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")
_FEELING_STEMS = tuple(sorted(FEELINGS | {"feel", "shaking", "shaky", "crying", "tearful"}))


def _validates_or_negates(text: str, start: int, end: int) -> bool:
    """A minimising cue that is negated, or that says a *feeling* is normal ("shaking
    afterwards is completely normal" validates the customer; "delays are normal" does not)."""
    if _NEGATION.search(text[max(0, start - 30) : start]):
        return True
    if "normal" not in text[start:end].lower():
        return False
    before = _SENTENCE_END.split(text[max(0, start - 120) : start])[-1]
    after = _SENTENCE_END.split(text[end : end + 120])[0]
    sentence = f"{before} {after}".lower()
    return any(re.search(rf"\b{re.escape(word)}", sentence) for word in _FEELING_STEMS)


def _lesson_excused(answer: Answer, start: int, end: int) -> bool:
    """A "next time" cue that is no lesson: the agent's own promise about later ("we'll warn
    you next time"), or a tip for later that the customer asked for."""
    if not LATER.search(answer.text, start, end):
        return False
    sentence = _SENTENCE_END.split(answer.text[:start])[-1] + answer.text[start:end]
    return bool(OWN_PROMISE.search(sentence) or ASKS_LATER.search(answer.context.text))


def _sentences_of(answer: Answer, spans: list[tuple[int, int]]) -> set[int]:
    """The indexes of the sentences the spans start in."""
    starts = [c.sentence.start for c in answer.clauses]
    return {bisect_right(starts, s) - 1 for s, _ in spans}


def _last_clause(text: str) -> str:
    """The part of a sentence after its last comma: "Sorry, what happened?" asks "what happened"."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(text) if p.strip()]
    return parts[-1] if parts else text


def _questions(answer: Answer) -> list[tuple[int, Clause]]:
    invites = answer.hits(cues.INVITE)
    return [(i, c) for i, c in enumerate(answer.clauses) if c.sentence.is_question or invites[i]]


def exploration(answer: Answer) -> Found:
    """Does the reply ask an open question aimed at what the customer has not said yet?"""
    found = Found()
    questions = _questions(answer)
    values = dict.fromkeys(
        (
            "any",
            "procedural",
            "generic",
            "open",
            "yesno",
            "specific",
            "impact",
            "feel",
            "you",
            "fact_check",
            "need",
        ),
        0.0,
    )
    best_overlap = 0.0
    best: list[tuple[float, tuple[int, int]]] = []
    real = 0
    procedural, generics = answer.hits(cues.PROCEDURAL_Q), answer.hits(cues.GENERIC_Q)
    invites = answer.hits(cues.INVITE)
    fact_checks, needs = answer.hits(cues.FACT_CHECK_Q), answer.hits(cues.NEED_Q)
    for i, clause in questions:
        text = clause.text
        values["any"] = 1.0
        if procedural[i]:
            values["procedural"] = 1.0
            continue
        real += 1
        generic = generics[i]
        is_open = bool(cues.OPEN_START.search(_last_clause(text)) or cues.OPEN_START.search(text))
        words = {t.text for t in clause.sentence.tokens}
        impact = bool(words & IMPACT_WORDS)
        values["generic"] = max(values["generic"], float(generic))
        values["open"] = max(values["open"], float(is_open or invites[i]))
        values["yesno"] = max(values["yesno"], float(not is_open))
        values["fact_check"] = max(values["fact_check"], float(fact_checks[i] and not needs[i]))
        values["need"] = max(values["need"], float(needs[i]))
        values["impact"] = max(values["impact"], float(impact and not generic))
        values["feel"] = max(values["feel"], float(bool(words & FEELINGS)))
        values["you"] = max(values["you"], float(bool(words & {"you", "your", "you're"})))
        if clause.specific and not generic:
            values["specific"] = 1.0
        best_overlap = max(best_overlap, clause.overlap)
        if not generic:
            found.grounded = max(found.grounded, clause.grounded)
        score = clause.grounded + 2 * float(impact and not generic) + float(is_open) + needs[i]
        best.append((score, clause.span))
    found.features = {f"exp_{k}": v for k, v in values.items()}
    found.features |= {
        "exp_overlap": scaled(best_overlap, 3),
        "exp_count": scaled(real, 3),
        "exp_procedural_only": float(values["procedural"] and not real),
    }
    best.sort(key=lambda item: -item[0])
    found.evidence = [span for _, span in best[:2]]
    if not real:
        found.missing.append("procedural_only" if values["procedural"] else "no_question")
    elif values["specific"] or values["impact"] or values["need"]:
        found.rule_level = 2
    else:
        found.rule_level = 1
        found.missing.append("not_specific")
    return found


def non_judgment(answer: Answer) -> Found:
    """Is the reply free of blame, minimising, defensiveness and sarcasm?"""
    found = Found()
    hits = {name: [m.span() for m in rx.finditer(answer.text)] for name, rx in FAMILIES.items()}
    hits["minimise"] = [
        span for span in hits["minimise"] if not _validates_or_negates(answer.text, *span)
    ]
    hits["blame"] = [span for span in hits["blame"] if not _lesson_excused(answer, *span)]
    # "Congratulations" is warmth when the customer shares good news, and cheer ("😍", "!!")
    # is misplaced only with a customer who is upset (see :mod:`.mood`).
    if not mood.good_news(answer.context.text):
        hits["sarcasm"].extend(m.span() for m in CELEBRATION.finditer(answer.text))
    if mood.pleased(answer.context.text):
        hits["cheer"] = []
    # Capitals quoted from the customer ("SNDWV*DIGITAL", "VAT") are not shouting.
    hits["shout"] = [
        (s, e) for s, e in hits["shout"] if answer.text[s:e].lower() not in answer.context.words
    ]
    found.features = {f"nj_{name}": scaled(len(spans), 2) for name, spans in hits.items()}
    found.features |= {
        "nj_polite": float(bool(_POLITE.search(answer.text))),
        "nj_short": float(answer.word_count < 8),
        "nj_families": scaled(sum(1 for spans in hits.values() if spans), 3),
    }
    found.evidence = sorted(span for spans in hits.values() for span in spans)[:4]
    warm = bool(_WARM.search(answer.text)) or any(answer.hits(cues.EMPATHY_FRAME))
    found.features["nj_warm"] = float(warm)
    cold = not warm and bool(hits["policy"] or hits["directive"])
    found.features["nj_cold"] = float(cold)
    found.features["nj_short_cold"] = float(not warm and answer.word_count < 12)
    severe = sum(len(hits[name]) for name in SEVERE)
    # A policy stated with warmth is "explained without blame", counted by the sentence ("I
    # can't refund it, I'm afraid: the window closed" is one refusal); without warmth, every
    # cue of it is a wall.
    walls = len(hits["policy"]) + len(hits["directive"])
    if warm:
        walls = max(0, len(_sentences_of(answer, hits["policy"] + hits["directive"])) - 2)
    slips = sum(len(hits[name]) for name in ("cheer", "but", "shout", "subtle")) + walls
    if hits["sarcasm"] or severe >= 2 or (severe and not warm) or slips >= 3:
        found.rule_level = 0
        found.missing.append("judgement")
    elif severe or slips:
        found.rule_level = 1
        found.missing.append("slip")
    else:
        found.rule_level = 2
    return found
