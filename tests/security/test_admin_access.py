"""The admin's access matrix: every registered model's pages, for every role.

Only staff reach the admin (everyone else is sent to its login page). HR have admin
access with view-only permissions on a few models; what they see there is scoped to
their organisation like every HR page (a row outside is "not found": Django's admin
answers that with a redirect to its index). Superusers see and may change everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from .cast import PEOPLE, Cast
from .matrix import run
from .routes import ADMIN_LOGIN, LOGIN, Case

pytestmark = pytest.mark.django_db

ROLES = [*PEOPLE, "api"]
OUTSIDERS = ["anonymous", "employee_a", "employee_b", "manager", "api"]  # not staff


@dataclass(frozen=True)
class Model:
    hr_may_view: bool  # the HR group's view permission
    about_people: bool  # rows about people: scoped to the viewer's organisation
    row: str  # the cast id of a row that belongs to the north organisation
    staff_may_add: bool = True
    deletable: bool = True  # False: people still belong to it (the admin says so, 200)


# Every model registered in the admin. A new one fails test_every_route_is_classified.
MODELS = {
    "auth.group": Model(False, False, "group"),
    "accounts.user": Model(True, True, "ana"),
    "accounts.organisation": Model(False, False, "organisation", deletable=False),
    "accounts.department": Model(False, False, "department"),
    "accounts.team": Model(False, False, "team"),
    "accounts.identityprovider": Model(False, False, "identity_provider"),
    "courses.course": Model(True, False, "course_id", deletable=False),  # an LMS launches it
    "courses.lesson": Model(False, False, "lesson_id"),
    "courses.enrollment": Model(True, True, "ana_enrollment"),
    "courses.certificate": Model(True, True, "cert_pk"),
    "exercises.exercise": Model(False, False, "exercise_id"),
    "exercises.submission": Model(True, True, "ana_submission", staff_may_add=False),
    "hr.coursepolicy": Model(False, False, "policy"),
    "hr.remindermessage": Model(False, True, "reminder", staff_may_add=False),
    "hr.completionrecord": Model(False, True, "record"),
    "integrations.apiclient": Model(False, False, "north_client"),
    "integrations.webhooksubscription": Model(False, False, "north_hook", staff_may_add=False),
    "integrations.webhookdelivery": Model(False, False, "delivery", staff_may_add=False),
    "integrations.xapistatement": Model(False, False, "statement", staff_may_add=False),
    "integrations.idempotencyrecord": Model(False, False, "idempotency", staff_may_add=False),
    "lti.platform": Model(False, False, "lti_platform"),
    "lti.toolkey": Model(False, False, "tool_key", staff_may_add=False),
    "lti.scorepost": Model(False, False, "score_post", staff_may_add=False),
}
PAGES = ("", "add/", "<path:object_id>/history/", "<path:object_id>/delete/",
         "<path:object_id>/change/", "<path:object_id>/")  # fmt: skip


def _admin(**roles: int | str) -> dict[str, int | str]:
    return {**dict.fromkeys(OUTSIDERS, ADMIN_LOGIN), **roles}


def _model_cases(label: str, model: Model) -> list[Case]:
    app, name = label.split(".")
    base = f"admin/{app}/{name}/"
    row = f"/{base}{{{model.row}}}/"

    def hr(status_if_visible: int, *, lookup_first: bool = False) -> dict[str, int | str]:
        """HR's outcome: the permission decides, and a row outside the organisation is
        not found (the admin redirects) where Django looks the row up first."""
        south = 302 if model.about_people and lookup_first else status_if_visible
        return {"hr": status_if_visible, "hr_south": south}

    view = 200 if model.hr_may_view else 403
    return [
        Case(base, "get", f"/{base}", _admin(**{"hr": view, "hr_south": view}, staff=200)),
        Case(base + "add/", "get", f"/{base}add/",
             _admin(hr=403, hr_south=403, staff=200 if model.staff_may_add else 403)),
        Case(base + "<path:object_id>/change/", "get", f"{row}change/",
             _admin(**hr(view, lookup_first=model.hr_may_view), staff=200)),
        Case(base + "<path:object_id>/history/", "get", f"{row}history/",
             _admin(**hr(view, lookup_first=True), staff=200)),
        Case(base + "<path:object_id>/delete/", "get", f"{row}delete/",
             _admin(hr=403, hr_south=403, staff=200)),
        Case(base + "<path:object_id>/delete/", "post", f"{row}delete/",
             _admin(hr=403, hr_south=403, staff=302 if model.deletable else 200),
             lambda ids: {"post": "yes"}),
        Case(base + "<path:object_id>/", "get", row, _admin(hr=302, hr_south=302, staff=302),
             note="redirects to change"),
    ]  # fmt: skip


STAFF_ONLY = {"hr": 200, "hr_south": 200, "staff": 200}
SITE_CASES = [
    Case("admin/", "get", "/admin/", _admin(**STAFF_ONLY)),
    Case("admin/login/", "get", "/admin/login/",
         {**dict.fromkeys(OUTSIDERS, 200), "hr": 302, "hr_south": 302, "staff": 302}),
    Case("admin/logout/", "post", "/admin/logout/",
         {**dict.fromkeys(OUTSIDERS, 302), "hr": LOGIN, "hr_south": LOGIN, "staff": LOGIN},
         lambda ids: {}, note="outsiders go to the admin index"),
    Case("admin/password_change/", "get", "/admin/password_change/", _admin(**STAFF_ONLY)),
    Case("admin/password_change/done/", "get", "/admin/password_change/done/",
         _admin(**STAFF_ONLY)),
    Case("admin/autocomplete/", "get", "/admin/autocomplete/",
         _admin(hr=403, hr_south=403, staff=403), note="without a field"),
    Case("admin/jsi18n/", "get", "/admin/jsi18n/", _admin(**STAFF_ONLY)),
    Case("admin/r/<path:content_type_id>/<path:object_id>/", "get", "/admin/r/1/1/",
         _admin(hr=404, hr_south=404, staff=404)),
    Case("admin/^(?P<app_label>auth|accounts|courses|exercises|hr|integrations|lti)/$", "get",
         "/admin/accounts/", _admin(**STAFF_ONLY)),
    Case("admin/^(?P<app_label>auth|accounts|courses|exercises|hr|integrations|lti)/$", "get",
         "/admin/integrations/", _admin(hr=404, hr_south=404, staff=200),
         note="no model HR may view"),
    Case("admin/(?P<url>.*)$", "get", "/admin/no-such-page/",
         _admin(hr=404, hr_south=404, staff=404)),
    Case("admin/accounts/user/<id>/password/", "get", "/admin/accounts/user/{ana}/password/",
         _admin(hr=403, hr_south=403, staff=200)),
    Case("admin/accounts/user/<id>/password/", "post", "/admin/accounts/user/{ana}/password/",
         _admin(hr=403, hr_south=403, staff=302),
         lambda ids: {"password1": "a-New-passw0rd!", "password2": "a-New-passw0rd!",
                      "usable_password": "true"}),
    Case("admin/accounts/user/<path:object_id>/change/", "post",
         "/admin/accounts/user/{ana}/change/", _admin(hr=403, hr_south=403),
         lambda ids: {"username": "ana", "role": "staff", "is_superuser": "on"},
         note="HR may not make anyone staff"),
]  # fmt: skip

CASES = [case for label, model in MODELS.items() for case in _model_cases(label, model)]
CASES += SITE_CASES
ADMIN_ROUTES = {case.route for case in CASES}


def area(route: str) -> str:
    """One test per model (and one for the site's own pages), every role and case rolled
    back, so a cast is built once per model."""
    app, model = [*route.split("/"), "", ""][1:3]
    return f"{app}.{model}" if f"{app}.{model}" in MODELS else "site"


@pytest.mark.parametrize("where", sorted({area(case.route) for case in CASES}))
def test_admin_access_matrix(cast: Cast, where: str):
    problems = [
        f"{case.id} as {problem}"
        for case in CASES
        if area(case.route) == where
        for problem in run(cast, case)
    ]

    assert not problems, "\n".join(problems)
