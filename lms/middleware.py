"""Cross-cutting HTTP behaviour for every response."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Everything is served from our own origin: no CDN, no inline script. Inline styles
# are not needed either; the progress bar uses a <progress> element.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Set a strict Content-Security-Policy unless a view chose its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BAD_ENCODING = (
    "What was sent is not valid UTF-8 text, so it could not be read without changing it. "
    "Nothing was saved. Copy the text into the form again (or save the file as UTF-8) and "
    "send it once more."
)


class BadFormEncodingMiddleware:
    """Refuse (400) a form whose bytes are not UTF-8, instead of storing the text with
    its damaged characters replaced by U+FFFD.

    URL-encoded bodies are decoded strictly. Multipart fields are parsed by Django with
    replacement; a U+FFFD in a field means either damage or a pasted replacement
    character, and neither is text worth storing. Uploaded files are checked where they
    are read (the people import).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("POST", "PUT", "PATCH") and not form_is_utf8(request):
            return render(request, "400.html", {"reason": BAD_ENCODING}, status=400)
        return self.get_response(request)


def form_is_utf8(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    if content_type == FORM_TYPES[0]:
        # Django would fall back to ISO-8859-1 for the whole body (every é of an otherwise
        # UTF-8 form turned into Ã©); decode each field strictly instead.
        try:
            for field in request.body.split(b"&"):
                unquote_to_bytes(field.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    if content_type == FORM_TYPES[1]:
        return not any("\ufffd" in value for values in request.POST.lists() for value in values[1])
    return True
