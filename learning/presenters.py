"""Shaping the learner's path for the course pages (no queries)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from courses.gating import CourseProgress
from exercises.models import ExerciseProgress
from learning.path import CourseMap


def overview_stages(
    course: CourseMap, progress: CourseProgress, exercises: Mapping[int, ExerciseProgress]
) -> list[dict[str, Any]]:
    """Each stage with its state, and each lesson with whether it is done and how many of
    its exercises are passed, for the course overview."""
    return [
        {
            "stage": stage,
            "state": progress.state_of(stage.pk).value,
            "lessons": [
                {
                    "lesson": lesson,
                    "done": lesson.pk in progress.lessons_done,
                    "passed": sum(
                        1
                        for e in lesson.active_exercises
                        if e.pk in exercises and exercises[e.pk].passed_at
                    ),
                    "total": len(lesson.active_exercises),
                }
                for lesson in stage.active_lessons  # type: ignore[attr-defined]
            ],
        }
        for stage in course.stages
    ]
