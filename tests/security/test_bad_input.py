"""Hostile and broken input: oversized bodies, invalid UTF-8, NUL bytes, a 10,001-character
answer, malformed CSV files and malformed JSON get a clear 4xx with a message, nothing is
written, and nothing is a 500 (the test client would raise it)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hr.csv_rows import MAX_BYTES, MAX_ROWS

from .cast import Cast
from .routes import assert_html_has_csp

pytestmark = pytest.mark.django_db

SUBMIT = "/courses/mini-empathy/exercises/reply-double-charge/submit/"
FORM = "application/x-www-form-urlencoded"


def token() -> bytes:
    return f"&client_token={uuid.uuid4()}".encode()


# --- answers -----------------------------------------------------------------------------

TOO_BIG = settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"answer=" + b"a" * 10_001, "the limit is 10,000"),
        (b"answer=Sorry%00Dana", "control characters"),
        (b"answer=Sorry\x00Dana", "control characters"),
        (b"answer=Sorry%FF%FE Dana", "could not be read"),  # percent-encoded, not UTF-8
        (b"answer=%ED%A0%80", "could not be read"),  # a UTF-16 surrogate, invalid in UTF-8
        (b"answer=" + b"a" * TOO_BIG, "too large"),  # past DATA_UPLOAD_MAX_MEMORY_SIZE
        (b"&".join(b"f%d=1" % i for i in range(1_001)), "too many fields"),
    ],
    ids=["10001 chars", "NUL encoded", "NUL raw", "bad UTF-8 encoded",
         "surrogate", "oversized body", "1001 fields"],
)  # fmt: skip
def test_a_bad_answer_is_refused_with_a_reason_and_nothing_is_stored(
    cast: Cast, unchanged, body, message
):
    check = unchanged()

    response = cast.client("employee_a").post(SUBMIT, body + token(), content_type=FORM)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert_html_has_csp(response)
    check()


@pytest.mark.parametrize(
    "body",
    [
        b"answer=Sorry Zo\xeb, I've refunded it",  # ISO-8859-1 from a misbehaving client
        "answer=Sorry Zoë, I".encode() + b"\xff've refunded it",  # one stray byte in UTF-8
    ],
    ids=["latin-1", "stray byte"],
)
def test_raw_bytes_that_are_not_utf8_are_refused_not_stored_garbled(cast: Cast, unchanged, body):
    """Django would decode the whole body as ISO-8859-1 (the second body's ë stored as
    Ã«): refuse it with a reason instead, and store nothing."""
    check = unchanged()

    response = cast.client("employee_a").post(SUBMIT, body + token(), content_type=FORM)

    assert response.status_code == 400
    assert "not valid UTF-8" in response.content.decode()
    check()


def test_a_multipart_field_that_is_not_utf8_is_refused(cast: Cast, unchanged):
    check = unchanged()
    body = (
        b'--b\r\nContent-Disposition: form-data; name="answer"\r\n\r\nSorry Zo\xeb\r\n'
        b'--b\r\nContent-Disposition: form-data; name="client_token"\r\n\r\n'
        + str(uuid.uuid4()).encode()
        + b"\r\n--b--\r\n"
    )

    response = cast.client("employee_a").post(
        SUBMIT, body, content_type="multipart/form-data; boundary=b"
    )

    assert response.status_code == 400
    assert "not valid UTF-8" in response.content.decode()
    check()


def test_a_multipart_body_with_a_broken_boundary_is_refused(cast: Cast, unchanged):
    check = unchanged()
    body = b'--other\r\nContent-Disposition: form-data; name="answer"\r\n\r\nSorry'

    response = cast.client("employee_a").post(
        SUBMIT, body, content_type="multipart/form-data; boundary=expected"
    )

    assert response.status_code == 400
    check()


def test_a_well_formed_answer_with_unusual_text_is_accepted(cast: Cast):
    """The refusals above are not over-eager: emoji, RTL and combining marks are writing."""
    answer = "Sorry, Dana 😔 — مرحبا — Zoë (Zoe\u0308), I've refunded £42 today.\n\tThanks"

    response = cast.client("employee_a").post(
        SUBMIT, {"answer": answer, "client_token": str(uuid.uuid4())}
    )

    assert response.status_code == 302


# --- the people CSV ----------------------------------------------------------------------

HEADER = "employee id,email,name,department,team,manager email,due date\n"
DUE = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()


def _import(cast: Cast, data: bytes, *, valid_rows: bool = True, role: str = "hr"):
    form = {"file": SimpleUploadedFile("people.csv", data, "text/csv"), "course": cast.course.pk}
    if valid_rows:
        form["import_valid_rows"] = "on"  # even then, nothing bad may be written
    return cast.client(role).post("/hr/import/", form)


LONG_EMAIL = "a" * 140 + "@north.example"  # 154 characters: longer than a username
CSV_CASES: list[tuple[str, Callable[[], bytes], str]] = [
    ("empty", lambda: b"", "The submitted file is empty."),
    ("blank", lambda: b"\n\n  \n", "The file is empty."),
    ("too big", lambda: (HEADER + "x" * MAX_BYTES).encode(), "larger than 5 MB"),
    ("binary", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary data"),
    ("Latin-1", lambda: (HEADER + ",zoe@north.example,Zoë,,,,\n").encode("latin-1"),
     "not UTF-8 text"),
    ("UTF-16", lambda: (HEADER + ",zoe@north.example,Zoe,,,,\n").encode("utf-16"),
     "binary data"),
    ("wrong headers", lambda: b"id;mail;who\n1;zoe@north.example;Zoe\n", "no “email” column"),
    ("header only", lambda: HEADER.encode(), "a header row but no people"),
    ("a huge cell", lambda: (HEADER + ",zoe@north.example," + "n" * 200_000 + ",,,,\n").encode(),
     "could not be read as CSV"),
    ("too many rows", lambda: (HEADER + "".join(f",p{i}@north.example,P,,,,\n"
                                                 for i in range(MAX_ROWS + 1))).encode(),
     f"more than {MAX_ROWS} rows"),
    ("bad dates", lambda: (HEADER + ",a@north.example,A,,,,2031-02-30\n"
                           ",b@north.example,B,,,,tomorrow\n"
                           ",c@north.example,C,,,,31/31/2031\n"
                           ",d@north.example,D,,,,2001-01-01\n").encode(),
     "is in the past"),
    ("bad emails", lambda: (HEADER + ",not-an-email,A,,,,\n"
                            f",{LONG_EMAIL},B,,,,\n,,C,,,,\n").encode(),
     "email is longer than 150 characters"),
    ("long fields", lambda: (HEADER + f"{'9' * 65},a@north.example,A,,,,\n"
                             f",b@north.example,{'n' * 301},,,,\n").encode(),
     "name or employee id is too long"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), [c[1:] for c in CSV_CASES],
                         ids=[c[0] for c in CSV_CASES])  # fmt: skip
def test_a_malformed_people_file_is_refused_and_nothing_is_written(
    cast: Cast, unchanged, data, message
):
    check = unchanged()

    response = _import(cast, data())

    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body
    assert message in body
    check()


def test_bad_dates_are_reported_row_by_row(cast: Cast):
    text = HEADER + ",a@north.example,A,,,,2031-02-30\n,b@north.example,B,,,,tomorrow\n"

    body = _import(cast, text.encode()).content.decode()

    assert "“2031-02-30” is not a date" in body and "“tomorrow” is not a date" in body


def test_a_file_of_another_organisations_people_writes_nothing(cast: Cast, unchanged):
    """HR of the other organisation cannot take over north's people by email."""
    check = unchanged()
    text = HEADER + f",{cast.world.ana.email},Ana Taken,,,,{DUE}\n"

    response = _import(cast, text.encode(), role="hr_south")

    assert response.status_code == 400
    assert "already used by an account outside Southwind" in response.content.decode()
    check()


# --- the integrator API ------------------------------------------------------------------

ENROL = "/api/v1/enrollments/"
JSON = "application/json"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b'{"employee_id": "N-DORA", "course": ', 400, "malformed_request"),
        (b'{"employee_id": "N-\xff\xfe", "course": "mini-empathy"}', 400, "malformed_request"),
        (b'{"employee_id": "N-DORA", "course": NaN}', 400, "malformed_request"),
        (b"[" * 100_000 + b"]" * 100_000, 400, "malformed_request"),
        (b'{"employee_id": "N-\\u0000", "course": "mini-empathy"}', 400, "validation_error"),
        (b'{"employee_id": "N-DORA", "course": "mini\\u0000"}', 400, "validation_error"),
        (b"[]", 400, "validation_error"),
        (b'"N-DORA"', 400, "validation_error"),
        (b"null", 400, "validation_error"),
        (b'{"employee_id": ["N-DORA"], "course": {"$gt": ""}}', 400, "validation_error"),
        (b'{"employee_id": "N-DORA", "course": "mini-empathy", "due_at": "soon"}', 400,
         "validation_error"),
        (b'{"employee_id": "N-DORA", "course": "mini-empathy", "due_at": "99999-01-01"}', 400,
         "validation_error"),
        (json.dumps({"employee_id": "N-DORA", "course": "mini-empathy",
                     "padding": "x" * TOO_BIG}).encode(), 413, "payload_too_large"),
    ],
    ids=["truncated", "bad UTF-8", "NaN", "nested 100k deep", "NUL id", "NUL course",
         "a list", "a string", "null", "wrong types", "bad date", "year 99999", "oversized"],
)  # fmt: skip
def test_malformed_json_is_refused_with_the_api_error_shape(
    cast: Cast, unchanged, body, status, code
):
    check = unchanged()

    response = cast.client("api").post(ENROL, body, content_type=JSON)

    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"  # RFC 9457
    error = json.loads(response.content)
    assert error["code"] == code and error["message"]
    check()


@pytest.mark.parametrize(
    ("method", "url", "body", "headers", "status", "code"),
    [
        ("post", ENROL, b"employee_id=N-DORA", {"content_type": FORM}, 415,
         "unsupported_media_type"),
        ("patch", "/api/v1/enrollments/{ana_enrollment}/", b'{"due_at": 5}', {}, 400,
         "validation_error"),
        ("patch", "/api/v1/enrollments/{ana_enrollment}/", b'{"reason": "x\\u0000"}', {}, 400,
         "validation_error"),
        ("post", "/api/v1/enrollments/{ana_enrollment}/cancel/", b'{"reason": "' + b"r" * 501
         + b'"}', {}, 400, "validation_error"),
        ("post", ENROL, b'{"employee_id": "N-DORA", "course": "mini-empathy"}',
         {"headers": {"Idempotency-Key": "k" * 201}}, 400, "invalid_request"),
        ("post", ENROL, b'{"employee_id": "N-DORA", "course": "no-such-course"}', {}, 404,
         "unknown_course"),
    ],
    ids=["form body", "due_at a number", "NUL reason", "long reason", "long idempotency key",
         "unknown course"],
)  # fmt: skip
def test_bad_writes_are_refused_and_change_nothing(
    cast: Cast, unchanged, method, url, body, headers, status, code
):
    check = unchanged()
    kwargs = {"content_type": JSON, **headers}

    response = getattr(cast.client("api"), method)(url.format(**cast.ids), body, **kwargs)

    assert response.status_code == status, response.content[:300]
    assert json.loads(response.content)["code"] == code
    check()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/learners/%00/",
        "/api/v1/learners/%FF%FE/",
        "/api/v1/learners/N-ANA%00/progress/mini-empathy/",
        "/api/v1/progress/?updated_since=%00",
        "/api/v1/progress/?updated_since=9999999-01-01T00:00:00Z",
        "/api/v1/progress/?cursor=%00",
        "/api/v1/progress/?cursor=not-a-cursor",
        "/api/v1/progress/?page_size=99999999999999999999999",
        "/api/v1/progress/?page_size=-1",
        "/api/v1/enrollments/?course=%00",
        "/api/v1/enrollments/99999999999999999999/",
        "/api/v1/learners/?update_since=2020-01-01",  # a typo: refused, not ignored
    ],
)
def test_hostile_api_addresses_get_a_4xx_in_the_error_shape(cast: Cast, url):
    response = cast.client("api").get(url)

    assert response.status_code in (400, 404)
    assert json.loads(response.content)["message"]


# --- addresses of pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("anonymous", "/certificates/%00/", 404),
        ("anonymous", "/certificates/A%2FB/", 404),
        ("anonymous", "/certificates/?code=%00", 404),
        ("anonymous", "/certificates/?code=a/b", 404),
        ("anonymous", "/certificates/?code=%3Cscript%3E", 404),
        ("anonymous", "/certificates/?code=" + "A" * 5_000, 404),
        ("anonymous", "/accounts/login/?next=%00", 200),
        ("anonymous", "/accounts/login/?next=https://evil.example/", 200),
        ("employee_a", "/courses/mini-empathy/lessons/%00/", 404),
        ("employee_a", "/submissions/99999999999999999999/", 404),
        ("hr", "/hr/?q=%00&due_from=99999-01-01&team=99999999999999999999&page=%00", 200),
        ("hr", "/hr/export.csv?q=%00&status=%00", 200),
        ("hr", "/hr/learners/99999999999999999999/", 404),
        ("staff", "/hr/policy/?organisation=%C2%B2", 200),  # "²" is a digit, not a number
        ("staff", "/hr/policy/?organisation=99999999999999999999", 200),
        ("staff", "/review/99999999999999999999/", 404),
        ("hr", "/integrations/webhooks/99999999999999999999/", 404),
        ("staff", "/admin/accounts/user/?q=%00", 200),
        ("staff", "/admin/accounts/user/%00/change/", 302),  # the admin's "not found"
    ],
)
def test_hostile_page_addresses_get_a_4xx_not_a_crash(cast: Cast, role, url, status):
    response = cast.client(role).get(url)

    assert response.status_code == status
    assert_html_has_csp(response)


def test_the_certificate_lookup_says_when_a_code_cannot_exist(cast: Cast):
    response = cast.client("anonymous").get("/certificates/?code=a/b")

    assert "No certificate has this code" in response.content.decode()
    found = cast.client("anonymous").get(f"/certificates/?code={cast.ids['certificate'].lower()}")
    assert found.status_code == 302 and found["Location"].endswith(f"/{cast.ids['certificate']}/")


def test_a_login_with_a_nul_or_invalid_utf8_is_refused_quietly(cast: Cast):
    client = cast.client("anonymous")

    nul = client.post("/accounts/login/", {"username": "ana\x00", "password": "x"})
    latin = client.post("/accounts/login/", b"username=an\xe1&password=x", content_type=FORM)

    assert nul.status_code == 200  # an ordinary failed login
    assert latin.status_code == 400 and "not valid UTF-8" in latin.content.decode()
    assert "_auth_user_id" not in client.session
