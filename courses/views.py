"""Course pages that need no learner path: certificate verification and stage handouts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.http import AuthedRequest

from . import selectors
from .handout_pdf import handout_pdf


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a code can check the certificate is genuine."""
    certificate = selectors.certificate_get(code)
    return render(request, "courses/certificate_verify.html", {"certificate": certificate})


def certificate_lookup(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("code", "")
    code = selectors.certificate_code(raw)
    if code:
        return redirect("courses:certificate", code=code)
    unknown = bool(raw.strip())  # not even the shape of a code: no certificate has it
    return render(
        request,
        "courses/certificate_lookup.html",
        {"unknown": unknown},
        status=404 if unknown else 200,
    )


HANDOUT_TITLES = {"job_aid": "Job aid", "manager_guide": "Manager's coaching guide"}


@login_required
@require_GET
def stage_handout(
    request: AuthedRequest, course_slug: str, stage_slug: str, handout: str
) -> HttpResponse:
    """A stage's job aid or manager's guide as a one-page PDF download."""
    stage = selectors.stage_with_handouts_get(course_slug=course_slug, stage_slug=stage_slug)
    sections = getattr(stage, handout)
    if not sections:
        raise Http404("This stage has no such handout.")
    pdf = handout_pdf(
        course=stage.course.title,
        stage=stage.title,
        title=HANDOUT_TITLES[handout],
        sections=sections,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{stage.course.slug}-{stage.slug}-{handout.replace('_', '-')}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
