"""Learner pages for the skills checks: one check and its customers, and the results."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.http import AuthedRequest
from courses import selectors as course_selectors
from courses.measure import criterion_changes
from courses.models import Diagnostic
from exercises import check_results
from exercises.grading import CRITERION_LABELS, RUBRICS
from learning import path


@login_required
@require_GET
def check_detail(request: AuthedRequest, course_slug: str, slug: str) -> HttpResponse:
    """A check's introduction and its exercises; 404 unless it is open or already begun."""
    enrollment = course_selectors.enrollment_get(user=request.user, course_slug=course_slug)
    checks = {c.slug: c for c in course_selectors.diagnostics_for(enrollment.course)}
    check = checks.get(slug)
    if check is None:
        raise Http404("No such check.")
    course = path.course_map(enrollment.course)
    progress = path.enrollment_progress(enrollment, course)
    exercises = check_results.check_exercises(check)
    answers = check_results.first_answers(learner=request.user, exercises=exercises)
    is_open = path.diagnostic_is_open(enrollment, check, course, progress)
    if not is_open and not answers:
        raise Http404("This check is not open to you.")
    return render(
        request,
        "learning/check.html",
        {
            "course": enrollment.course,
            "check": check,
            "open": is_open,
            "rows": [{"exercise": e, "answer": answers.get(e.pk)} for e in exercises],
        },
    )


@login_required
@require_GET
def check_results_page(request: AuthedRequest, course_slug: str) -> HttpResponse:
    """The learner's own change per criterion: before against after the course, and each
    refresher against the after-course check."""
    enrollment = course_selectors.enrollment_get(user=request.user, course_slug=course_slug)
    checks = course_selectors.diagnostics_for(enrollment.course)
    levels = check_results.levels_by_check(learner=request.user, diagnostics=checks)
    by_kind = {c.kind: c for c in checks if c.kind in ("pre", "post")}
    pre, post = by_kind.get("pre"), by_kind.get("post")
    post_levels = levels.get(post.pk, {}) if post else {}
    comparisons = []
    if pre and post:
        comparisons.append(
            {
                "title": f"{pre.title} → {post.title}",
                "before": pre,
                "after": post,
                "labels": (_short(pre), _short(post)),
                "rows": _rows(levels.get(pre.pk, {}), post_levels),
            }
        )
    for refresher in (c for c in checks if c.kind == "refresher"):
        if post:
            comparisons.append(
                {
                    "title": f"{post.title} → {refresher.title}",
                    "before": post,
                    "after": refresher,
                    "labels": (_short(post), _short(refresher)),
                    "rows": _rows(post_levels, levels.get(refresher.pk, {})),
                }
            )
    return render(
        request,
        "learning/check_results.html",
        {
            "course": enrollment.course,
            "comparisons": comparisons,
        },
    )


def _short(check: Diagnostic) -> str:
    """A column heading that fits a phone: "Before", "After", "At 14 days"."""
    if check.kind == "refresher":
        return f"At {check.after_days} days"
    return "Before" if check.kind == "pre" else "After"


def _rows(before: dict[str, list[int]], after: dict[str, list[int]]) -> list[dict[str, object]]:
    """One table row per reply criterion: its label and the two mean levels."""
    return [
        {"label": CRITERION_LABELS.get(c.criterion, c.criterion), "change": c}
        for c in criterion_changes(before, after, order=RUBRICS["customer_reply"])
    ]
