"""Agreement metrics against values computed by hand."""

from __future__ import annotations

import pytest

from exercises.grading.metrics import accuracy, agreement, confusion, macro_f1, quadratic_kappa

TRUTH = [0, 0, 1, 1, 2, 2]
PREDICTED = [0, 1, 1, 1, 2, 1]


def test_confusion_rows_are_labels_and_columns_are_grader_levels() -> None:
    assert confusion(TRUTH, PREDICTED) == [[1, 1, 0], [0, 2, 0], [0, 1, 1]]


def test_accuracy_and_macro_f1_by_hand() -> None:
    assert accuracy(TRUTH, PREDICTED) == pytest.approx(4 / 6)
    # F1 per level: 0 -> 2/3, 1 -> 4/6, 2 -> 2/3.
    assert macro_f1(TRUTH, PREDICTED) == pytest.approx(2 / 3)


def test_quadratic_kappa_by_hand() -> None:
    # Observed weighted disagreement 0.5; expected under independence 1.5: kappa = 1 - 1/3.
    assert quadratic_kappa(TRUTH, PREDICTED) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ([0, 1, 2], [0, 1, 2], 1.0),
        ([0, 0, 2, 2], [2, 2, 0, 0], -1.0),
        ([1, 1, 1], [1, 1, 1], 1.0),
        ([1, 1, 1], [0, 1, 2], 0.0),
    ],
)
def test_quadratic_kappa_extremes(truth: list[int], predicted: list[int], expected: float) -> None:
    assert quadratic_kappa(truth, predicted) == pytest.approx(expected)


def test_a_far_miss_costs_more_than_a_near_miss() -> None:
    near = quadratic_kappa([0, 1, 2, 2], [0, 1, 1, 2])
    far = quadratic_kappa([0, 1, 2, 2], [0, 1, 0, 2])
    assert far < near


def test_agreement_bundles_everything() -> None:
    result = agreement(TRUTH, PREDICTED).as_dict()
    assert result["n"] == 6
    assert result["qwk"] == pytest.approx(0.6667, abs=1e-4)
