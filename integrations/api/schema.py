"""drf-spectacular hooks: only the integrator API, with the guide as its description."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DESCRIPTION = Path(__file__).with_name("DESCRIPTION.md")


def only_integrator_api(endpoints: list[tuple[Any, ...]], **_: Any) -> list[tuple[Any, ...]]:
    return [e for e in endpoints if e[0].startswith("/api/v1/") and "/schema" not in e[0]]


def describe(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    result["info"]["description"] = DESCRIPTION.read_text()
    return result
