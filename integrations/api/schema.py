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


# DRF refuses NUL in every CharField (PostgreSQL text cannot hold it); a request schema
# that did not say so would promise that some refused strings are valid.
NO_NUL = r"^[^\x00]*$"


def no_nul_in_request_text(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    """State the NUL rule on every free-text string a request body accepts."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):
            continue
        for field in component.get("properties", {}).values():
            types = field.get("type")
            is_text = types == "string" or (isinstance(types, list) and "string" in types)
            if is_text and not {"pattern", "format", "enum"} & field.keys():
                field["pattern"] = NO_NUL
    return result
