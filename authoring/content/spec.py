"""Plain dataclasses for a course read from files, and the error that rejects one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ContentProblem:
    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.reason}"


class ContentError(Exception):
    """The files do not describe a valid course; nothing may be imported."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class ChoiceSpec:
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class ReferenceReplySpec:
    quality: str
    text: str
    labels: dict[str, int]
    note: str = ""


@dataclass(frozen=True)
class ExerciseSpec:
    slug: str
    kind: str
    title: str
    prompt: str
    source: str  # file the exercise was read from, for messages
    rubric: str = ""
    pass_mark: int = 60
    scenario: dict[str, str] = field(default_factory=dict)
    expected: dict[str, list[str]] = field(default_factory=dict)
    options: tuple[ChoiceSpec, ...] = ()
    items: tuple[dict[str, str], ...] = ()
    reference_replies: tuple[ReferenceReplySpec, ...] = ()
    revises: str = ""
    conversation: dict[str, Any] = field(default_factory=dict)  # a conversation's script


@dataclass(frozen=True)
class LessonSpec:
    slug: str
    title: str
    summary: str
    body: str
    source: str
    exercises: tuple[ExerciseSpec, ...] = ()

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True)
class StageSpec:
    slug: str
    title: str
    summary: str
    source: str
    lessons: tuple[LessonSpec, ...] = ()
    # One-page handouts: [{heading, points: [...]}] (see authoring/content/handouts.py).
    job_aid: tuple[dict[str, Any], ...] = ()
    manager_guide: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class DiagnosticSpec:
    """A skills check outside the stages: before the course (``pre``), after it (``post``)
    or a refresher ``after_days`` after completion. Its exercises are graded like any
    other, but count for no stage and no certificate."""

    slug: str
    kind: str
    title: str
    summary: str
    body: str
    source: str
    after_days: int | None = None
    exercises: tuple[ExerciseSpec, ...] = ()


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    summary: str
    styles: tuple[dict[str, Any], ...]
    stages: tuple[StageSpec, ...]
    content_hash: str
    diagnostics: tuple[DiagnosticSpec, ...] = ()

    @property
    def exercises(self) -> list[ExerciseSpec]:
        return [e for s in self.stages for lesson in s.lessons for e in lesson.exercises]

    @property
    def diagnostic_exercises(self) -> list[ExerciseSpec]:
        return [e for d in self.diagnostics for e in d.exercises]

    @property
    def lessons(self) -> list[LessonSpec]:
        return [lesson for s in self.stages for lesson in s.lessons]
