"""Tombstones for enrolments deleted outright (an admin deleting a learner cascades).

A signal, not a service, because cascading deletes never pass through our services;
cancellations go through ``enrollment_cancel`` and keep their row instead.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from courses.models import Enrollment

from .models import Tombstone


@receiver(post_delete, sender=Enrollment, dispatch_uid="integrations_enrollment_tombstone")
def _enrollment_deleted(sender: type[Enrollment], instance: Enrollment, **_: Any) -> None:
    user = instance.user
    if user.organisation_id is None:
        return
    Tombstone.objects.update_or_create(
        enrollment_id=instance.pk,
        defaults={
            "organisation_id": user.organisation_id,
            "employee_id": user.employee_id,
            "course_slug": instance.course.slug,
            "completed_at": instance.completed_at,
            "deleted_at": timezone.now(),
        },
    )
