"""The LTI 1.3 claim names Attune reads, and small readers of them (no database)."""

from __future__ import annotations

from typing import Any

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
MESSAGE_TYPE = LTI + "message_type"
DEPLOYMENT_ID = LTI + "deployment_id"
ROLES = LTI + "roles"
CUSTOM = LTI + "custom"
RESOURCE_LINK = LTI + "resource_link"
CONTEXT = LTI + "context"
TARGET_LINK_URI = LTI + "target_link_uri"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DEEP_LINKING = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"

SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
MEMBERSHIP_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
# Roles that may choose what a link opens (Deep Linking), membership roles included.
INSTRUCTOR_ROLES = ("Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant")
# Roles that take the course: the context's Learner, the institution's Student (LIS v2).
LEARNER_ROLES = ("Learner", "Student")


def text(claims: dict[str, Any], name: str) -> str:
    value = claims.get(name)
    return str(value).strip() if isinstance(value, str | int) else ""


def custom(claims: dict[str, Any]) -> dict[str, str]:
    """The custom parameters; a platform's unresolved substitution ($User.id) is none."""
    values = claims.get(CUSTOM)
    if not isinstance(values, dict):
        return {}
    return {
        str(k): str(v).strip()
        for k, v in values.items()
        if isinstance(v, str | int) and not str(v).startswith("$")
    }


def _has_role(claims: dict[str, Any], names: tuple[str, ...]) -> bool:
    roles = claims.get(ROLES) or []
    return any(isinstance(role, str) and role.rsplit("#", 1)[-1] in names for role in roles)


def is_instructor(claims: dict[str, Any]) -> bool:
    return _has_role(claims, INSTRUCTOR_ROLES)


def teaches_only(claims: dict[str, Any]) -> bool:
    """An instructor (teacher, administrator, designer) who is not also a learner of the
    platform's course: they look at the link, they do not take the course."""
    return is_instructor(claims) and not _has_role(claims, LEARNER_ROLES)
