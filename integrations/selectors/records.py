"""What the API returns about enrolments and progress, as plain records.

Scores, states and dates only: nothing here ever reads a learner's answer text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class LearnerRef:
    id: int | None
    employee_id: str | None
    name: str


@dataclass(frozen=True)
class StageRecord:
    slug: str
    title: str
    position: int
    state: str
    completed_at: datetime | None


@dataclass(frozen=True)
class CriterionRecord:
    criterion: str
    label: str
    level: int
    max_level: int


@dataclass(frozen=True)
class ExerciseRecord:
    slug: str
    title: str
    stage: str
    kind: str
    attempts: int
    best_score: float | None
    passed: bool
    passed_at: datetime | None
    criteria: list[CriterionRecord]


@dataclass(frozen=True)
class CertificateRecord:
    code: str
    issued_at: datetime
    verification_url: str


@dataclass(frozen=True)
class ProgressRecord:
    """One learner in one course; ``deleted`` marks a tombstone (cancelled or removed)."""

    id: int
    learner: LearnerRef
    course: str
    status: str
    deleted: bool
    updated_at: datetime
    percent: int = 0
    enrolled_at: datetime | None = None
    started_at: datetime | None = None
    due_at: datetime | None = None
    completed_at: datetime | None = None
    cancelled_at: datetime | None = None
    overdue: bool = False
    certificate: CertificateRecord | None = None
    stages: list[StageRecord] = field(default_factory=list)
    exercises: list[ExerciseRecord] = field(default_factory=list)
