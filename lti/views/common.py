"""What the platform-facing pages share: a refusal page, and being shown in a frame."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.lockout import client_address

from ..errors import LtiError
from ..models import Platform
from ..services.launches import lti_refusal_record

# The refusal page and the Deep Linking picker are shown inside the platform's frame,
# and the picker posts its answer to the platform.
FRAMED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self' https: http:; frame-ancestors *"
)


def framed(response: HttpResponse) -> HttpResponse:
    """Let the platform show this response in its frame."""
    response.headers["Content-Security-Policy"] = FRAMED_CSP
    response.xframe_options_exempt = True
    return response


def refused(request: HttpRequest, platform: Platform | None, error: LtiError) -> HttpResponse:
    """The page saying why, and an ``lti.refused`` audit entry."""
    lti_refusal_record(platform=platform, error=error, address=client_address(request))
    context = {"platform": platform, "error": error}
    return framed(render(request, "lti/refused.html", context, status=403))
