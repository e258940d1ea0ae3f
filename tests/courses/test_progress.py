"""Staged gating as a pure function: table-driven, no database."""

import pytest

from courses.gating import LessonOutline, StageOutline, StageState, compute_progress

# Two stages: stage 1 has lessons 10 (exercises 100, 101) and 11 (no exercises);
# stage 2 has lesson 20 (exercise 200).
COURSE = [
    StageOutline(1, (LessonOutline(10, (100, 101)), LessonOutline(11, ()))),
    StageOutline(2, (LessonOutline(20, (200,)),)),
]

LOCK, OPEN, DONE = StageState.LOCKED, StageState.OPEN, StageState.DONE


@pytest.mark.parametrize(
    ("viewed", "passed", "states", "percent", "complete"),
    [
        pytest.param(set(), set(), (OPEN, LOCK), 0, False, id="new learner: first stage open"),
        pytest.param({10}, {100}, (OPEN, LOCK), 33, False, id="half way through stage 1"),
        pytest.param({10}, {100, 101}, (OPEN, LOCK), 50, False, id="unread lesson: stage open"),
        pytest.param({10, 11}, {100, 101}, (DONE, OPEN), 66, False, id="stage 1 done: 2 unlocked"),
        pytest.param({10, 11, 20}, {100, 101, 200}, (DONE, DONE), 100, True, id="all done"),
        pytest.param({20}, {200}, (OPEN, LOCK), 33, False, id="later work does not skip the gate"),
    ],
)
def test_gating(viewed, passed, states, percent, complete):
    progress = compute_progress(COURSE, viewed_lessons=viewed, passed_exercises=passed)

    assert (progress.state_of(1), progress.state_of(2)) == states
    assert progress.percent == percent
    assert progress.is_complete is complete


def test_an_empty_course_is_never_complete():
    progress = compute_progress([], viewed_lessons=set(), passed_exercises=set())

    assert progress.is_complete is False
    assert progress.percent == 0


# --- the learner's path: next step and where to continue -------------------------------------

from courses.gating import Step, path, resume_at, step_after  # noqa: E402


def test_the_path_reads_each_lesson_then_its_exercises():
    assert [(s.kind, s.id) for s in path(COURSE)] == [
        ("lesson", 10),
        ("exercise", 100),
        ("exercise", 101),
        ("lesson", 11),
        ("lesson", 20),
        ("exercise", 200),
    ]


@pytest.mark.parametrize(
    ("kind", "step_id", "expected"),
    [
        ("lesson", 10, ("exercise", 100)),
        ("exercise", 101, ("lesson", 11)),
        ("lesson", 11, ("lesson", 20)),
        ("exercise", 200, None),
        ("exercise", 999, None),
    ],
)
def test_the_step_after(kind, step_id, expected):
    step = step_after(COURSE, kind, step_id)
    assert (None if step is None else (step.kind, step.id)) == expected


@pytest.mark.parametrize(
    ("viewed", "passed", "expected"),
    [
        pytest.param(set(), set(), ("lesson", 10), id="new learner starts at the first lesson"),
        pytest.param({10}, {101}, ("exercise", 100), id="the first exercise not passed"),
        pytest.param({10}, {100, 101}, ("lesson", 11), id="then the unread lesson"),
        pytest.param({10, 11}, {100, 101}, ("lesson", 20), id="into the unlocked stage"),
        pytest.param({20}, {200}, ("lesson", 10), id="later work does not skip the gate"),
        pytest.param({10, 11, 20}, {100, 101, 200}, None, id="nothing left"),
    ],
)
def test_where_the_learner_left_off(viewed, passed, expected):
    progress = compute_progress(COURSE, viewed_lessons=viewed, passed_exercises=passed)
    step = resume_at(COURSE, progress, viewed_lessons=viewed, passed_exercises=passed)
    assert (None if step is None else (step.kind, step.id)) == expected
    assert step is None or isinstance(step, Step)
