"""Refit the grader from the train split and write ``weights.json``.

Deterministic: the same labelled files always give byte-identical weights. Only
``split == "train"`` examples and the course's reference replies are fitted;
held-out examples are used for nothing but the metrics printed at the end.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import resources
from .contract import RUBRICS, GradingResult
from .course_refs import read_course
from .dataset import Example, LoadReport, read_jsonl
from .engine import grade, prepare
from .evaluation import Evaluation, evaluate, request_for, tally
from .fitting import fit_logistic, log_loss
from .guards import BLOCKING
from .resources import word_trigrams
from .text import content_stems, normalise, tokens

L2_GRID = (1.0, 3.0, 10.0)  # regularisation strengths tried per model; cross-validation picks one
FOLDS = 5
GENERIC_SHARE = 0.2  # a stem in replies to this share of messages is a topic word, not a detail
REPLY_COMMON_MESSAGES = 8  # a stem in replies to this many messages is reply vocabulary


@dataclass
class TrainReport:
    """What training read, fitted and measured."""

    load: LoadReport = field(default_factory=LoadReport)
    train_counts: dict[str, int] = field(default_factory=dict)
    fitted_counts: dict[str, int] = field(default_factory=dict)
    heldout: Evaluation | None = None
    cross_validated: Evaluation | None = None
    weights_path: Path | None = None


def load_examples(root: Path, report: LoadReport) -> list[Example]:
    """Every labelled example: calibration JSONL files, then the course's references."""
    examples: list[Example] = []
    for path in sorted((root / "calibration").glob("*.jsonl")):
        examples.extend(read_jsonl(path, report))
    course = root / "course"
    if course.exists():
        examples.extend(read_course(course, report))
    return examples


def learn_vocabulary(train: Sequence[Example]) -> resources.Resources:
    """Generic stems and English letter trigrams, from the train split only."""
    contexts: dict[str, set[str]] = {}
    for ex in train:
        contexts.setdefault(ex.context, set()).update(content_stems(tokens(normalise(ex.response))))
    spread = Counter(s for stems in contexts.values() for s in stems)
    threshold = max(3, int(GENERIC_SHARE * len(contexts)))
    generic = frozenset(s for s, n in spread.items() if n >= threshold)
    # Trigrams only from answers the labellers gave points to: gibberish never teaches English.
    counts: Counter[str] = Counter()
    texts = [ex.context for ex in train] + [
        ex.response for ex in train if sum(ex.labels.values()) >= 2
    ]
    for text in dict.fromkeys(texts):
        for token in tokens(normalise(text)):
            if token.text.isalpha() and token.text.isascii():
                counts.update(word_trigrams(token.text))
    trigrams = frozenset(t for t, n in counts.items() if n >= 2)
    common = frozenset(s for s, n in spread.items() if n >= REPLY_COMMON_MESSAGES)
    return resources.builtin(generic, trigrams, message_frequencies(train), common)


def message_frequencies(train: Sequence[Example]) -> dict[str, float]:
    """Share of the distinct customer messages that use each stem (used by two or more)."""
    messages = {ex.context for ex in train if ex.rubric == "customer_reply" and ex.context}
    counts = Counter(s for text in messages for s in content_stems(tokens(normalise(text))))
    total = max(len(messages), 1)
    return {s: round(n / total, 4) for s, n in sorted(counts.items()) if n >= 2}


def _fold(example: Example) -> int:
    # Folds by customer message, like the held-out split: no message in two folds.
    return zlib.crc32(example.context.encode("utf-8")) % FOLDS


def _choose_l2(rows: list[list[float]], targets: list[int], folds: list[int]) -> float:
    """The grid value with the lowest cross-validated log-loss."""
    best, best_loss = L2_GRID[-1], float("inf")
    for l2 in L2_GRID:
        loss, n = 0.0, 0
        for k in range(FOLDS):
            fit_idx = [i for i, f in enumerate(folds) if f != k]
            test_idx = [i for i, f in enumerate(folds) if f == k]
            if not test_idx or len({targets[i] for i in fit_idx}) < 2:
                continue
            bias, w = fit_logistic([rows[i] for i in fit_idx], [targets[i] for i in fit_idx], l2)
            loss += log_loss([rows[i] for i in test_idx], [targets[i] for i in test_idx], bias, w)
            n += 1
        if n and loss / n < best_loss - 1e-9:
            best, best_loss = l2, loss / n
    return best


def _fit_binary(
    rows: list[list[float]], targets: list[int], folds: list[int], names: list[str]
) -> dict[str, object]:
    l2 = _choose_l2(rows, targets, folds)
    bias, weights = fit_logistic(rows, targets, l2)
    return {
        "bias": round(bias, 6),
        "l2": l2,
        "w": {n: round(w, 6) for n, w in zip(names, weights, strict=True) if abs(w) > 1e-9},
    }


def fit_models(train: Sequence[Example], report: TrainReport) -> dict[str, dict[str, object]]:
    """Two logistic models (level >= 1, level >= 2) per criterion with labelled data."""
    samples: dict[str, list[tuple[dict[str, float], int, int]]] = {}
    for ex in train:
        prepared = prepare(request_for(ex))
        # Guarded answers never reach the model, so they must not shape it either.
        if any(f in BLOCKING or f == "repetition" for f in prepared.report.flags):
            continue
        report.fitted_counts[ex.rubric] = report.fitted_counts.get(ex.rubric, 0) + 1
        fold = _fold(ex)
        for name, found in prepared.found.items():
            samples.setdefault(name, []).append((found.features, ex.labels[name], fold))
    models: dict[str, dict[str, object]] = {}
    for criterion, rows in sorted(samples.items()):
        names = sorted({k for features, _, _ in rows for k in features})
        matrix = [[features.get(n, 0.0) for n in names] for features, _, _ in rows]
        folds = [fold for _, _, fold in rows]
        models[criterion] = {
            "features": names,
            "ge1": _fit_binary(matrix, [int(y >= 1) for _, y, _ in rows], folds, names),
            "ge2": _fit_binary(matrix, [int(y >= 2) for _, y, _ in rows], folds, names),
        }
    return models


def cross_validate(train: Sequence[Example], vocabulary: resources.Resources) -> Evaluation:
    """Agreement on the train split, each message's replies graded by models fitted without it.

    The figure to develop against: the held-out split stays untouched. The vocabulary is
    learned once from the whole train split (it decides features, not levels).
    """
    graded: list[tuple[Example, GradingResult]] = []
    for k in range(FOLDS):
        fitted = [ex for ex in train if _fold(ex) != k]
        resources.install(vocabulary)
        models = fit_models(fitted, TrainReport())
        resources.install(replace(vocabulary, models=models))
        graded.extend((ex, grade(request_for(ex))) for ex in train if _fold(ex) == k)
    return tally(graded)


def _version(train: Sequence[Example]) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for ex in sorted(train, key=lambda e: (e.source, e.id)):
        digest.update(f"{ex.source}|{ex.id}|{sorted(ex.labels.items())}|{ex.response}".encode())
    return f"cal-{len(train)}-{digest.hexdigest()[:8]}"


def train(
    root: Path, out: Path = resources.WEIGHTS_PATH, *, cross_validated: bool = False
) -> TrainReport:
    """Fit from ``root`` (the fixtures folder), write ``out``, measure on the held-out split."""
    report = TrainReport(weights_path=out)
    examples = load_examples(root, report.load)
    train_set = [ex for ex in examples if ex.split == "train"]
    heldout = [ex for ex in examples if ex.split == "heldout"]
    report.train_counts = dict(Counter(ex.rubric for ex in train_set))
    vocabulary = learn_vocabulary(train_set)
    if cross_validated:
        report.cross_validated = cross_validate(train_set, vocabulary)
    resources.install(vocabulary)
    models = fit_models(train_set, report)
    data = {
        "version": _version(train_set),
        "generic_stems": sorted(vocabulary.generic_stems),
        "trigrams": sorted(vocabulary.trigrams),
        "message_df": vocabulary.message_df,
        "reply_common": sorted(vocabulary.reply_common),
        "models": models,
        "train_counts": report.train_counts,
    }
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    resources.install(resources.read(out))
    report.heldout = evaluate(heldout)
    return report


__all__ = ["RUBRICS", "TrainReport", "train"]
