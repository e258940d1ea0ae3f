"""The trained weights file, loaded once per process and shared read-only.

``weights.json`` is written by :mod:`exercises.grading.train`; when it is missing
(a fresh checkout before training) the engine falls back to its rule levels.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lexicon import FEELINGS, IMPACT_WORDS, NEEDS, SERVICE_WORDS, STOPWORDS
from .text import stem

WEIGHTS_PATH = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class Resources:
    """Everything learned from the train split, plus the lexicon-derived defaults."""

    version: str = "untrained"
    # criterion -> {"ge1"|"ge2": {"bias": float, "w": {feature: weight}}}
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Stems used in replies to many different customers: repeating one is not specific.
    generic_stems: frozenset[str] = frozenset()
    # Letter trigrams of English seen in the course and calibration texts (gibberish check).
    trigrams: frozenset[str] = frozenset()
    # Share of the train split's customer messages that use each stem (stems used by at
    # least two): how distinctive picking up a customer's word is.
    message_df: dict[str, float] = field(default_factory=dict)
    # Stems used in replies to several different customers: a reply may use them for
    # anyone, so they are never a detail that belongs to another customer.
    reply_common: frozenset[str] = frozenset()
    metrics: dict[str, Any] = field(default_factory=dict)


def _lexicon_trigrams() -> frozenset[str]:
    words = STOPWORDS | FEELINGS | NEEDS | IMPACT_WORDS | SERVICE_WORDS
    return frozenset(tri for word in words for tri in word_trigrams(word))


def word_trigrams(word: str) -> list[str]:
    """Letter trigrams of a word padded with ``^``/``$`` so beginnings and ends count."""
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def _builtin_generic() -> frozenset[str]:
    return frozenset(stem(w) for w in SERVICE_WORDS)


_current: Resources | None = None
# Caches derived from the resources (the context analysis); cleared when they change.
ON_INSTALL: list[Callable[[], None]] = []


def read(path: Path = WEIGHTS_PATH) -> Resources:
    """Read a weights file; a missing file yields rule-only resources."""
    base_trigrams = _lexicon_trigrams()
    if not path.exists():
        return Resources(generic_stems=_builtin_generic(), trigrams=base_trigrams)
    data = json.loads(path.read_text(encoding="utf-8"))
    return Resources(
        version=str(data.get("version", "untrained")),
        models=dict(data.get("models", {})),
        generic_stems=_builtin_generic() | frozenset(data.get("generic_stems", ())),
        trigrams=base_trigrams | frozenset(data.get("trigrams", ())),
        message_df={str(k): float(v) for k, v in data.get("message_df", {}).items()},
        reply_common=frozenset(data.get("reply_common", ())),
        metrics=dict(data.get("metrics", {})),
    )


def load() -> Resources:
    """The resources in use, read from ``weights.json`` on first use."""
    global _current
    if _current is None:
        _current = read()
    return _current


def install(resources: Resources) -> None:
    """Use ``resources`` from now on (training swaps in what it is fitting)."""
    global _current
    _current = resources
    for clear in ON_INSTALL:
        clear()


def builtin(
    generic_stems: frozenset[str] = frozenset(),
    trigrams: frozenset[str] = frozenset(),
    message_df: dict[str, float] | None = None,
    reply_common: frozenset[str] = frozenset(),
) -> Resources:
    """Rule-only resources plus the given learned vocabularies (no models)."""
    return Resources(
        generic_stems=_builtin_generic() | generic_stems,
        trigrams=_lexicon_trigrams() | trigrams,
        message_df=dict(message_df or {}),
        reply_common=reply_common,
    )
