"""Fixtures for the exercises tests."""

from __future__ import annotations

import pytest

from accounts.models import User
from courses.models import Enrollment
from tests.exercises.conversations import start_enrollment


@pytest.fixture
def talker(learner: User) -> Enrollment:
    """The learner, enrolled in the one-conversation course (Rosa's late parcel)."""
    return start_enrollment(learner)
