"""A verified launch becomes a learner of the platform's organisation, enrolled and on
the page the link points at; a refused one becomes an audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from accounts.models import User
from accounts.provisioning import (
    NotVouched,
    Vouching,
    email_held_elsewhere,
    organisation_learner_create,
    organisation_members_with,
    vouched_account,
)
from courses.models import Course, Enrollment, Stage
from courses.services.enrollments import enrollment_start
from exercises.models import Exercise

from .. import claims as c
from ..errors import LtiError, Refusal
from ..models import GradeLink, LtiIdentity, MatchClaim, Platform


@dataclass(frozen=True)
class Target:
    """What a link opens: the course, one stage, or one exercise."""

    kind: str
    course: Course
    stage: Stage | None = None
    exercise: Exercise | None = None


def _matching_members(platform: Platform, claims: dict[str, Any]) -> tuple[str, list[User]]:
    """The value that identifies the person, and the organisation's accounts with it."""
    organisation_id = platform.organisation_id
    if platform.match_claim == MatchClaim.EMPLOYEE_ID:
        value = c.custom(claims).get(platform.employee_id_claim, "")
        if not value:
            raise LtiError(Refusal.CLAIMS, f"no custom {platform.employee_id_claim!r} parameter")
        return value, organisation_members_with(organisation_id=organisation_id, employee_id=value)
    value = c.text(claims, "email").lower()
    if not value:
        raise LtiError(Refusal.CLAIMS, "no 'email' claim (the platform does not share it)")
    return value, organisation_members_with(organisation_id=organisation_id, email=value)


def _learner_create(platform: Platform, claims: dict[str, Any], value: str) -> User:
    email = c.text(claims, "email").lower()
    if email_held_elsewhere(email=email, organisation_id=platform.organisation_id):
        raise LtiError(
            Refusal.OTHER_ORGANISATION, f"{email} has an account outside the organisation"
        )
    return organisation_learner_create(
        organisation_id=platform.organisation_id,
        username_base=email or f"{platform.organisation.slug}-lti-{value}",
        email=email,
        first_name=c.text(claims, "given_name"),
        last_name=c.text(claims, "family_name"),
        employee_id=c.custom(claims).get(platform.employee_id_claim, ""),
    )


@transaction.atomic
def lti_user_resolve(*, platform: Platform, claims: dict[str, Any]) -> User:
    """The account of the platform's organisation that launched ``claims`` belong to:
    a known subject, else the organisation's account with the same email (or employee
    id), else a new learner when the platform creates accounts. Never an account of
    another organisation. Raises ``LtiError`` otherwise."""
    subject = c.text(claims, "sub")
    if not subject:
        raise LtiError(Refusal.CLAIMS, "no 'sub' claim")
    vouching = Vouching(
        organisation_id=platform.organisation_id,
        identities=LtiIdentity.objects.filter(platform=platform, subject=subject),
        identity_link=lambda user: LtiIdentity.objects.create(
            platform=platform, subject=subject, user=user
        ),
        seen_field="last_launched_at",
        match=lambda: _matching_members(platform, claims),
        create=(lambda value: _learner_create(platform, claims, value))
        if platform.create_accounts
        else None,
        audit_label="LTI launch",
        audit_prefix="lti",
        audit_reason=lambda value: (
            f"First launch from {platform.name} ({platform.issuer}) as {subject} ({value})"
        ),
    )
    try:
        return vouched_account(vouching)
    except NotVouched as refused:
        raise LtiError(Refusal(refused.refusal), refused.detail) from refused


def _grade_link_record(
    *, platform: Platform, enrollment: Enrollment, claims: dict[str, Any], target: Target
) -> GradeLink | None:
    """Remember the link's gradebook column when the platform offers one and lets us
    post scores to it; the first score (the current result) is recorded at once."""
    from ..scores.outbox import score_record

    endpoint = claims.get(c.AGS_ENDPOINT)
    if not isinstance(endpoint, dict):
        return None
    lineitem, scopes = endpoint.get("lineitem"), endpoint.get("scope") or []
    if not isinstance(lineitem, str) or c.SCORE_SCOPE not in scopes:
        return None
    link, _ = GradeLink.objects.update_or_create(
        enrollment=enrollment,
        lineitem_url=lineitem[:500],
        defaults={
            "platform": platform,
            "subject": c.text(claims, "sub"),
            "scopes": [s for s in scopes if isinstance(s, str)],
            "target": target.kind,
            "stage": target.stage,
            "exercise": target.exercise,
        },
    )
    score_record(grade_link_id=link.pk)
    return link


@transaction.atomic
def lti_launch_land(
    *, platform: Platform, user: User, claims: dict[str, Any], target: Target
) -> Enrollment:
    """Enrol the launched learner in the target's course (idempotent) and bind the link's
    gradebook column to the enrolment."""
    from .roster import context_record

    enrollment = enrollment_start(user=user, course=target.course)
    context_record(platform=platform, claims=claims)
    _grade_link_record(platform=platform, enrollment=enrollment, claims=claims, target=target)
    return enrollment


@transaction.atomic
def lti_refusal_record(*, platform: Platform | None, error: LtiError, address: str) -> None:
    """Audit a refused launch with what failed and where it came from."""
    from activity.services import audit_record

    audit_record(
        actor=None,
        actor_label="LTI launch",
        action="lti.refused",
        target=platform if platform is not None else _NoPlatform(),
        reason=f"{error.refusal.label} ({error.refusal.value}): {error.detail}; from {address}",
        changes={"refusal": [None, error.refusal.value]},
        organisation_id=platform.organisation_id if platform is not None else None,
    )


class _NoPlatform:
    """The target of a refusal that named no registered platform."""

    pk = "unknown"


_NoPlatform.__name__ = "Platform"
