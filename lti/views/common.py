"""What the platform-facing pages share: a refusal page, and being shown in a frame."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.lockout import client_address

from ..errors import LtiError, Refusal
from ..models import Platform
from ..services.launches import lti_refusal_record

# The refusal page and the Deep Linking picker are shown inside the platform's frame,
# and the picker posts its answer to the platform.
FRAMED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self' {form_action}; "
    "frame-ancestors {ancestor}"
)
# Requests with nothing of a launch in them (someone opening the URL by hand, a crawler)
# are refused without an audit entry: there is nothing to record.
UNAUDITED = {Refusal.REQUEST, Refusal.PICK, Refusal.CONTINUE}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else "'none'"


def framed(response: HttpResponse, ancestor: str = "*", form_action: str = "") -> HttpResponse:
    """Let the platform show this response in its frame: any site for a page without an
    action (a refusal), the platform's own origin for the Deep Linking pages."""
    csp = FRAMED_CSP.format(ancestor=ancestor, form_action=form_action).replace(" ;", ";")
    response.headers["Content-Security-Policy"] = csp
    response.xframe_options_exempt = True
    return response


def refused(request: HttpRequest, platform: Platform | None, error: LtiError) -> HttpResponse:
    """The page saying why, and an ``lti.refused`` audit entry."""
    if platform is not None or error.refusal not in UNAUDITED:
        lti_refusal_record(platform=platform, error=error, address=client_address(request))
    context = {"platform": platform, "error": error}
    return framed(render(request, "lti/refused.html", context, status=403))
