"""The grader: guards, then features and a small learned model per criterion, then wording.

Deterministic, pure Python and fast (well under a millisecond for a typical reply):
every level comes with the spans of the learner's own words that earned it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import confidence, feedback, guards, model
from .analysis import Found, build
from .context import analyse
from .contract import (
    CRITERION_LABELS,
    MAX_LEVEL,
    RUBRICS,
    CriterionResult,
    GradingError,
    GradingRequest,
    GradingResult,
    Span,
)
from .features import extract
from .resources import load
from .styles import style_tip
from .text import normalise, sentences, tokens

ENGINE_VERSION = "features-1"
GRADER_VERSION = f"{ENGINE_VERSION}+{load().version}"  # as loaded at import
MAX_ANSWER_CHARS = 20_000  # longer answers are graded on their start: keeps p99 bounded


@dataclass(frozen=True)
class Prepared:
    """An answer after the guards and the feature extractors, before any model."""

    criteria: tuple[str, ...]
    report: guards.GuardReport
    found: dict[str, Found]
    word_count: int


def prepare(request: GradingRequest) -> Prepared:
    """Run the guards and, unless they block the answer, every criterion's features."""
    if request.rubric not in RUBRICS:
        raise GradingError(f"Unknown rubric {request.rubric!r}.")
    criteria = RUBRICS[request.rubric]
    text = normalise((request.answer or "")[:MAX_ANSWER_CHARS])
    source = request.context or ""
    if request.rubric == "expert_analysis" and request.prompt:
        # The reply being analysed is quoted in the prompt: quotes are checked against both.
        source = f"{source}\n{request.prompt}"
    ctx = analyse(source)
    toks = tokens(text)
    report = guards.check(text, toks, sentences(text, toks), ctx, request.rubric)
    if report.blocked:
        return Prepared(criteria, report, {}, 0)
    answer = build(text, toks, report.kept, ctx)
    found = {name: extract(name, answer, request.expected or {}) for name in criteria}
    return Prepared(criteria, report, found, answer.word_count)


def grade(request: GradingRequest) -> GradingResult:
    """Score ``request.answer`` against its rubric; never raises on odd text."""
    prepared = prepare(request)
    criteria, report, found = prepared.criteria, prepared.report, prepared.found
    if report.blocked:
        return _blocked(request, criteria, report)
    dists = [model.probabilities(n, found[n].features, found[n].rule_level) for n in criteria]
    levels = [model.level_of(d) for d in dists]
    if "repetition" in report.flags:
        # The guide: a repeated stock phrase keeps its level 1 and earns nothing else.
        levels = [
            0 if n == "non_judgment" else min(lv, 1) for n, lv in zip(criteria, levels, strict=True)
        ]
    results = tuple(
        _criterion(request, name, level, found[name])
        for name, level in zip(criteria, levels, strict=True)
    )
    penalty = _oddness(prepared.word_count, report)
    conf = confidence.combine(
        dists, levels, [found[n].rule_level for n in criteria], request.pass_mark, penalty
    )
    return _result(request, results, conf, report.flags)


def _criterion(request: GradingRequest, name: str, level: int, found: Found) -> CriterionResult:
    evidence = found.evidence if level > 0 or name == "non_judgment" else []
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
    request: GradingRequest, criteria: tuple[str, ...], report: guards.GuardReport
) -> GradingResult:
    flag = next(f for f in report.flags if f in guards.BLOCKING)
    sentence = feedback.blocked(flag)
    results = tuple(CriterionResult(name, 0, (), sentence) for name in criteria)
    # Empty is certain; the other guards are heuristics a trainer may want to double-check.
    conf = {"empty": 0.99, "wrong_language": 0.9, "copied_context": 0.85}.get(flag, 0.7)
    return _result(request, results, conf, report.flags)


def _result(
    request: GradingRequest,
    results: tuple[CriterionResult, ...],
    conf: float,
    flags: tuple[str, ...],
) -> GradingResult:
    total = sum(r.level for r in results)
    score = round(100 * total / (MAX_LEVEL * len(results)), 1)
    passed = score >= request.pass_mark
    by_level = sorted(results, key=lambda r: r.level)
    weakest = [CRITERION_LABELS[r.name] for r in by_level if r.level < MAX_LEVEL]
    strongest = [CRITERION_LABELS[r.name] for r in reversed(by_level) if r.level == MAX_LEVEL]
    return GradingResult(
        criteria=results,
        score=score,
        passed=passed,
        confidence=conf,
        grader_version=f"{ENGINE_VERSION}+{load().version}",
        flags=flags,
        summary=feedback.summary(flags, score, passed, request.pass_mark, weakest, strongest),
    )
