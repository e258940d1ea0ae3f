"""Running an access-matrix case: one request per role, each rolled back afterwards."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.http import HttpResponse

from .cast import Cast, assert_unchanged, db_state
from .routes import REFUSED, Case, assert_html_has_csp, outcome


def send(cast: Cast, case: Case, role: str) -> HttpResponse:
    client = cast.client(role)
    url = case.url.format(**cast.ids)
    call = getattr(client, case.method)
    if case.data is None:
        return call(url, headers=case.headers)  # type: ignore[no-any-return]
    data = case.data(cast.ids)
    if case.content_type:
        return call(  # type: ignore[no-any-return]
            url, json.dumps(data), content_type=case.content_type, headers=case.headers
        )
    return call(url, data, headers=case.headers)  # type: ignore[no-any-return]


def _api_body_agrees(response: HttpResponse, got: int | str) -> str:
    """API refusals keep the documented error shape."""
    if not response.get("Content-Type", "").startswith("application/json"):
        return ""
    codes = {401: {"not_authenticated", "invalid_credentials"}, 403: {"missing_scope"},
             404: {"not_found"}}  # fmt: skip
    if got in codes:
        body: Any = json.loads(response.content)
        if body.get("code") not in codes[got] or not body.get("message"):
            return f"error body {body}"
        if got == 401 and not response.get("WWW-Authenticate", "").startswith("Bearer"):
            return "401 without a Bearer challenge"
    return ""


def run(cast: Cast, case: Case) -> list[str]:
    """Every role's outcome that differs from the matrix (empty when all agree)."""
    problems = []
    for role, expected in case.expect.items():
        try:
            with transaction.atomic():
                before = db_state() if case.writes and expected in REFUSED else None
                response = send(cast, case, role)
                got = outcome(response)
                if got != expected:
                    problems.append(f"{role}: expected {expected}, got {got}")
                elif before is not None:
                    assert_unchanged(before)
                problem = _api_body_agrees(response, got)
                if problem:
                    problems.append(f"{role}: {problem}")
                assert_html_has_csp(response)
                transaction.set_rollback(True)  # the next role finds the same world
        except Exception as error:  # a 500 in the test client, or a failed check
            problems.append(f"{role}: {type(error).__name__}: {error}")
    return problems
