"""Training: deterministic weights from the train split only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from exercises.grading import resources
from exercises.grading.fitting import fit_logistic
from exercises.grading.train import train

CONTEXT = "I was charged twice for my order and my rent is due on Friday."
REPLIES = [
    ("Being charged twice right before rent is due must be so stressful.", 2, 0),
    ("I'm sorry to hear that.", 1, 0),
    ("Thanks for your message.", 0, 0),
    ("I've refunded the second charge today; it will show by Friday.", 0, 2),
    ("We'll look into it.", 0, 1),
    ("Please contact your bank.", 0, 0),
]


@pytest.fixture
def restore_weights() -> Iterator[None]:
    yield
    resources.install(resources.read())


def _write(root: Path, heldout_labels: int) -> None:
    (root / "calibration").mkdir(parents=True)
    lines = []
    for i, (text, er, ns) in enumerate(REPLIES * 3):
        labels = {
            "emotional_reaction": er,
            "interpretation": 1,
            "exploration": 0,
            "non_judgment": 2,
            "next_step": ns,
        }
        context = f"{CONTEXT} (case {i % 6})"
        lines.append(
            {
                "id": f"t{i}",
                "context": context,
                "response": text,
                "labels": labels,
                "split": "train",
            }
        )
    for i, (text, _, _) in enumerate(REPLIES):
        labels = dict.fromkeys(
            ("emotional_reaction", "interpretation", "exploration", "non_judgment", "next_step"),
            heldout_labels,
        )
        lines.append(
            {
                "id": f"h{i}",
                "context": "held out message",
                "response": text,
                "labels": labels,
                "split": "heldout",
            }
        )
    (root / "calibration" / "x.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")


def test_training_is_deterministic_and_ignores_the_heldout_split(
    tmp_path: Path, restore_weights: None
) -> None:
    outputs = []
    for run, heldout_labels in enumerate((0, 2, 0)):
        root = tmp_path / f"run{run}"
        _write(root, heldout_labels)
        out = root / "weights.json"
        report = train(root, out)
        outputs.append(out.read_bytes())
        assert report.train_counts == {"customer_reply": 18}
        assert report.heldout is not None
        assert report.heldout.counts == {"customer_reply": 6}
    assert outputs[0] == outputs[1] == outputs[2]
    models = json.loads(outputs[0])["models"]
    assert set(models) == {
        "emotional_reaction",
        "interpretation",
        "exploration",
        "non_judgment",
        "next_step",
    }


def test_logistic_fit_separates_a_simple_rule() -> None:
    rows = [[0.0], [0.0], [1.0], [1.0], [0.0], [1.0]]
    targets = [0, 0, 1, 1, 0, 1]
    bias, weights = fit_logistic(rows, targets, l2=0.1)
    assert weights[0] > 2
    assert bias < 0
    assert fit_logistic(rows, targets, l2=0.1) == (bias, weights)
