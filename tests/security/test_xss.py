"""Stored XSS: script payloads typed into names, teams, answers, CSV files, credentials and
webhooks come back escaped on every page that shows them (the admin included), exports
keep spreadsheet formulas inert, and every HTML page carries the strict CSP."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from accounts.models import User
from courses.services.assignments import enrollment_change_due_date
from courses.services.enrollments import certificate_issue
from exercises.models import Submission
from hr.exports import FORMULA_START
from integrations.models import ApiClient, WebhookDelivery, WebhookSubscription
from lms.middleware import CONTENT_SECURITY_POLICY

from .cast import Cast
from .routes import REQUIRED_CSP, assert_html_has_csp, csp_directives

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "<svg/onload=alert(1)>"
JS_URL = "javascript:alert(1)"
# Raw fragments that must never reach a page: each would run script.
DANGEROUS = ["<script>alert", "<img src=x onerror", "<svg/onload", 'href="javascript:']


def assert_inert(body: str, *, shows: list[str], page: str) -> None:
    for fragment in DANGEROUS:
        assert fragment not in body, f"{page} renders {fragment!r} unescaped"
    for payload in shows:  # the payload is on the page, escaped: the check is not vacuous
        assert escape(payload) in body, f"{page} does not show {payload!r} (escaped)"


@pytest.fixture
def hostile(cast: Cast) -> Cast:
    """The cast with a payload in every field a person can type into."""
    w = cast.world
    User.objects.filter(pk=w.ana.pk).update(first_name=SCRIPT, last_name=IMG, employee_id=SVG)
    User.objects.filter(pk=w.manager.pk).update(first_name=IMG, last_name="Boss")
    User.objects.filter(pk=w.ana.pk).update(answers_shared_with="hr")
    w.phones.name = f"Phones {SVG}"
    w.phones.save()
    w.care.name = f"Care {SCRIPT}"
    w.care.save()
    w.ana.refresh_from_db()
    answer = f"Sorry Dana {SCRIPT} {IMG} {JS_URL} {SVG}"
    Submission.objects.filter(learner=w.ana).update(answer_text=answer)
    enrollment_change_due_date(
        enrollment=w.enrollments["ana"], due_at=None, actor=w.hr, reason=f"Leave {SCRIPT}"
    )
    cast.ids["ana_certificate"] = certificate_issue(enrollment=w.enrollments["ana"]).code
    WebhookSubscription.objects.filter(pk=cast.ids["north_hook"]).update(
        url=f"https://hooks.north.example/?q={IMG}",
        description=SCRIPT,
        disabled_reason=f"Receiver said {SVG}",
        disabled_at=timezone.now(),
        is_active=False,
    )
    WebhookDelivery.objects.filter(pk=cast.ids["delivery"]).update(last_error=f"HTTP 500: {IMG}")
    ApiClient.objects.filter(pk=cast.ids["north_client"]).update(name=SCRIPT)
    return cast


# (role, url, payloads the page must show escaped)
PAGES = [
    ("employee_a", "/", [SCRIPT]),  # the header names the person
    ("employee_a", "/accounts/privacy/", [SCRIPT]),
    ("employee_a", "/courses/{course}/exercises/{exercise}/", [SCRIPT, IMG, SVG]),
    ("employee_a", "/submissions/{ana_submission}/", [SCRIPT, IMG, SVG]),
    ("employee_a", "/courses/{course}/complete/", [SCRIPT, IMG]),
    ("anonymous", "/certificates/{ana_certificate}/", [SCRIPT, IMG]),
    ("hr", "/hr/", [SCRIPT, IMG]),
    ("hr", "/hr/?q=alert", [SCRIPT]),
    ("hr", "/hr/learners/{ana}/", [SCRIPT, IMG, SVG, f"Leave {SCRIPT}"]),
    ("hr", "/hr/assign/", [f"Care {SCRIPT}", f"Phones {SVG}"]),
    ("manager", "/hr/", [SCRIPT, IMG]),
    ("hr", "/integrations/", [SCRIPT, IMG, f"Receiver said {SVG}"]),
    ("hr", "/integrations/webhooks/{north_hook}/", [IMG, f"Receiver said {SVG}"]),
    ("staff", "/review/", [SCRIPT]),
    ("staff", "/review/{review_submission}/", [SCRIPT, IMG, SVG]),
    ("staff", "/admin/accounts/user/", [SCRIPT, IMG]),
    ("staff", "/admin/accounts/user/{ana}/change/", [SCRIPT, IMG]),
    ("hr", "/admin/accounts/user/{ana}/change/", [SCRIPT, IMG]),
    ("staff", "/admin/accounts/team/", [f"Phones {SVG}"]),
    ("staff", "/admin/accounts/department/", [f"Care {SCRIPT}"]),
    ("staff", "/admin/courses/enrollment/", [SCRIPT]),
    ("hr", "/admin/courses/enrollment/", [SCRIPT]),
    ("staff", "/admin/courses/certificate/", [SCRIPT]),
    ("staff", "/admin/exercises/submission/", [SCRIPT]),
    ("staff", "/admin/exercises/submission/{ana_submission}/change/", [SCRIPT, IMG, SVG]),
    ("staff", "/admin/integrations/apiclient/", [SCRIPT]),
    ("staff", "/admin/integrations/webhooksubscription/", [IMG]),
    ("staff", "/admin/integrations/webhooksubscription/{north_hook}/change/", [SCRIPT, IMG]),
    ("staff", "/admin/integrations/webhookdelivery/", [IMG]),
]


@pytest.mark.parametrize(("role", "url", "shows"), PAGES, ids=[f"{r} {u}" for r, u, _ in PAGES])
def test_payloads_render_escaped(hostile: Cast, role, url, shows):
    response = hostile.client(role).get(url.format(**hostile.ids))

    assert response.status_code == 200
    assert_html_has_csp(response)
    assert_inert(response.content.decode(), shows=shows, page=url)


def test_a_csv_import_with_payloads_is_shown_escaped(cast: Cast):
    """Names, departments and teams arriving by CSV are data, never markup."""
    hr = cast.client("hr")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([
        ["employee id", "email", "name", "department", "team"],
        [SVG, "eve@north.example", f"Eve {SCRIPT}", IMG, f"Night {SCRIPT}"],
        ["N-BAD", f"{SCRIPT}@x", "Bad Row", "", ""],  # a bad row echoes its value
    ])  # fmt: skip
    text = buffer.getvalue()
    data = {"file": SimpleUploadedFile("people.csv", text.encode()), "course": cast.course.pk,
            "import_valid_rows": "on", "create_teams": "on"}  # fmt: skip

    report = hr.post("/hr/import/", data)

    assert report.status_code == 200
    assert_inert(report.content.decode(), shows=[SCRIPT], page="import report")
    eve = User.objects.get(email="eve@north.example")
    for url in ("/hr/", f"/hr/learners/{eve.pk}/", "/hr/assign/"):
        response = hr.get(url)
        assert_html_has_csp(response)
        assert_inert(response.content.decode(), shows=[IMG], page=url)


@pytest.mark.parametrize(
    "url", [JS_URL, "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
            "ftp://hooks.example/x"],
)  # fmt: skip
def test_a_webhook_url_must_be_http(cast: Cast, unchanged, url):
    check = unchanged()

    response = cast.client("hr").post(
        "/integrations/webhooks/new/", {"url": url, "event_types": ["course.completed"]}
    )

    assert response.status_code == 200  # the form again, with the reason
    assert "errorlist" in response.content.decode()
    assert_inert(response.content.decode(), shows=[], page="webhook form")
    check()


def test_an_api_credential_named_with_a_script_is_shown_escaped(cast: Cast):
    hr = cast.client("hr")

    created = hr.post(
        "/integrations/credentials/new/",
        {"name": SCRIPT, "scopes": ["progress:read"], "lifetime_days": 30, "rate_limit": 60},
    )

    assert created.status_code == 200
    assert_inert(created.content.decode(), shows=[SCRIPT], page="new credential")
    assert_inert(hr.get("/integrations/").content.decode(), shows=[SCRIPT], page="overview")


def test_an_answer_with_markup_is_stored_as_typed_and_shown_as_text(cast: Cast):
    ana = cast.client("employee_a")
    answer = f"I'm sorry {SCRIPT} {IMG} {JS_URL}"

    response = ana.post(
        "/courses/{course}/exercises/{exercise}/submit/".format(**cast.ids),
        {"answer": answer, "client_token": str(uuid.uuid4())},
    )

    assert response.status_code == 302
    assert Submission.objects.filter(answer_text=answer).exists()
    page = ana.get("/courses/{course}/exercises/{exercise}/".format(**cast.ids))
    assert_inert(page.content.decode(), shows=[SCRIPT, IMG], page="exercise")


FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]  # fmt: skip


@pytest.fixture
def formulas(cast: Cast) -> Cast:
    """Every exported text column of a learner starts like a formula."""
    w = cast.world
    User.objects.filter(pk=w.ana.pk).update(
        first_name=FORMULAS[0], last_name=FORMULAS[1], employee_id=FORMULAS[2],
        email="@ana.example",
    )  # fmt: skip
    User.objects.filter(pk=w.manager.pk).update(first_name="", last_name=FORMULAS[3])
    w.phones.name, w.care.name = FORMULAS[4], FORMULAS[6]
    w.phones.save()
    w.care.save()
    w.north.name = FORMULAS[5]
    w.north.save()
    return cast


def _cells_starting_like_formulas(rows: list[list[object]]) -> list[object]:
    return [
        cell
        for row in rows[1:]  # the header is ours
        for cell in row
        if isinstance(cell, str) and cell[:1] in FORMULA_START
    ]


def test_the_csv_export_neutralises_formulas(formulas: Cast):
    response = formulas.client("hr").get("/hr/export.csv")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    ana = next(row for row in rows if "@ana.example" in row[3])
    assert _cells_starting_like_formulas(rows) == []
    assert ana[1] == "'" + FORMULAS[0]  # kept, as text
    assert any(cell.startswith("'=cmd") for cell in ana)


def test_the_xlsx_export_neutralises_formulas(formulas: Cast):
    response = formulas.client("hr").get("/hr/export.xlsx")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert _cells_starting_like_formulas(rows) == []
    assert any(value == "'" + FORMULAS[0] for row in rows for value in row)


def test_the_site_policy_is_the_strict_one():
    """The middleware's policy adds nothing to the required minimum but images/styles from
    our own origin (and data: images for the charts)."""
    directives = csp_directives(CONTENT_SECURITY_POLICY)

    assert directives == {**REQUIRED_CSP, "style-src": {"'self'"},
                          "img-src": {"'self'", "data:"}, "form-action": {"'self'"}}  # fmt: skip
