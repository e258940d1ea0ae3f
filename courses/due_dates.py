"""The one rule for a due date, wherever it is set (HR pages, CSV import, the API)."""

from __future__ import annotations

from datetime import date

# Two years: a course is due within a review cycle or two; a date further out is a typo
# (4067 for 2026) rather than a plan.
MAX_DAYS_AHEAD = 730


def due_date_problem(day: date, *, today: date) -> str | None:
    """Why ``day`` cannot be a due date, or None when it can."""
    if day < today:
        return f"{day.isoformat()} is in the past"
    if (day - today).days > MAX_DAYS_AHEAD:
        return f"{day.isoformat()} is more than {MAX_DAYS_AHEAD // 365} years ahead"
    return None
