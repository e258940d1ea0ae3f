"""Fixtures for the security tests; the cast itself is built in ``cast.py``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from courses.models import Course
from tests.api.conftest import make_learner, org  # noqa: F401  (fixtures reused)
from tests.hr.conftest import World, client_for, world  # noqa: F401  (fixtures reused)

from .cast import Cast, assert_unchanged, db_state, make_cast


@pytest.fixture
def cast(world: World, course: Course) -> Cast:  # noqa: F811
    return make_cast(world, course)


@pytest.fixture
def unchanged() -> Callable[[], Callable[[], None]]:
    """``check = unchanged()`` before a refused request; ``check()`` after it."""

    def start() -> Callable[[], None]:
        before = db_state()
        return lambda: assert_unchanged(before)

    return start
