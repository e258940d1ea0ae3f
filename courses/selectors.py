"""Reads of the course catalogue, enrolments and certificates. What a learner may open
and what comes next is the learner's path, in ``learning.path``: it needs exercises."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User

from .models import Certificate, Course, Diagnostic, Enrollment, Stage


def enrollments_for(user: User) -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(user=user).select_related("course").order_by("course__title")


def courses_not_enrolled(user: User) -> QuerySet[Course]:
    """The courses ``user`` may still enrol in, by title."""
    return Course.objects.exclude(enrollments__user=user).order_by("title")


def enrollment_get(*, user: User, course_slug: str) -> Enrollment:
    """The learner's own enrolment in a course; 404 for a course they are not in."""
    return get_object_or_404(
        Enrollment.objects.select_related("course", "user"), user=user, course__slug=course_slug
    )


def stage_with_handouts_get(*, course_slug: str, stage_slug: str) -> Stage:
    """An active stage of a course, for its job aid and manager's guide; 404 otherwise.
    Handouts are teaching material, not progress: anyone signed in may read them."""
    return get_object_or_404(
        Stage.objects.select_related("course"),
        course__slug=course_slug,
        slug=stage_slug,
        is_active=True,
    )


def handout_stages() -> list[Stage]:
    """Every active stage with its course, for the HR page's list of handouts (one query)."""
    return list(
        Stage.objects.filter(is_active=True)
        .select_related("course")
        .order_by("course__title", "position")
    )


def diagnostics_for(course: Course) -> list[Diagnostic]:
    """The course's active skills checks, pre first, then post, then refreshers."""
    return list(Diagnostic.objects.filter(course=course, is_active=True).order_by("position"))


def current_certificate(enrollment: Enrollment) -> Certificate | None:
    return enrollment.certificates.order_by("-issued_at").first()


# Codes are letters, digits and dashes; anything else (a NUL, which PostgreSQL cannot
# compare, or a "/", which no URL can carry) names no certificate.
CERTIFICATE_CODE = re.compile(r"[A-Z0-9-]{1,32}")


def certificate_code(raw: str) -> str | None:
    """The code as stored, or None if ``raw`` cannot be a certificate code."""
    code = raw.strip().upper()
    return code if CERTIFICATE_CODE.fullmatch(code) else None


def certificate_get(code: str) -> Certificate:
    wanted = certificate_code(code)
    if wanted is None:
        raise Http404("No certificate has this code.")
    return get_object_or_404(Certificate.objects.select_related("enrollment__course"), code=wanted)
