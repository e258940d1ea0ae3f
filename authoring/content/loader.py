"""Read a course folder (see fixtures/README.md) into a validated :class:`CourseSpec`."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .checks import Checker
from .diagnostics import read_diagnostics
from .exercises import read_exercise
from .handouts import read_handout
from .spec import ContentError, CourseSpec, ExerciseSpec, LessonSpec, StageSpec

ORDERED = re.compile(r"^(\d+)-")
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")


def load_course(path: Path | str) -> CourseSpec:
    """Read and validate every file under ``path``; raise :class:`ContentError` listing
    each problem (file, field, reason) if any file is wrong."""
    root = Path(path)
    check = Checker()
    if not (root / "course.yaml").is_file():
        raise ContentError([_problem(root, "course.yaml", "file", "is missing")])
    digest = hashlib.sha256()
    course = _yaml(check, root, root / "course.yaml", digest)
    styles = _styles(check, course, _rel(root, root / "course.yaml"))
    style_slugs = {str(s.get("slug")) for s in styles}
    stages = [
        _stage(check, root, folder, digest, style_slugs) for folder in _ordered(root, dirs=True)
    ]
    if not stages:
        check.fail(_rel(root, root), "stages", "no stage folders (NN-slug/) found")
    check.unique([s.slug for s in stages], "course", "stages")
    diagnostics = read_diagnostics(check, root, digest, style_slugs)
    spec = CourseSpec(
        slug=check.slug(course, "course.yaml"),
        title=check.text(course, "title", "course.yaml", ""),
        summary=check.text(course, "summary", "course.yaml", "", required=False),
        styles=tuple(styles),
        stages=tuple(stages),
        content_hash=digest.hexdigest(),
        diagnostics=diagnostics,
    )
    _cross_references(check, spec)
    if check.problems:
        raise ContentError(check.problems)
    return spec


def _problem(root: Path, file: str, field: str, reason: str) -> Any:
    from .spec import ContentProblem

    return ContentProblem(str(root / file), field, reason)


def _rel(root: Path, path: Path) -> str:
    """The path as the author typed its folder, so messages point at a real file."""
    return str(path)


def _ordered(folder: Path, *, dirs: bool) -> list[Path]:
    entries = [
        p
        for p in folder.iterdir()
        if ORDERED.match(p.name) and (p.is_dir() if dirs else p.suffix == ".md")
    ]
    return sorted(entries, key=lambda p: (int(ORDERED.match(p.name).group(1)), p.name))  # type: ignore[union-attr]


def _yaml(check: Checker, root: Path, path: Path, digest: Any) -> dict[str, Any]:
    raw = path.read_bytes()
    digest.update(raw)
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        check.fail(_rel(root, path), "(file)", f"is not valid YAML: {error}")
        return {}
    return check.mapping(data, _rel(root, path), "(file)")


def _styles(check: Checker, course: dict[str, Any], file: str) -> list[dict[str, Any]]:
    styles = []
    for i, raw in enumerate(check.sequence(course.get("styles"), file, "styles")):
        style = check.mapping(raw, file, f"styles[{i}]")
        check.slug(style, file, f"styles[{i}].")
        check.text(style, "name", file, f"styles[{i}].")
        check.text(style, "description", file, f"styles[{i}].")
        styles.append(style)
    check.unique([str(s.get("slug")) for s in styles], file, "styles")
    return styles


def _stage(
    check: Checker, root: Path, folder: Path, digest: Any, style_slugs: set[str]
) -> StageSpec:
    file = _rel(root, folder / "stage.yaml")
    data = (
        _yaml(check, root, folder / "stage.yaml", digest)
        if (folder / "stage.yaml").is_file()
        else {}
    )
    if not (folder / "stage.yaml").is_file():
        check.fail(file, "(file)", "is missing")
    lessons = [
        _lesson(check, root, path, digest, style_slugs) for path in _ordered(folder, dirs=False)
    ]
    if not lessons:
        check.fail(_rel(root, folder), "lessons", "no lesson files (NN-slug.md) found")
    return StageSpec(
        slug=check.slug(data, file),
        title=check.text(data, "title", file, ""),
        summary=check.text(data, "summary", file, "", required=False),
        source=file,
        lessons=tuple(lessons),
        job_aid=read_handout(check, data, "job_aid", file),
        manager_guide=read_handout(check, data, "manager_guide", file),
    )


def _lesson(
    check: Checker, root: Path, path: Path, digest: Any, style_slugs: set[str]
) -> LessonSpec:
    file = _rel(root, path)
    raw = path.read_bytes()
    digest.update(raw)
    try:
        post = frontmatter.loads(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as error:
        check.fail(file, "(front matter)", f"is not valid YAML: {error}")
        return LessonSpec(slug="", title="", summary="", body="", source=file)
    meta = dict(post.metadata)
    if not post.content.strip():
        check.fail(file, "(body)", "the lesson has no text")
    if IMAGE_WITHOUT_ALT.search(post.content):
        check.fail(file, "(body)", "an image has no alt text: write ![what it shows](...)")
    exercises = [
        read_exercise(check, raw_exercise, file, i, style_slugs)
        for i, raw_exercise in enumerate(check.sequence(meta.get("exercises"), file, "exercises"))
    ]
    return LessonSpec(
        slug=check.slug(meta, file),
        title=check.text(meta, "title", file, ""),
        summary=check.text(meta, "summary", file, "", required=False),
        body=post.content.strip(),
        source=file,
        exercises=tuple(e for e in exercises if e is not None),
    )


def _cross_references(check: Checker, spec: CourseSpec) -> None:
    """Slugs unique where URLs need them, and ``revises`` pointing at a real reply."""
    check.unique([lesson.slug for lesson in spec.lessons], "course", "lesson slugs")
    by_slug: dict[str, ExerciseSpec] = {}
    for exercise in [*spec.exercises, *spec.diagnostic_exercises]:
        if exercise.slug in by_slug:
            check.fail(
                exercise.source,
                f"exercise {exercise.slug}",
                f"slug is also used in {by_slug[exercise.slug].source}",
            )
        by_slug[exercise.slug] = exercise
    for exercise in spec.exercises:
        if not exercise.revises:
            continue
        target = by_slug.get(exercise.revises)
        if target is None or target.kind != "free_text":
            check.fail(
                exercise.source,
                f"exercise {exercise.slug}.revises",
                f"{exercise.revises!r} is not a written exercise in this course",
            )
