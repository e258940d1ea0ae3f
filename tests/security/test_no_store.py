"""HR pages and exports, and the integration pages that show credentials, tell browsers
and proxies to keep no copy (``Cache-Control: no-store``): a shared computer's back
button or a caching proxy must not show people's progress or a secret to the next person."""

from __future__ import annotations

import pytest

from .cast import Cast
from .matrix import send
from .test_access_matrix import CASES

pytestmark = pytest.mark.django_db

PRIVATE = [c for c in CASES if c.route.startswith(("hr/", "integrations/"))]


def test_every_hr_and_integrations_answer_is_no_store(cast: Cast):
    checked = []
    for case in PRIVATE:
        for role in ("hr", "staff"):
            response = send(cast, case, role)
            if response.status_code in (200, 302):
                checked.append((case.id, role))
                assert "no-store" in response.get("Cache-Control", ""), (case.id, role)
    routes = {case_id for case_id, _ in checked}
    assert any("export.csv" in r for r in routes) and any("export.xlsx" in r for r in routes)
    assert any(r.startswith("GET /integrations/") for r in routes)
    assert len(routes) >= 15
