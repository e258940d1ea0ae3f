"""The course's reference replies as training examples (always split "train").

Each free_text exercise lists labelled reference replies in its lesson's YAML front
matter; their context is the customer's message (or, for a reflection, the prompt).
PyYAML is needed only here, at training time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .dataset import Example, LoadReport, example_from


def _front_matter(path: Path) -> dict[str, Any]:
    import yaml

    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    _, _, rest = text.partition("---")
    head, sep, _ = rest.partition("\n---")
    if not sep:
        return {}
    data = yaml.safe_load(head)
    return data if isinstance(data, dict) else {}


def _exercise_examples(exercise: dict[str, Any], where: str) -> Iterator[Example | str]:
    scenario = exercise.get("scenario") if isinstance(exercise.get("scenario"), dict) else {}
    context = str((scenario or {}).get("message") or exercise.get("prompt") or "")
    expected = exercise.get("expected") if isinstance(exercise.get("expected"), dict) else {}
    for index, ref in enumerate(exercise.get("reference_replies") or []):
        if not isinstance(ref, dict) or not isinstance(ref.get("labels"), dict):
            yield f"{where}: reference {index} has no labels"
            continue
        record = {
            "id": f"{exercise.get('slug', 'exercise')}-ref-{index}",
            "rubric": exercise.get("rubric"),
            "context": context,
            "response": str(ref.get("text") or "").strip(),
            "split": "train",
            "expected": expected,
            "prompt": exercise.get("prompt") or "",
            "situation": (scenario or {}).get("situation") or "",
        }
        yield example_from(record, ref["labels"], where)


def read_course(root: Path, report: LoadReport) -> Iterator[Example]:
    """Reference replies of every lesson under ``root``; unreadable lessons are skipped."""
    for path in sorted(root.glob("**/*.md")):
        try:
            data = _front_matter(path)
        except Exception as error:
            report.skipped.append(f"{path.name}: {error.__class__.__name__}")
            continue
        for exercise in data.get("exercises") or []:
            if not isinstance(exercise, dict) or exercise.get("kind") != "free_text":
                continue
            for result in _exercise_examples(exercise, path.name):
                if isinstance(result, str):
                    report.skipped.append(result)
                else:
                    report.loaded += 1
                    yield result
