"""Staged gating and progress as pure functions over ids, so they are easy to test and
cost no queries: selectors fetch the ids once, these decide what is locked or done."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum


class StageState(StrEnum):
    LOCKED = "locked"
    OPEN = "open"
    DONE = "done"


@dataclass(frozen=True)
class LessonOutline:
    lesson_id: int
    exercise_ids: tuple[int, ...]


@dataclass(frozen=True)
class StageOutline:
    stage_id: int
    lessons: tuple[LessonOutline, ...]


@dataclass(frozen=True)
class CourseProgress:
    stage_states: dict[int, StageState]
    lessons_done: frozenset[int]
    percent: int
    is_complete: bool

    def state_of(self, stage_id: int) -> StageState:
        return self.stage_states[stage_id]

    @property
    def done_stage_ids(self) -> list[int]:
        return [sid for sid, state in self.stage_states.items() if state == StageState.DONE]


def compute_progress(
    stages: Sequence[StageOutline],
    *,
    viewed_lessons: Collection[int],
    passed_exercises: Collection[int],
) -> CourseProgress:
    """A lesson is done when it was read and all its exercises are passed; a stage is
    done when all its lessons are; the first stage is open and each later stage opens
    when the one before it is done. Percent counts lessons read and exercises passed."""
    states: dict[int, StageState] = {}
    lessons_done: set[int] = set()
    items = items_done = 0
    previous_done = True
    for stage in stages:
        stage_done = True
        for lesson in stage.lessons:
            viewed = lesson.lesson_id in viewed_lessons
            passed = sum(1 for e in lesson.exercise_ids if e in passed_exercises)
            items += 1 + len(lesson.exercise_ids)
            items_done += int(viewed) + passed
            if viewed and passed == len(lesson.exercise_ids):
                lessons_done.add(lesson.lesson_id)
            else:
                stage_done = False
        if not previous_done:
            states[stage.stage_id] = StageState.LOCKED
        else:
            states[stage.stage_id] = StageState.DONE if stage_done else StageState.OPEN
        previous_done = previous_done and stage_done
    percent = 100 * items_done // items if items else 0
    return CourseProgress(
        stage_states=states,
        lessons_done=frozenset(lessons_done),
        percent=percent,
        is_complete=bool(stages) and previous_done,
    )


@dataclass(frozen=True)
class Step:
    """One place on the learner's path: a lesson to read or an exercise to pass."""

    kind: str  # "lesson" or "exercise"
    id: int
    lesson_id: int
    stage_id: int


def path(stages: Sequence[StageOutline]) -> list[Step]:
    """The course in the order a learner walks it: each lesson, then its exercises."""
    steps: list[Step] = []
    for stage in stages:
        for lesson in stage.lessons:
            steps.append(Step("lesson", lesson.lesson_id, lesson.lesson_id, stage.stage_id))
            steps.extend(
                Step("exercise", e, lesson.lesson_id, stage.stage_id) for e in lesson.exercise_ids
            )
    return steps


def step_after(stages: Sequence[StageOutline], kind: str, step_id: int) -> Step | None:
    """The step that follows a lesson or an exercise, or None at the end of the course."""
    steps = path(stages)
    for index, step in enumerate(steps):
        if step.kind == kind and step.id == step_id:
            return steps[index + 1] if index + 1 < len(steps) else None
    return None


def resume_at(
    stages: Sequence[StageOutline],
    progress: CourseProgress,
    *,
    viewed_lessons: Collection[int],
    passed_exercises: Collection[int],
) -> Step | None:
    """Where the learner left off: the first lesson not read or exercise not passed in a
    stage they may open; None when there is nothing left to do."""
    for step in path(stages):
        if progress.state_of(step.stage_id) == StageState.LOCKED:
            return None
        done = step.id in viewed_lessons if step.kind == "lesson" else step.id in passed_exercises
        if not done:
            return step
    return None
