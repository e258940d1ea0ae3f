"""Waiting on a condition with a deadline: what tests do instead of sleeping a fixed time
or asserting on how long something took."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    condition: Callable[[], T], timeout: float = 20, what: str = "", interval: float = 0.05
) -> T:
    """Call ``condition`` until it returns something truthy and return that; fail with
    ``what`` if it has not within ``timeout`` seconds. The deadline only bounds a test
    that is going to fail anyway: a passing test never waits for it."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(interval)
