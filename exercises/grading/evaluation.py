"""Grade labelled examples and measure agreement with the human levels, per criterion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .contract import RUBRICS, GradingRequest
from .dataset import Example
from .engine import grade
from .metrics import Agreement, agreement


@dataclass
class Evaluation:
    """Agreement per rubric and criterion, and the answers the grader could not grade."""

    per_criterion: dict[str, dict[str, Agreement]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "counts": self.counts,
            "criteria": {
                rubric: {name: a.as_dict() for name, a in rows.items()}
                for rubric, rows in self.per_criterion.items()
            },
        }


def request_for(example: Example) -> GradingRequest:
    return GradingRequest(
        rubric=example.rubric,
        answer=example.response,
        context=example.context,
        prompt=example.prompt,
        expected=example.expected,
    )


def evaluate(examples: Iterable[Example]) -> Evaluation:
    """Grade every example and compare each criterion's level with its label."""
    truth: dict[str, dict[str, list[int]]] = {}
    predicted: dict[str, dict[str, list[int]]] = {}
    for example in examples:
        result = grade(request_for(example))
        for criterion in result.criteria:
            truth.setdefault(example.rubric, {}).setdefault(criterion.name, []).append(
                example.labels[criterion.name]
            )
            predicted.setdefault(example.rubric, {}).setdefault(criterion.name, []).append(
                criterion.level
            )
    out = Evaluation()
    for rubric, rows in truth.items():
        out.per_criterion[rubric] = {
            name: agreement(rows[name], predicted[rubric][name]) for name in RUBRICS[rubric]
        }
        out.counts[rubric] = len(rows[RUBRICS[rubric][0]])
    return out


def format_table(evaluation: Evaluation) -> str:
    """A plain-text report: one line of numbers per criterion, then its confusion matrix."""
    lines = []
    for rubric, rows in evaluation.per_criterion.items():
        lines.append(f"{rubric} (n={evaluation.counts[rubric]})")
        lines.append(f"  {'criterion':<22}{'accuracy':>9}{'macro-F1':>10}{'QWK':>8}")
        for name, a in rows.items():
            lines.append(f"  {name:<22}{a.accuracy:>9.3f}{a.macro_f1:>10.3f}{a.qwk:>8.3f}")
        for name, a in rows.items():
            lines.append(f"  {name} confusion (rows = label 0/1/2, columns = grader 0/1/2):")
            lines.extend(f"    {level}: {row}" for level, row in enumerate(a.confusion))
    return "\n".join(lines)
