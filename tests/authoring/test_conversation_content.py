"""A conversation in the course files: `import_course --check` names the file and why."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.exercises.conversations import CONVERSATION_COURSE

LESSON = Path("01-talking") / "01-a-late-parcel.md"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(CONVERSATION_COURSE, target)
    return target


def check(path: Path) -> None:
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_course", str(path), "--check")


def edit(course_dir: Path, old: str, new: str) -> None:
    lesson = course_dir / LESSON
    text = lesson.read_text()
    assert old in text
    lesson.write_text(text.replace(old, new, 1))


def test_the_conversation_course_checks_clean(capsys) -> None:
    call_command("import_course", str(CONVERSATION_COURSE), "--check")
    assert "1 exercises, 0 skills checks (checked, nothing written)" in capsys.readouterr().out


def test_a_cycle_is_rejected_with_the_file(course_dir: Path, capsys) -> None:
    # "cold" now sends Rosa back to "pushes", which sends her to "cold" again.
    edit(course_dir, "            - when: [otherwise]\n              to: last\n",
         "            - when: [otherwise]\n              to: pushes\n")  # fmt: skip
    check(course_dir)
    err = capsys.readouterr().err
    assert "01-a-late-parcel.md: exercises[0].conversation.messages: cycle:" in err


def test_a_branch_to_nowhere_is_a_dead_end(course_dir: Path, capsys) -> None:
    edit(course_dir, "            - when: [grounded]\n              to: worry\n",
         "            - when: [grounded]\n              to: nowhere\n")  # fmt: skip
    check(course_dir)
    err = capsys.readouterr().err
    assert (
        "01-a-late-parcel.md: exercises[0].conversation.messages[1].branches[0].to: "
        "'nowhere' is not a message id: a dead end"
    ) in err


def test_a_branch_no_reply_can_take_is_rejected(course_dir: Path, capsys) -> None:
    # After "next_step" at Rosa's Saturday message, "next_step and explored" never wins.
    edit(course_dir, "            - when: [next_step]\n              to: offer\n"
         "              because: Rosa relaxed",
         "            - when: [next_step]\n              to: offer\n"
         "            - when: [next_step, explored]\n              to: cold\n"
         "              because: Rosa relaxed")  # fmt: skip
    check(course_dir)
    err = capsys.readouterr().err
    assert "exercises[0].conversation.messages[2].branches[1]: unreachable branch" in err


def test_a_best_reply_the_grader_would_not_follow_is_rejected(course_dir: Path, capsys) -> None:
    lesson = course_dir / LESSON
    text = lesson.read_text()
    start = text.index("        opening: |")
    end = text.index("        worry: |")
    lesson.write_text(text[:start] + "        opening: Please wait a few more days.\n" + text[end:])
    check(course_dir)
    err = capsys.readouterr().err
    assert "exercises[0].conversation.best_replies.opening: the grader sends this reply to" in err
