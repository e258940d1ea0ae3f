"""The grader: guards, then features and a small learned model per criterion, then wording.

Deterministic, pure Python and fast (well under a millisecond for a typical reply):
every level comes with the spans of the learner's own words that earned it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import confidence, feedback, gaming, gates, guards, model, pass_rule
from .analysis import Answer, Found, build
from .context import analyse, prompt_stems
from .contract import (
    CRITERION_LABELS,
    MAX_LEVEL,
    RUBRICS,
    CriterionResult,
    GradingError,
    GradingRequest,
    GradingResult,
    Listening,
    Span,
)
from .features import extract
from .grounding import Grounding
from .resources import load
from .styles import style_tip
from .text import normalise, sentences, tokens, visible

ENGINE_VERSION = "features-5"
GRADER_VERSION = f"{ENGINE_VERSION}+{load().version}"  # as loaded at import
MAX_ANSWER_CHARS = 20_000  # longer answers are graded on their start: keeps p99 bounded


@dataclass(frozen=True)
class Prepared:
    """An answer after the guards and the feature extractors, before any model."""

    criteria: tuple[str, ...]
    report: guards.GuardReport
    found: dict[str, Found]
    word_count: int
    answer: Answer | None = None  # None when a guard blocked it before the features
    # Where each character the features saw sits in the learner's answer, when invisible
    # characters were dropped (None: the same offsets).
    offsets: tuple[int, ...] | None = None

    @property
    def grounding(self) -> Grounding | None:
        return self.answer.grounding if self.answer is not None else None


def prepare(request: GradingRequest) -> Prepared:
    """Run the guards and, unless they block the answer, every criterion's features."""
    if request.rubric not in RUBRICS:
        raise GradingError(f"Unknown rubric {request.rubric!r}.")
    criteria = RUBRICS[request.rubric]
    shown, offsets = visible((request.answer or "")[:MAX_ANSWER_CHARS])
    text = normalise(shown)
    source = request.context or ""
    if request.rubric == "expert_analysis" and request.prompt:
        # The reply being analysed is quoted in the prompt: quotes are checked against both.
        source = f"{source}\n{request.prompt}"
    ctx = analyse(source)
    toks = tokens(text)
    report = guards.check(text, toks, sentences(text, toks), ctx, request.rubric)
    report = _gaming_guards(request, [t.text for t in toks], report)
    if report.blocked:
        return Prepared(criteria, report, {}, 0, offsets=offsets)
    situation = analyse(request.situation) if request.situation.strip() else None
    answer = build(text, toks, report.kept, ctx, prompt_stems(request.prompt), situation)
    if request.rubric == "customer_reply" and answer.grounding.other_customer:
        report = replace(report, flags=(*report.flags, "other_customer"))
        return Prepared(criteria, report, {}, answer.word_count, answer, offsets)
    found = {name: extract(name, answer, request.expected or {}) for name in criteria}
    return Prepared(criteria, report, found, answer.word_count, answer, offsets)


def _gaming_guards(
    request: GradingRequest, words: list[str], report: guards.GuardReport
) -> guards.GuardReport:
    """An unchanged revision, or the learner's reply to another customer sent again."""
    if report.blocked:
        return report
    if request.previous_answer and gaming.unrevised(words, request.previous_answer):
        return replace(report, flags=(*report.flags, "unrevised"))
    if request.other_answers and gaming.reused(words, request.other_answers):
        return replace(report, flags=(*report.flags, "reused"))
    return report


def grade(request: GradingRequest) -> GradingResult:
    """Score ``request.answer`` against its rubric; never raises on odd text."""
    prepared = prepare(request)
    criteria, report, found = prepared.criteria, prepared.report, prepared.found
    if report.blocked:
        return _blocked(request, criteria, report, prepared.grounding)
    dists = [model.probabilities(n, found[n].features, found[n].rule_level) for n in criteria]
    levels = [model.level_of(d, found[n].rule_level) for d, n in zip(dists, criteria, strict=True)]
    if "repetition" in report.flags:
        # The guide: a repeated stock phrase keeps its level 1 and earns nothing else.
        levels = [
            0 if n == "non_judgment" else min(lv, 1) for n, lv in zip(criteria, levels, strict=True)
        ]
    flags = report.flags
    if request.rubric == "customer_reply" and prepared.answer is not None:
        levels = gates.apply(criteria, levels, found, prepared.answer.grounding)
        verdict = gaming.review(prepared.answer, found)
        levels = [min(lv, verdict.caps.get(n, lv)) for n, lv in zip(criteria, levels, strict=True)]
        flags = (*flags, *verdict.flags)
    results = tuple(
        _criterion(request, name, level, found[name], prepared.offsets)
        for name, level in zip(criteria, levels, strict=True)
    )
    penalty = _oddness(prepared.word_count, report)
    conf = confidence.combine(
        dists, levels, [found[n].rule_level for n in criteria], request.pass_mark, penalty
    )
    return _result(request, results, conf, flags, prepared.grounding)


def _criterion(
    request: GradingRequest,
    name: str,
    level: int,
    found: Found,
    offsets: tuple[int, ...] | None,
) -> CriterionResult:
    evidence = found.evidence if level > 0 or name == "non_judgment" else []
    if offsets is not None:  # back to the answer as written, invisible characters included
        evidence = [(offsets[s], offsets[e - 1] + 1) for s, e in evidence if 0 <= s < e]
    tip = style_tip(request.learner_style, request.rubric, name)
    text = request.answer
    sentence = feedback.for_criterion(name, level, found.missing, text, evidence, tip)
    spans = tuple(Span(s, e) for s, e in evidence if 0 <= s < e <= len(text))
    return CriterionResult(name, level, spans, sentence)


def _oddness(words: int, report: guards.GuardReport) -> float:
    """Confidence penalty for answers a human should look at: very short, odd, repetitive."""
    penalty = 0.0
    if words < 6:
        penalty += 0.15
    if words > 400:
        penalty += 0.1
    if 0.15 <= report.odd_ratio < 0.5:
        penalty += 0.2
    if "repetition" in report.flags:
        penalty += 0.15
    return penalty


def _blocked(
    request: GradingRequest,
    criteria: tuple[str, ...],
    report: guards.GuardReport,
    grounding: Grounding | None,
) -> GradingResult:
    flag = next(f for f in report.flags if f in guards.BLOCKING)
    sentence = feedback.blocked(flag, grounding.foreign_words if grounding else ())
    results = tuple(CriterionResult(name, 0, (), sentence) for name in criteria)
    # Empty or unchanged is certain; the other guards are heuristics a trainer may check.
    conf = {
        "empty": 0.99,
        "unrevised": 0.95,
        "reused": 0.95,
        "wrong_language": 0.9,
        "copied_context": 0.85,
    }.get(flag, 0.7)
    return _result(request, results, conf, report.flags, grounding)


def _listening(grounding: Grounding | None) -> Listening | None:
    if grounding is None:
        return None
    return Listening(grounding.picked_words, grounding.missed_words, grounding.foreign_words)


def _result(
    request: GradingRequest,
    results: tuple[CriterionResult, ...],
    conf: float,
    flags: tuple[str, ...],
    grounding: Grounding | None = None,
) -> GradingResult:
    total = sum(r.level for r in results)
    score = round(100 * total / (MAX_LEVEL * len(results)), 1)
    decision = pass_rule.decide(
        request.rubric, {r.name: r.level for r in results}, score, request.pass_mark, flags
    )
    by_level = sorted(results, key=lambda r: r.level)
    weakest = [CRITERION_LABELS[r.name] for r in by_level if r.level < MAX_LEVEL]
    strongest = [CRITERION_LABELS[r.name] for r in reversed(by_level) if r.level == MAX_LEVEL]
    return GradingResult(
        criteria=results,
        score=score,
        passed=decision.passed,
        confidence=conf,
        grader_version=f"{ENGINE_VERSION}+{load().version}",
        flags=flags,
        summary=feedback.summary(
            flags, score, decision, request.pass_mark, weakest, strongest, request.rubric
        ),
        listening=_listening(grounding) if request.rubric == "customer_reply" else None,
    )
