"""Labelled examples: the calibration JSONL files, labelled CSVs and the course's references.

Readers are tolerant: a line that is not a complete labelled example (the files may
still be being written, or a CSV row may be short) is skipped and counted, never fatal.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contract import RUBRICS


@dataclass(frozen=True)
class Example:
    """One answer with a human level per criterion."""

    id: str
    rubric: str
    context: str
    response: str
    labels: dict[str, int]
    split: str = "train"
    source: str = ""
    expected: dict[str, list[str]] = field(default_factory=dict)
    prompt: str = ""
    situation: str = ""  # what the company knows and can offer, when the record gives it


@dataclass
class LoadReport:
    """How many lines were read and why the others were skipped."""

    loaded: int = 0
    skipped: list[str] = field(default_factory=list)


def infer_rubric(labels: dict[str, Any], rubric: str | None) -> str | None:
    """The rubric named in the record, else the one whose criteria the labels cover."""
    if rubric in RUBRICS:
        return rubric
    for name, criteria in RUBRICS.items():
        if set(criteria) <= set(labels):
            return name
    return None


def _levels(raw: dict[str, Any], criteria: tuple[str, ...]) -> dict[str, int] | None:
    levels = {}
    for name in criteria:
        value = raw.get(name)
        try:
            level = int(str(value).strip())
        except (TypeError, ValueError):
            return None
        if not 0 <= level <= 2:
            return None
        levels[name] = level
    return levels


def example_from(record: dict[str, Any], labels: dict[str, Any], source: str) -> Example | str:
    """An :class:`Example`, or the reason the record is not one."""
    rubric = infer_rubric(labels, record.get("rubric") or None)
    if rubric is None:
        return "labels do not cover any rubric"
    levels = _levels(labels, RUBRICS[rubric])
    if levels is None:
        return "a label is missing or not 0, 1 or 2"
    response = record.get("response")
    if not isinstance(response, str):
        return "no response text"
    expected = record.get("expected") if isinstance(record.get("expected"), dict) else {}
    return Example(
        id=str(record.get("id", "")),
        rubric=rubric,
        context=str(record.get("context") or ""),
        response=response,
        labels=levels,
        split=str(record.get("split") or "train"),
        source=source,
        expected={k: [str(v) for v in vs] for k, vs in (expected or {}).items()},
        prompt=str(record.get("prompt") or ""),
        situation=str(record.get("situation") or ""),
    )


def read_jsonl(path: Path, report: LoadReport) -> Iterator[Example]:
    """Examples of a GUIDE-format JSONL file."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                report.skipped.append(f"{path.name}:{number}: not valid JSON")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("labels"), dict):
                report.skipped.append(f"{path.name}:{number}: no labels object")
                continue
            result = example_from(record, record["labels"], path.name)
            if isinstance(result, str):
                report.skipped.append(f"{path.name}:{number}: {result}")
                continue
            report.loaded += 1
            yield result


def read_csv(path: Path, report: LoadReport) -> Iterator[Example]:
    """Examples of a CSV with id, context, response and one column per criterion."""
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 2):
            result = example_from(dict(row), dict(row), path.name)
            if isinstance(result, str):
                report.skipped.append(f"{path.name}:{number}: {result}")
                continue
            report.loaded += 1
            yield result


def read_labelled(path: Path, report: LoadReport) -> Iterator[Example]:
    """Examples of a labelled file, CSV or JSONL by its suffix."""
    reader = read_csv if path.suffix.lower() == ".csv" else read_jsonl
    yield from reader(path, report)
