"""Names and Role Provisioning: pre-create a platform course's learners."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import requests
from django.db import transaction
from django.utils import timezone
from pylti1p3.exception import LtiException
from pylti1p3.names_roles import NamesRolesProvisioningService

from courses.services.enrollments import enrollment_start
from lms.queueing import publish_after_commit

from .. import claims as c
from ..connector import PlatformConnector
from ..errors import LtiError, Refusal
from ..models import Platform, PlatformContext
from .launches import lti_user_resolve

logger = logging.getLogger(__name__)
LEARNER = "Learner"


def _is_learner(member: Mapping[str, Any]) -> bool:
    roles = member.get("roles") or []
    return member.get("status", "Active") == "Active" and any(
        isinstance(r, str) and r.rsplit("#", 1)[-1] == LEARNER for r in roles
    )


@transaction.atomic
def context_record(*, platform: Platform, claims: dict[str, Any]) -> PlatformContext | None:
    """Remember the launch's course and its roster URL, when the platform offers one."""
    service, context = claims.get(c.NRPS), claims.get(c.CONTEXT)
    if not isinstance(service, dict) or not isinstance(context, dict):
        return None
    url, context_id = service.get("context_memberships_url"), context.get("id")
    if not isinstance(url, str) or not context_id:
        return None
    found, _ = PlatformContext.objects.update_or_create(
        platform=platform,
        context_id=str(context_id)[:255],
        defaults={"memberships_url": url[:500], "title": str(context.get("title", ""))[:255]},
    )
    return found


def rosters_sync_queue(*, platform: Platform) -> int:
    """Queue a roster sync for each course the platform has launched Attune from (after
    commit); how many were queued."""
    from ..tasks import lti_roster_sync

    context_ids = list(platform.contexts.values_list("pk", flat=True))

    for context_id in context_ids:  # the broker is down: HR can press the button again
        publish_after_commit(lti_roster_sync, context_id)
    return len(context_ids)


def roster_sync(*, context_id: int) -> int:
    """Read the course's membership and make each active learner a learner of the
    platform's organisation, enrolled in its course (matched as a launch would be).
    Members who cannot be matched (another organisation, no email) are skipped and
    logged. Returns how many learners are now enrolled."""
    context = PlatformContext.objects.select_related(
        "platform__organisation", "platform__course"
    ).get(pk=context_id)
    platform = context.platform
    service = NamesRolesProvisioningService(
        PlatformConnector(platform),
        {"context_memberships_url": context.memberships_url, "service_versions": ["2.0"]},  # type: ignore[typeddict-unknown-key]
    )
    try:
        members = service.get_members()
    except (LtiException, requests.RequestException, ValueError) as error:
        raise LtiError(Refusal.UNREACHABLE, f"roster of {context}: {error}") from error
    enrolled = 0
    for member in members:
        if not _is_learner(member):
            continue
        claims = {"sub": member.get("user_id"), **member}
        try:
            user = lti_user_resolve(platform=platform, claims=claims)
        except LtiError as error:
            logger.warning("Roster of %s: %s skipped (%s)", context, member.get("user_id"), error)
            continue
        enrollment_start(user=user, course=platform.course)
        enrolled += 1
    context.last_synced_at = timezone.now()
    context.save(update_fields=["last_synced_at"])
    return enrolled
