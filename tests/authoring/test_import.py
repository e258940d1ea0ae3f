"""import_course: creates, updates in place, keeps progress, and is all-or-nothing."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from courses.models import Course, Lesson
from exercises.models import Exercise, ExerciseProgress
from tests.conftest import MINI_COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(MINI_COURSE, target)
    return target


def test_import_creates_the_course(course_dir: Path, capsys):
    call_command("import_course", str(course_dir))

    course = Course.objects.get(slug="mini-empathy")
    assert course.stages.count() == 2
    assert Exercise.objects.get(slug="spot-the-feeling").choices.count() == 2
    assert Exercise.objects.get(slug="reply-double-charge").reference_replies.count() == 3
    lesson = Lesson.objects.get(slug="the-feeling-first")
    assert "<h2>Why the feeling comes first</h2>" in lesson.body_html
    assert "Imported Mini empathy course" in capsys.readouterr().out


def test_reimport_updates_text_and_keeps_progress(course_dir: Path, enrollment):
    call_command("import_course", str(course_dir))
    exercise = Exercise.objects.get(slug="reply-double-charge")
    ExerciseProgress.objects.create(enrollment=enrollment, exercise=exercise, attempts=2)
    lesson_file = course_dir / "01-noticing" / "01-the-feeling-first.md"
    lesson_file.write_text(lesson_file.read_text().replace("The double charge", "Charged twice"))

    call_command("import_course", str(course_dir))

    exercise.refresh_from_db()
    assert exercise.title == "Charged twice"
    assert ExerciseProgress.objects.get(exercise=exercise).attempts == 2


def test_removed_exercise_is_retired_not_deleted(course_dir: Path):
    call_command("import_course", str(course_dir))
    (course_dir / "02-responding" / "01-after-the-call.md").write_text(
        "---\nslug: after-the-call\ntitle: After the call\n---\nText only now.\n"
    )

    call_command("import_course", str(course_dir))

    assert Exercise.objects.get(slug="reflect-on-a-call").is_active is False


def test_a_broken_file_writes_nothing(course_dir: Path, capsys):
    (course_dir / "02-responding" / "stage.yaml").write_text("slug: Not A Slug\ntitle: x\n")

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_course", str(course_dir))

    assert not Course.objects.exists()
    assert "stage.yaml: slug: 'Not A Slug' must be lowercase" in capsys.readouterr().err


def test_check_only_validates(course_dir: Path, capsys):
    call_command("import_course", str(course_dir), "--check")

    assert not Course.objects.exists()
    assert "checked, nothing written" in capsys.readouterr().out
