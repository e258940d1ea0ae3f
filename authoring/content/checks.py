"""Field checks that collect every problem instead of stopping at the first."""

from __future__ import annotations

import re
from typing import Any

from .spec import ContentProblem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Checker:
    """Reads fields from parsed YAML, recording a problem for each bad one."""

    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []

    def fail(self, file: str, field: str, reason: str) -> None:
        self.problems.append(ContentProblem(file, field, reason))

    def text(
        self, data: dict[str, Any], key: str, file: str, where: str, *, required: bool = True
    ) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(file, f"{where}{key}", "is required and must not be empty")
            return ""
        if not isinstance(value, str | int | float):
            self.fail(file, f"{where}{key}", f"must be text, not {type(value).__name__}")
            return ""
        return str(value).strip()

    def slug(self, data: dict[str, Any], file: str, where: str = "") -> str:
        value = self.text(data, "slug", file, where)
        if value and not SLUG.match(value):
            self.fail(file, f"{where}slug", f"{value!r} must be lowercase letters, digits and -")
        return value

    def mapping(self, value: Any, file: str, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(file, field, "must be a mapping of keys to values")
            return {}
        return value

    def sequence(self, value: Any, file: str, field: str, *, required: bool = False) -> list[Any]:
        if value is None:
            if required:
                self.fail(file, field, "is required")
            return []
        if not isinstance(value, list):
            self.fail(file, field, "must be a list")
            return []
        return value

    def unique(self, slugs: list[str], file: str, field: str) -> None:
        seen: set[str] = set()
        for slug in slugs:
            if slug and slug in seen:
                self.fail(file, field, f"slug {slug!r} is used more than once")
            seen.add(slug)
