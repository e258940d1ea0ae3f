"""The URL patterns Django serves, and how a response is judged in the access matrix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

LOGIN = "login"  # 302 to /accounts/login/?next=…
ADMIN_LOGIN = "admin login"  # 302 to /admin/login/?next=…
REFUSED = {LOGIN, ADMIN_LOGIN, 401, 403, 404, 405}


def all_routes() -> set[str]:
    """Every URL pattern of ``lms.urls``, as route text: ``hr/learners/<int:learner_id>/``."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                assert isinstance(pattern, URLPattern)
                yield prefix + str(pattern.pattern)

    return set(walk(get_resolver("lms.urls").url_patterns, ""))


@dataclass(frozen=True)
class Case:
    """One request to one route, and the outcome expected for each role."""

    route: str  # the resolver's pattern, so every route can be checked off
    method: str
    url: str  # with {placeholders} from the cast's ids
    expect: dict[str, int | str]
    data: Callable[[dict[str, Any]], Any] | None = None  # built fresh for every request
    content_type: str | None = None  # None: form data (multipart)
    note: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url}{' ' + self.note if self.note else ''}"

    @property
    def writes(self) -> bool:
        return self.method in ("post", "patch", "put", "delete")


def outcome(response: HttpResponse) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
    return response.status_code


def csp_directives(policy: str) -> dict[str, set[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {name: set(values) for name, *values in parts}


# What every page's policy must say, whatever else a page relaxes (the API docs allow
# Swagger UI's inline styles): scripts only from our origin, no plugins, no framing.
REQUIRED_CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "frame-ancestors": {"'none'"},
}

# What an LMS shows inside its own page: the launch's refusal and the Deep Linking picker.
FRAMED_PATHS = ("/lti/login/", "/lti/launch/", "/lti/deep-linking/", "/lti/continue/")


def assert_html_has_csp(response: HttpResponse) -> None:
    """Every HTML page carries a strict Content-Security-Policy."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    policy = response.get("Content-Security-Policy", "")
    assert policy, "an HTML page without a Content-Security-Policy"
    directives = csp_directives(policy)
    required = dict(REQUIRED_CSP)
    if response.wsgi_request.path.startswith(FRAMED_PATHS):  # type: ignore[attr-defined]
        assert directives.get("frame-ancestors"), "a framed LTI page without frame-ancestors"
        del required["frame-ancestors"]
    for name, values in required.items():
        assert directives.get(name) == values, f"CSP {name} is {directives.get(name)}"
