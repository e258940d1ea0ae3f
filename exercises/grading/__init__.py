"""The grading engine: pure Python, importable and testable without Django."""

from .contract import (
    CRITERION_LABELS,
    MAX_LEVEL,
    RUBRICS,
    CriterionResult,
    GradingError,
    GradingRequest,
    GradingResult,
    Listening,
    Span,
)
from .engine import GRADER_VERSION, grade

__all__ = [
    "CRITERION_LABELS",
    "GRADER_VERSION",
    "MAX_LEVEL",
    "RUBRICS",
    "CriterionResult",
    "GradingError",
    "GradingRequest",
    "GradingResult",
    "Listening",
    "Span",
    "grade",
]
