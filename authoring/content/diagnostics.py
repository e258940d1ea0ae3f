"""Reading the skills checks: ``diagnostics/NN-slug.md`` beside the stage folders.

A check is a Markdown file like a lesson (front matter + an introduction) with a ``kind``:
``pre`` (before stage 1), ``post`` (after the last stage) or ``refresher`` (``after_days``
days after completion). The pre and post checks are parallel forms: the same number of
exercises with the same rubrics, so their results can be compared criterion by criterion.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .checks import Checker
from .exercises import read_exercise
from .spec import DiagnosticSpec

FOLDER = "diagnostics"
KINDS = ("pre", "post", "refresher")
ORDERED = re.compile(r"^(\d+)-.*\.md$")


def read_diagnostics(
    check: Checker, root: Path, digest: Any, style_slugs: set[str]
) -> tuple[DiagnosticSpec, ...]:
    """Every check under ``root/diagnostics`` (none if the folder is absent), validated."""
    folder = root / FOLDER
    if not folder.is_dir():
        return ()
    paths = sorted(
        (p for p in folder.iterdir() if ORDERED.match(p.name)),
        key=lambda p: (int(p.name.split("-", 1)[0]), p.name),
    )
    found = [d for d in (_read(check, path, digest, style_slugs) for path in paths) if d]
    _check_forms(check, str(folder), found)
    return tuple(found)


def _read(check: Checker, path: Path, digest: Any, style_slugs: set[str]) -> DiagnosticSpec | None:
    file = str(path)
    raw = path.read_bytes()
    digest.update(raw)
    try:
        post = frontmatter.loads(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        check.fail(file, "(front matter)", f"is not valid YAML: {error}")
        return None
    meta = dict(post.metadata)
    kind = check.text(meta, "kind", file, "")
    if kind and kind not in KINDS:
        check.fail(file, "kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    after_days = meta.get("after_days")
    if kind == "refresher" and (not isinstance(after_days, int) or after_days < 1):
        check.fail(file, "after_days", "a refresher needs a whole number of days, 1 or more")
        after_days = None
    if kind != "refresher" and after_days is not None:
        check.fail(file, "after_days", "only a refresher is offered a number of days later")
    exercises = [
        read_exercise(check, raw_exercise, file, i, style_slugs)
        for i, raw_exercise in enumerate(check.sequence(meta.get("exercises"), file, "exercises"))
    ]
    if not exercises:
        check.fail(file, "exercises", "a check needs at least one exercise")
    for i, exercise in enumerate(exercises):
        if exercise is not None and exercise.kind != "free_text":
            check.fail(file, f"exercises[{i}].kind", "a check is graded: use free_text")
        if exercise is not None and exercise.revises:
            check.fail(file, f"exercises[{i}].revises", "a check stands alone; it revises nothing")
    return DiagnosticSpec(
        slug=check.slug(meta, file),
        kind=kind,
        title=check.text(meta, "title", file, ""),
        summary=check.text(meta, "summary", file, "", required=False),
        body=post.content.strip(),
        source=file,
        after_days=after_days if isinstance(after_days, int) else None,
        exercises=tuple(e for e in exercises if e is not None),
    )


def _check_forms(check: Checker, folder: str, found: list[DiagnosticSpec]) -> None:
    """One pre and one post check (or neither), parallel in length and rubrics."""
    check.unique([d.slug for d in found], folder, "check slugs")
    by_kind: dict[str, list[DiagnosticSpec]] = {}
    for diagnostic in found:
        by_kind.setdefault(diagnostic.kind, []).append(diagnostic)
    for kind in ("pre", "post"):
        if len(by_kind.get(kind, [])) > 1:
            check.fail(folder, kind, f"there may be only one {kind} check")
    pre, post = by_kind.get("pre", [None])[0], by_kind.get("post", [None])[0]
    if (pre is None) != (post is None):
        check.fail(folder, "pre/post", "a pre check needs a post check to compare with")
    if pre and post and _shape(pre) != _shape(post):
        check.fail(
            post.source,
            "exercises",
            f"must match the pre check {pre.slug!r}: the same number of exercises with the "
            f"same rubrics, in the same order ({_shape(pre)} against {_shape(post)})",
        )


def _shape(diagnostic: DiagnosticSpec) -> list[str]:
    return [e.rubric for e in diagnostic.exercises]
