"""Grade labelled examples and measure agreement with the human levels, per criterion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import pass_rule
from .contract import MAX_LEVEL, RUBRICS, GradingRequest, GradingResult
from .dataset import Example
from .engine import grade
from .metrics import Agreement, agreement


@dataclass
class PassAgreement:
    """Pass/fail under the course's pass rule: the grader's levels against the labels'."""

    total: int = 0
    agree: int = 0
    false_passes: int = 0  # the grader passes what the labels fail
    false_fails: int = 0  # the grader fails what the labels pass

    @property
    def accuracy(self) -> float:
        return self.agree / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": self.total,
            "accuracy": round(self.accuracy, 4),
            "false_passes": self.false_passes,
            "false_fails": self.false_fails,
        }


@dataclass
class Evaluation:
    """Agreement per rubric and criterion, and the answers the grader could not grade."""

    per_criterion: dict[str, dict[str, Agreement]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    passing: dict[str, PassAgreement] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "counts": self.counts,
            "pass_fail": {rubric: p.as_dict() for rubric, p in self.passing.items()},
            "criteria": {
                rubric: {name: a.as_dict() for name, a in rows.items()}
                for rubric, rows in self.per_criterion.items()
            },
        }


DEFAULT_PASS_MARK = 60  # the course's pass mark for replies; labelled files carry none


def request_for(example: Example) -> GradingRequest:
    return GradingRequest(
        rubric=example.rubric,
        answer=example.response,
        context=example.context,
        prompt=example.prompt,
        expected=example.expected,
        situation=example.situation,
    )


def evaluate(examples: Iterable[Example]) -> Evaluation:
    """Grade every example and compare each criterion's level with its label."""
    return tally((example, grade(request_for(example))) for example in examples)


def tally(graded: Iterable[tuple[Example, GradingResult]]) -> Evaluation:
    """Agreement of results already graded (cross-validation grades each fold apart)."""
    truth: dict[str, dict[str, list[int]]] = {}
    predicted: dict[str, dict[str, list[int]]] = {}
    passing: dict[str, PassAgreement] = {}
    for example, result in graded:
        _count_pass(passing.setdefault(example.rubric, PassAgreement()), example, result.passed)
        for criterion in result.criteria:
            truth.setdefault(example.rubric, {}).setdefault(criterion.name, []).append(
                example.labels[criterion.name]
            )
            predicted.setdefault(example.rubric, {}).setdefault(criterion.name, []).append(
                criterion.level
            )
    out = Evaluation(passing=passing)
    for rubric, rows in truth.items():
        out.per_criterion[rubric] = {
            name: agreement(rows[name], predicted[rubric][name]) for name in RUBRICS[rubric]
        }
        out.counts[rubric] = len(rows[RUBRICS[rubric][0]])
    return out


def labelled_pass(example: Example) -> bool:
    """Whether the labels pass under the same rule (the default pass mark, no flags)."""
    score = 100 * sum(example.labels.values()) / (MAX_LEVEL * len(example.labels))
    return pass_rule.decide(example.rubric, example.labels, score, DEFAULT_PASS_MARK).passed


def _count_pass(agreement: PassAgreement, example: Example, predicted: bool) -> None:
    truth = labelled_pass(example)
    agreement.total += 1
    agreement.agree += truth == predicted
    agreement.false_passes += predicted and not truth
    agreement.false_fails += truth and not predicted


def format_table(evaluation: Evaluation) -> str:
    """A plain-text report: one line of numbers per criterion, then its confusion matrix."""
    lines = []
    for rubric, rows in evaluation.per_criterion.items():
        lines.append(f"{rubric} (n={evaluation.counts[rubric]})")
        p = evaluation.passing.get(rubric)
        if p is not None:
            lines.append(
                f"  pass/fail: accuracy {p.accuracy:.3f}, false passes {p.false_passes}, "
                f"false fails {p.false_fails} (of {p.total})"
            )
        lines.append(f"  {'criterion':<22}{'accuracy':>9}{'macro-F1':>10}{'QWK':>8}")
        for name, a in rows.items():
            lines.append(f"  {name:<22}{a.accuracy:>9.3f}{a.macro_f1:>10.3f}{a.qwk:>8.3f}")
        for name, a in rows.items():
            lines.append(f"  {name} confusion (rows = label 0/1/2, columns = grader 0/1/2):")
            lines.extend(f"    {level}: {row}" for level, row in enumerate(a.confusion))
    return "\n".join(lines)
