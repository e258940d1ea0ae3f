"""Agreement between the grader and human labels on the 0/1/2 scale."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

LEVELS = (0, 1, 2)


def confusion(truth: Sequence[int], predicted: Sequence[int]) -> list[list[int]]:
    """``matrix[t][p]``: how many answers labelled ``t`` the grader put at ``p``."""
    matrix = [[0] * len(LEVELS) for _ in LEVELS]
    for t, p in zip(truth, predicted, strict=True):
        matrix[t][p] += 1
    return matrix


def accuracy(truth: Sequence[int], predicted: Sequence[int]) -> float:
    if not truth:
        return 0.0
    return sum(1 for t, p in zip(truth, predicted, strict=True) if t == p) / len(truth)


def macro_f1(truth: Sequence[int], predicted: Sequence[int]) -> float:
    """Mean F1 over the levels that occur in the labels or the predictions."""
    present = sorted(set(truth) | set(predicted))
    if not present:
        return 0.0
    scores = []
    for level in present:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == p == level)
        fp = sum(1 for t, p in zip(truth, predicted, strict=True) if p == level != t)
        fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == level != p)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def quadratic_kappa(truth: Sequence[int], predicted: Sequence[int]) -> float:
    """Cohen's kappa with quadratic weights over the levels 0..2.

    1 is perfect agreement, 0 chance level. When both raters use a single level the
    expected disagreement is zero; the result is then 1 if they agree, else 0.
    """
    n = len(truth)
    if n == 0:
        return 0.0
    k = len(LEVELS)
    observed = confusion(truth, predicted)
    rows = [sum(observed[i]) for i in range(k)]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            weight = (i - j) ** 2 / (k - 1) ** 2
            num += weight * observed[i][j]
            den += weight * rows[i] * cols[j] / n
    if den == 0:
        return 1.0 if num == 0 else 0.0
    return 1 - num / den


@dataclass(frozen=True)
class Agreement:
    """The numbers reported per criterion."""

    n: int
    accuracy: float
    macro_f1: float
    qwk: float
    confusion: list[list[int]]

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("accuracy", "macro_f1", "qwk"):
            data[key] = round(data[key], 4)
        return data


def agreement(truth: Sequence[int], predicted: Sequence[int]) -> Agreement:
    return Agreement(
        n=len(truth),
        accuracy=accuracy(truth, predicted),
        macro_f1=macro_f1(truth, predicted),
        qwk=quadratic_kappa(truth, predicted),
        confusion=confusion(truth, predicted),
    )
