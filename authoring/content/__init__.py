"""The course as files: read and validate them without touching the database."""

from .loader import load_course
from .spec import (
    ChoiceSpec,
    ContentError,
    ContentProblem,
    CourseSpec,
    ExerciseSpec,
    LessonSpec,
    ReferenceReplySpec,
    StageSpec,
)

__all__ = [
    "ChoiceSpec",
    "ContentError",
    "ContentProblem",
    "CourseSpec",
    "ExerciseSpec",
    "LessonSpec",
    "ReferenceReplySpec",
    "StageSpec",
    "load_course",
]
