"""Keeping ``Enrollment.updated_at`` exact for integrators' incremental syncs.

An enrolment, as the API returns it, also shows its learner's employee id and name, its
course's slug and the course outline (stage and exercise titles). A write that changes
one of those elsewhere calls one of these in the same transaction, so the enrolment's
``updated_at`` (and so its ETag and the next ``updated_since`` sync) moves with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from courses.models import Enrollment

# The learner fields an enrolment shows (``display_name`` falls back to the username).
LEARNER_FIELDS_SHOWN = frozenset({"employee_id", "first_name", "last_name", "username"})


@transaction.atomic
def enrollments_touch(
    *,
    enrollment_ids: Iterable[int] = (),
    learner_ids: Iterable[int] = (),
    course_id: int | None = None,
) -> int:
    """Mark ``enrollment_ids``, the enrolments of ``learner_ids`` and of the course
    ``course_id`` as changed now. One UPDATE; returns how many enrolments moved."""
    which = Q(pk__in=list(enrollment_ids)) | Q(user_id__in=list(learner_ids))
    if course_id is not None:
        which |= Q(course_id=course_id)
    return Enrollment.objects.filter(which).update(updated_at=timezone.now())
