"""Reads of the LTI app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve, reverse

from courses.models import Course, Enrollment, EnrollmentStatus, Lesson, Stage
from exercises.models import Exercise

from . import claims as c
from .errors import LtiError, Refusal
from .models import Platform, PlatformContext, ScorePost, ScoreStatus, TargetKind
from .services.launches import Target

TARGET_PARAMS = {"course", "stage", "exercise"}


def platforms_of(organisation_id: int) -> QuerySet[Platform]:
    return Platform.objects.filter(organisation_id=organisation_id).select_related("course")


def platform_of(organisation_id: int, platform_id: int) -> Platform:
    """One of the organisation's platforms, or 404 (another's looks like none)."""
    return get_object_or_404(platforms_of(organisation_id), pk=platform_id)


def platform_by_id(platform_id: int | None) -> Platform | None:
    """A platform to record a refusal against, if the request named one."""
    if platform_id is None:
        return None
    return Platform.objects.select_related("organisation").filter(pk=platform_id).first()


def platform_contexts(platform: Platform) -> QuerySet[PlatformContext]:
    """The platform's courses that launched Attune, for the roster section."""
    return platform.contexts.order_by("title", "context_id")


def _target_link_params(claims: dict[str, Any]) -> dict[str, str]:
    """What the link's target_link_uri names: a course or exercise page of Attune, or the
    launch URL with ``?course=``, ``?stage=`` or ``?exercise=`` (a platform lets the admin
    set it per link or placement)."""
    url = urlsplit(c.text(claims, c.TARGET_LINK_URI))
    params = {k: v[0] for k, v in parse_qs(url.query).items() if k in TARGET_PARAMS}
    try:
        match = resolve(url.path or "/")
    except Resolver404:
        return params
    if match.view_name == "learning:overview":
        return {"course": match.kwargs["course_slug"]}
    if match.view_name == "learning:exercise":
        return {"course": match.kwargs["course_slug"], "exercise": match.kwargs["slug"]}
    return params


@dataclass(frozen=True)
class ScoreSummary:
    """How grade passback to one platform stands, for HR's page."""

    sent: int
    waiting: int
    failed: int
    last_error: str


def score_summary(platform: Platform) -> ScoreSummary:
    posts = ScorePost.objects.filter(grade_link__platform=platform)
    counts = dict(posts.values_list("status").annotate(n=Count("pk")))
    latest_error = (
        posts.exclude(last_error="").order_by("-created_at").values_list("last_error", flat=True)
    ).first()
    return ScoreSummary(
        sent=counts.get(ScoreStatus.SENT, 0),
        waiting=counts.get(ScoreStatus.PENDING, 0) + counts.get(ScoreStatus.SENDING, 0),
        failed=counts.get(ScoreStatus.FAILED, 0),
        last_error=latest_error or "",
    )


def launch_target(platform: Platform, claims: dict[str, Any]) -> Target:
    """What the link opens: custom parameters ``course``, ``stage`` or ``exercise`` (slugs;
    Deep Linking writes them), else what its target link URI names, else the platform's
    course."""
    params = c.custom(claims)
    if not params.keys() & TARGET_PARAMS:
        params = _target_link_params(claims)
    course = platform.course
    if params.get("course") and params["course"] != course.slug:
        found = Course.objects.filter(slug=params["course"]).first()
        if found is None:
            raise LtiError(Refusal.TARGET, f"no course {params['course']!r}")
        course = found
    if params.get("exercise"):
        exercise = Exercise.objects.filter(
            course=course, slug=params["exercise"], is_active=True
        ).first()
        if exercise is None:
            raise LtiError(Refusal.TARGET, f"no exercise {params['exercise']!r} in {course.slug}")
        return Target(TargetKind.EXERCISE, course, exercise=exercise)
    if params.get("stage"):
        stage = Stage.objects.filter(course=course, slug=params["stage"], is_active=True).first()
        if stage is None:
            raise LtiError(Refusal.TARGET, f"no stage {params['stage']!r} in {course.slug}")
        return Target(TargetKind.STAGE, course, stage=stage)
    return Target(TargetKind.COURSE, course)


def target_url(target: Target) -> str:
    """The page a launch lands on: the exercise, the stage's first lesson, or the course."""
    if target.exercise is not None:
        return reverse("learning:exercise", args=[target.course.slug, target.exercise.slug])
    if target.stage is not None:
        lesson = Lesson.objects.filter(stage=target.stage, is_active=True).order_by("position")
        first = lesson.first()
        if first is not None:
            return reverse("learning:lesson", args=[target.course.slug, first.slug])
    return reverse("learning:overview", args=[target.course.slug])


def pickable_outline(course: Course) -> list[tuple[Stage, list[Exercise]]]:
    """The course's active stages with their active exercises, for the Deep Linking picker."""
    stages = list(Stage.objects.filter(course=course, is_active=True).order_by("position"))
    exercises = Exercise.objects.filter(
        course=course, is_active=True, lesson__stage__in=stages
    ).order_by("lesson__position", "position")
    by_stage: dict[int, list[Exercise]] = {s.pk: [] for s in stages}
    for exercise in exercises.select_related("lesson"):
        assert exercise.lesson is not None
        by_stage[exercise.lesson.stage_id].append(exercise)
    return [(stage, by_stage[stage.pk]) for stage in stages]


def platform_learner_standing(platform: Platform, course: Course) -> list[tuple[str, int]]:
    """How many of the people who launched Attune from ``platform`` are enrolled in
    ``course``, by status (label, count), for an instructor's launch. Counts only: an
    instructor sees each learner's score in the platform's gradebook, never their
    answers here. One query."""
    counts = dict(
        Enrollment.objects.filter(
            course=course, cancelled_at__isnull=True, user__lti_identities__platform=platform
        )
        .values_list("status")
        .annotate(learners=Count("pk", distinct=True))
        .values_list("status", "learners")
    )
    return [(status.label, counts.get(status.value, 0)) for status in EnrollmentStatus]
