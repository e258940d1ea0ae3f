"""The course files: every problem is reported with file, field and reason."""

import shutil
from pathlib import Path

import pytest

from authoring.content import ContentError, load_course
from tests.conftest import MINI_COURSE


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(MINI_COURSE, target)
    return target


def _problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_course(path)
    return [str(p) for p in error.value.problems]


def test_the_mini_course_loads_in_order():
    spec = load_course(MINI_COURSE)

    assert [s.slug for s in spec.stages] == ["noticing", "responding"]
    assert [e.slug for e in spec.exercises] == [
        "my-style",
        "spot-the-feeling",
        "reply-double-charge",
        "reflect-on-a-call",
    ]
    assert spec.exercises[2].scenario["channel"] == "chat"


def test_broken_yaml_names_the_file(course_dir: Path):
    lesson = course_dir / "01-noticing" / "01-the-feeling-first.md"
    lesson.write_text(lesson.read_text().replace("title: The feeling first", "title: [oops"))

    problems = _problems(course_dir)

    assert any("01-the-feeling-first.md: (front matter): is not valid YAML" in p for p in problems)


def test_missing_field_and_bad_option_are_each_reported(course_dir: Path):
    lesson = course_dir / "01-noticing" / "01-the-feeling-first.md"
    text = lesson.read_text()
    text = text.replace("    title: Spot the feeling\n", "")
    text = text.replace("        correct: true\n", "")
    lesson.write_text(text)

    problems = _problems(course_dir)

    assert any("exercises[1].title: is required" in p for p in problems)
    assert any("exercises[1].options: exactly one option" in p for p in problems)


def test_labels_outside_the_rubric_scale_are_rejected(course_dir: Path):
    lesson = course_dir / "01-noticing" / "01-the-feeling-first.md"
    lesson.write_text(
        lesson.read_text().replace("emotional_reaction: 2,", "emotional_reaction: 7,")
    )

    problems = _problems(course_dir)

    assert any(
        "reference_replies[0].labels.emotional_reaction: must be 0, 1 or 2" in p for p in problems
    )


def test_customer_reply_needs_all_three_reference_qualities(course_dir: Path):
    lesson = course_dir / "01-noticing" / "01-the-feeling-first.md"
    lesson.write_text(lesson.read_text().replace("quality: poor", "quality: adequate"))

    problems = _problems(course_dir)

    assert any("strong, adequate and poor" in p for p in problems)


def test_duplicate_exercise_slug_across_lessons(course_dir: Path):
    lesson = course_dir / "02-responding" / "01-after-the-call.md"
    lesson.write_text(
        lesson.read_text().replace("slug: reflect-on-a-call", "slug: spot-the-feeling")
    )

    problems = _problems(course_dir)

    assert any("spot-the-feeling" in p and "also used in" in p for p in problems)


def test_image_without_alt_text_is_rejected(course_dir: Path):
    lesson = course_dir / "02-responding" / "01-after-the-call.md"
    lesson.write_text(lesson.read_text() + "\n![](call.png)\n")

    assert any("alt text" in p for p in _problems(course_dir))
