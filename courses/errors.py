"""The courses app's domain error: a lesson or exercise in a stage still locked.

The learner is enrolled and the item exists, so it is not a 404: the page says it is
locked and which stage to finish (403, ``courses/locked.html``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Course, Stage


class StageLocked(Exception):
    def __init__(self, *, course: Course, locked: Stage, to_finish: Stage | None) -> None:
        super().__init__(f"The stage {locked.title} is locked.")
        self.course, self.locked, self.to_finish = course, locked, to_finish


def locked_response(request: HttpRequest, error: StageLocked, *, what: str) -> HttpResponse:
    """The 403 page for ``what`` ("lesson", "exercise") in a locked stage."""
    return render(
        request,
        "courses/locked.html",
        {
            "what": what,
            "course": error.course,
            "locked": error.locked,
            "to_finish": error.to_finish,
        },
        status=403,
    )
