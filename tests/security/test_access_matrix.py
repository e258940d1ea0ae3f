"""The access matrix: every route Django serves, for every role.

Pages send anonymous visitors (and a bare API credential, which is no login) to log in;
people outside a page's audience, and objects outside the viewer's scope, are a 404.
The API answers 401 without a live credential (a browser session is none), 403 without
the scope, and 404 for another organisation's objects. A refused write changes nothing
in the database. The admin has its own matrix in ``test_admin_access.py``; between them,
a route that is not classified fails ``test_every_route_is_classified``.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from exercises.grading import RUBRICS
from integrations.models import Scope

from .cast import INTEGRATORS, PEOPLE, WITHOUT, Cast, assert_unchanged, db_state
from .matrix import run
from .routes import LOGIN, REFUSED, Case, all_routes
from .test_admin_access import ADMIN_ROUTES

pytestmark = pytest.mark.django_db

PAGE_ROLES = [*PEOPLE, "api"]  # "api": a Bearer credential sent to a page
API_ROLES = ["anonymous", "employee_a", "hr", "staff", *INTEGRATORS]
JSON = "application/json"
SCIM, SCIM_JSON = Scope.SCIM_PROVISION, "application/scim+json"
SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
SCIM_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
SCIM_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SCIM_SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"


def page(default: int | str, **roles: int | str) -> dict[str, int | str]:
    """A page behind the login: anonymous and credential-only visitors log in first."""
    expect: dict[str, int | str] = {role: default for role in PAGE_ROLES}
    expect.update(anonymous=LOGIN, api=LOGIN, **roles)
    return expect


def public(status: int, roles: list[str] = PAGE_ROLES) -> dict[str, int | str]:
    return dict.fromkeys(roles, status)


def api(ok: int, scope: str | None, *, south: int | None = None) -> dict[str, int | str]:
    """An API endpoint: only a live credential of the organisation with ``scope``."""
    expect: dict[str, int | str] = dict.fromkeys(API_ROLES, 401)  # sessions are no credential
    expect.update(api=ok, api_south=ok if south is None else south)
    for needed, role in WITHOUT.items():
        expect[role] = 403 if needed == scope else ok
    return expect


# Who may do what on the HR pages: HR and staff manage, managers only look.
HR_SEE = {"employee_a": 404, "employee_b": 404}
HR_MANAGE = {**HR_SEE, "manager": 404}
INTEGRATIONS = {"employee_a": 404, "employee_b": 404, "manager": 404, "staff": 404}  # no org
LEARNER_ONLY = {"manager": 404, "hr": 404, "hr_south": 404, "staff": 404}  # not enrolled
TRAINER = {role: 404 for role in PEOPLE if role not in ("anonymous", "staff")}


def _answer(ids: dict[str, Any]) -> dict[str, str]:
    return {"answer": "Sorry, Dana, I've refunded it today.", "client_token": str(uuid.uuid4())}


def _in_a_month() -> str:
    return (timezone.now() + timedelta(days=30)).isoformat()  # within the due-date window


def _confirm() -> dict[str, Any]:
    levels = {f"level_{name}": 1 for name in RUBRICS["customer_reply"]}
    return {"decision": "confirm", "reason": "Checked against the rubric", **levels}


def _csv(ids: dict[str, Any]) -> dict[str, Any]:
    text = "employee id,email,name\nN-EVE,eve@north.example,Eve Adams\n"
    return {"file": SimpleUploadedFile("people.csv", text.encode()), "course": ids["course_id"]}


CASES = [
    # the load balancer's probe: public, read-only
    Case("healthz", "get", "/healthz", public(200)),
    Case("healthz", "post", "/healthz", public(405), lambda ids: {}),
    # readiness and metrics: public probes (metrics: the test client is an allowed address)
    Case("readyz", "get", "/readyz", public(200)),
    Case("metrics", "get", "/metrics", public(200)),
    # accounts
    Case("accounts/login/", "get", "/accounts/login/", public(200)),
    Case("accounts/logout/", "post", "/accounts/logout/", public(LOGIN), lambda ids: {}),
    Case("accounts/privacy/", "get", "/accounts/privacy/", page(200)),
    Case("accounts/privacy/", "post", "/accounts/privacy/", page(302),
         lambda ids: {"answers_shared_with": "hr"}),
    # single sign-on: finding and starting it is public (north's provider is unreachable
    # here, so starting and coming back are refused pages); settings are HR's
    Case("accounts/sso/", "get", "/accounts/sso/?organisation=north", public(302)),
    Case("accounts/sso/<slug:organisation_slug>/", "get", "/accounts/sso/north/", public(200)),
    Case("accounts/sso/<slug:organisation_slug>/", "get", "/accounts/sso/south/", public(404),
         note="no provider"),
    Case("accounts/sso/<slug:organisation_slug>/login/", "get", "/accounts/sso/north/login/",
         public(403)),
    Case("accounts/sso/<slug:organisation_slug>/callback/", "get",
         "/accounts/sso/north/callback/?code=c&state=s", public(403)),
    Case("accounts/sso/settings/", "get", "/accounts/sso/settings/", page(200, **INTEGRATIONS)),
    Case("accounts/sso/settings/", "post", "/accounts/sso/settings/", page(302, **INTEGRATIONS),
         lambda ids: {"issuer": "https://login.example", "client_id": "attune",
                      "client_secret": "a-long-client-secret", "match_claim": "email",
                      "employee_id_claim": "employee_id", "enabled": "on"}),
    Case("accounts/sso/settings/test/", "post", "/accounts/sso/settings/test/",
         page(200, **INTEGRATIONS, hr_south=302), lambda ids: {},
         note="south has no provider to test"),
    # LTI 1.3: what a platform calls is public (north's platform is unreachable here, and
    # a request without a launch in it is refused); the registration pages are HR's
    Case("lti/login/", "get", "/lti/login/", public(403), note="no iss"),
    Case("lti/launch/", "post", "/lti/launch/", public(403), lambda ids: {}, note="no id_token"),
    Case("lti/jwks/", "get", "/lti/jwks/", public(200)),
    Case("lti/continue/<str:token>/", "get", "/lti/continue/forged/", public(403)),
    Case("lti/deep-linking/", "post", "/lti/deep-linking/", public(403), lambda ids: {},
         note="no signed request"),
    Case("lti/settings/", "get", "/lti/settings/", page(200, **INTEGRATIONS)),
    Case("lti/settings/", "post", "/lti/settings/", page(302, **INTEGRATIONS),
         lambda ids: {"name": "Canvas", "issuer": "https://canvas.instructure.com",
                      "client_id": "10000000000001", "deployment_ids": "1:abc",
                      "keyset_url": "https://sso.canvaslms.com/api/lti/security/jwks",
                      "auth_login_url": "https://sso.canvaslms.com/api/lti/authorize_redirect",
                      "access_token_url": "https://sso.canvaslms.com/login/oauth2/token",
                      "course": ids["course_id"], "match_claim": "email",
                      "employee_id_claim": "employee_id", "enabled": "on"}),
    Case("lti/settings/<int:platform_id>/", "get", "/lti/settings/{lti_platform}/",
         page(200, **INTEGRATIONS, hr_south=404)),
    Case("lti/settings/<int:platform_id>/test/", "post", "/lti/settings/{lti_platform}/test/",
         page(200, **INTEGRATIONS, hr_south=404), lambda ids: {}),
    Case("lti/settings/<int:platform_id>/roster/", "post", "/lti/settings/{lti_platform}/roster/",
         page(302, **INTEGRATIONS, hr_south=404), lambda ids: {},
         note="no course launched yet: nothing queued"),
    # courses: a learner's own enrolment only; certificates are public by code
    Case("", "get", "/", page(200)),
    Case("courses/<slug:course_slug>/", "get", "/courses/{course}/", page(200, **LEARNER_ONLY)),
    Case("courses/<slug:course_slug>/enrol/", "post", "/courses/{course}/enrol/", page(302),
         lambda ids: {}, note="enrols oneself"),
    Case("courses/<slug:course_slug>/continue/", "get", "/courses/{course}/continue/",
         page(302, **LEARNER_ONLY), note="to where one left off"),
    Case("courses/<slug:course_slug>/complete/", "get", "/courses/{course}/complete/",
         page(404, employee_a=200), note="only ana has a certificate"),
    Case("courses/<slug:course_slug>/lessons/<slug:lesson_slug>/", "get",
         "/courses/{course}/lessons/{lesson}/", page(200, **LEARNER_ONLY)),
    Case("courses/<slug:course_slug>/stages/<slug:stage_slug>/job-aid.pdf", "get",
         "/courses/{course}/stages/noticing/job-aid.pdf", page(200),
         note="teaching material: anyone signed in"),
    Case("courses/<slug:course_slug>/stages/<slug:stage_slug>/manager-guide.pdf", "get",
         "/courses/{course}/stages/noticing/manager-guide.pdf", page(404),
         note="the mini course's stage has no guide"),
    Case("certificates/", "get", "/certificates/", public(200)),
    Case("certificates/<str:code>/", "get", "/certificates/{certificate}/", public(200)),
    Case("certificates/<str:code>/", "get", "/certificates/NOPE-NOPE-NOPE/", public(404),
         note="unknown"),
    # exercises: a learner's own attempts only; the review queue is for trainers
    Case("courses/<slug:course_slug>/exercises/<slug:slug>/", "get",
         "/courses/{course}/exercises/{exercise}/", page(200, **LEARNER_ONLY)),
    Case("courses/<slug:course_slug>/exercises/<slug:slug>/submit/", "post",
         "/courses/{course}/exercises/{exercise}/submit/", page(302, **LEARNER_ONLY), _answer),
    Case("courses/<slug:course_slug>/checks/", "get", "/courses/{course}/checks/",
         page(200, **LEARNER_ONLY), note="one's own results"),
    Case("courses/<slug:course_slug>/checks/<slug:slug>/", "get",
         "/courses/{course}/checks/no-such-check/", page(404), note="not in the mini course"),
    Case("submissions/<int:submission_id>/", "get", "/submissions/{ana_submission}/",
         page(404, employee_a=200), note="ana's attempt"),
    Case("submissions/<int:submission_id>/", "get", "/submissions/{cleo_submission}/",
         page(404, employee_b=200), note="cleo's attempt"),
    Case("submissions/<int:submission_id>/", "get", "/submissions/99999999999999999999/",
         page(404), note="out of range"),
    Case("courses/<slug:course_slug>/exercises/<slug:slug>/", "get",
         "/courses/{course}/exercises/{conversation_exercise}/", page(200, **LEARNER_ONLY),
         note="a conversation"),
    Case("courses/<slug:course_slug>/exercises/<slug:slug>/conversation/start/", "post",
         "/courses/{course}/exercises/{conversation_exercise}/conversation/start/",
         page(302, **LEARNER_ONLY), lambda ids: {"client_token": str(uuid.uuid4())}),
    Case("conversations/<int:conversation_id>/", "get", "/conversations/{ana_conversation}/",
         page(404, employee_a=200), note="ana's conversation"),
    Case("conversations/<int:conversation_id>/", "get", "/conversations/{cleo_conversation}/",
         page(404, employee_b=200), note="cleo's conversation"),
    Case("conversations/<int:conversation_id>/reply/", "post",
         "/conversations/{ana_conversation}/reply/", page(404, employee_a=302), _answer),
    Case("review/", "get", "/review/", page(200, **TRAINER)),
    Case("review/<int:submission_id>/", "get", "/review/{review_submission}/",
         page(200, **TRAINER)),
    Case("review/<int:submission_id>/", "post", "/review/{review_submission}/",
         page(302, **TRAINER), lambda ids: _confirm()),
    Case("review/<int:submission_id>/grade-again/", "post",
         "/review/{failed_submission}/grade-again/", page(302, **TRAINER), lambda ids: {}),
    Case("review/<int:submission_id>/grade-again/", "post",
         "/review/{review_submission}/grade-again/", page(404), lambda ids: {},
         note="graded, not failed"),
    # hr: managers see their reports, HR their organisation, staff everyone
    Case("hr/", "get", "/hr/", page(200, **HR_SEE)),
    Case("hr/export.csv", "get", "/hr/export.csv", page(200, **HR_SEE)),
    Case("hr/export.xlsx", "get", "/hr/export.xlsx", page(200, **HR_SEE)),
    Case("hr/learners/<int:learner_id>/", "get", "/hr/learners/{ana}/",
         page(200, **HR_SEE, hr_south=404), note="the manager's report"),
    Case("hr/learners/<int:learner_id>/", "get", "/hr/learners/{cleo}/",
         page(200, **HR_SEE, manager=404, hr_south=404), note="not the manager's"),
    Case("hr/learners/<int:learner_id>/", "get", "/hr/learners/{sam}/",
         page(200, **HR_SEE, manager=404, hr=404), note="the other organisation"),
    Case("hr/learners/<int:learner_id>/", "get", "/hr/learners/{dora}/",
         page(200, **HR_SEE, manager=404, hr_south=404), note="no course"),
    Case("hr/learners/<int:learner_id>/unlock/", "post", "/hr/learners/{ana}/unlock/",
         page(302, **HR_MANAGE, hr_south=404), lambda ids: {}),
    Case("hr/enrollments/<int:enrollment_id>/due-date/", "post",
         "/hr/enrollments/{ana_enrollment}/due-date/", page(302, **HR_MANAGE, hr_south=404),
         lambda ids: {"reason": "Parental leave", "due_date": "2099-01-31"}),
    Case("hr/enrollments/<int:enrollment_id>/due-date/", "post",
         "/hr/enrollments/{sam_enrollment}/due-date/", page(302, **HR_MANAGE, hr=404),
         lambda ids: {"reason": "Parental leave", "due_date": "2099-01-31"}, note="south"),
    Case("hr/enrollments/<int:enrollment_id>/complete/", "post",
         "/hr/enrollments/{ana_enrollment}/complete/", page(302, **HR_MANAGE, hr_south=404),
         lambda ids: {"reason": "Proven elsewhere"}),
    Case("hr/assign/", "get", "/hr/assign/", page(200, **HR_MANAGE)),
    Case("hr/assign/", "post", "/hr/assign/", page(302, **HR_MANAGE),
         lambda ids: {"course": ids["course_id"], "people": "dora@example.com"}),
    Case("hr/import/", "get", "/hr/import/", page(200, **HR_MANAGE)),
    Case("hr/import/", "post", "/hr/import/", page(200, **HR_MANAGE, staff=400), _csv,
         note="staff must name an organisation"),
    Case("hr/policy/", "get", "/hr/policy/", page(200, **HR_MANAGE)),
    Case("hr/policy/", "post", "/hr/policy/", page(302, **HR_MANAGE),
         lambda ids: {"course": ids["course_id"], "remind_days_before": 3,
                      "recertify_due_days": 30}),
    # integrations UI: HR of an organisation, for that organisation only
    Case("integrations/", "get", "/integrations/", page(200, **INTEGRATIONS)),
    Case("integrations/credentials/new/", "get", "/integrations/credentials/new/",
         page(200, **INTEGRATIONS)),
    Case("integrations/credentials/new/", "post", "/integrations/credentials/new/",
         page(200, **INTEGRATIONS),
         lambda ids: {"name": "Workday", "scopes": ["progress:read"], "lifetime_days": 30,
                      "rate_limit": 60}),
    Case("integrations/credentials/<int:client_id>/revoke/", "post",
         "/integrations/credentials/{north_client}/revoke/",
         page(302, **INTEGRATIONS, hr_south=404), lambda ids: {}),
    Case("integrations/webhooks/new/", "get", "/integrations/webhooks/new/",
         page(200, **INTEGRATIONS)),
    Case("integrations/webhooks/new/", "post", "/integrations/webhooks/new/",
         page(200, **INTEGRATIONS),
         lambda ids: {"url": "https://hooks.example/x", "event_types": ["course.completed"]}),
    Case("integrations/webhooks/<int:subscription_id>/", "get",
         "/integrations/webhooks/{north_hook}/", page(200, **INTEGRATIONS, hr_south=404)),
    Case("integrations/webhooks/<int:subscription_id>/", "get",
         "/integrations/webhooks/{south_hook}/", page(200, **INTEGRATIONS, hr=404),
         note="south"),
    Case("integrations/webhooks/<int:subscription_id>/enable/", "post",
         "/integrations/webhooks/{north_hook}/enable/",
         page(302, **INTEGRATIONS, hr_south=404), lambda ids: {}),
    Case("integrations/webhooks/<int:subscription_id>/delete/", "post",
         "/integrations/webhooks/{north_hook}/delete/",
         page(302, **INTEGRATIONS, hr_south=404), lambda ids: {}),
    Case("integrations/deliveries/<int:delivery_id>/resend/", "post",
         "/integrations/deliveries/{delivery}/resend/",
         page(302, **INTEGRATIONS, hr_south=404), lambda ids: {}),
    # the integrator API: public schema and docs, everything else needs a credential
    Case("api/v1/schema/", "get", "/api/v1/schema/", public(200, API_ROLES)),
    Case("api/v1/docs/", "get", "/api/v1/docs/", public(200, API_ROLES)),
    Case("api/v1/courses/", "get", "/api/v1/courses/", api(200, None)),
    Case("api/v1/learners/", "get", "/api/v1/learners/", api(200, Scope.LEARNERS_READ)),
    Case("api/v1/learners/<str:employee_id>/", "get", "/api/v1/learners/N-ANA/",
         api(200, Scope.LEARNERS_READ, south=404)),
    Case("api/v1/learners/<str:employee_id>/progress/<slug:course>/", "get",
         "/api/v1/learners/N-ANA/progress/{course}/", api(200, Scope.PROGRESS_READ, south=404)),
    Case("api/v1/enrollments/", "get", "/api/v1/enrollments/",
         api(200, Scope.ENROLLMENTS_READ)),
    Case("api/v1/enrollments/", "post", "/api/v1/enrollments/",
         api(201, Scope.ENROLLMENTS_WRITE, south=404),
         lambda ids: {"employee_id": "N-DORA", "course": ids["course"]}, JSON),
    Case("api/v1/enrollments/<int:enrollment_id>/", "get",
         "/api/v1/enrollments/{ana_enrollment}/", api(200, Scope.ENROLLMENTS_READ, south=404)),
    Case("api/v1/enrollments/<int:enrollment_id>/", "patch",
         "/api/v1/enrollments/{ana_enrollment}/",
         api(200, Scope.ENROLLMENTS_WRITE, south=404),
         lambda ids: {"due_at": _in_a_month(), "reason": "Leave"}, JSON),
    Case("api/v1/enrollments/<int:enrollment_id>/cancel/", "post",
         "/api/v1/enrollments/{ana_enrollment}/cancel/",
         api(200, Scope.ENROLLMENTS_WRITE, south=404), lambda ids: {"reason": "Left"}, JSON),
    Case("api/v1/progress/", "get", "/api/v1/progress/", api(200, Scope.PROGRESS_READ)),
    Case("api/v1/progress/<int:enrollment_id>/", "get", "/api/v1/progress/{ana_enrollment}/",
         api(200, Scope.PROGRESS_READ, south=404)),
    Case("api/v1/progress/<int:enrollment_id>/", "get",
         "/api/v1/progress/99999999999999999999/", api(404, Scope.PROGRESS_READ, south=404),
         note="out of range"),
    Case("api/v1/completions/", "get", "/api/v1/completions/", api(200, Scope.PROGRESS_READ)),
    Case("api/v1/statements/", "get", "/api/v1/statements/",
         api(200, Scope.STATEMENTS_READ)),
    Case("api/v1/webhooks/", "get", "/api/v1/webhooks/", api(200, Scope.WEBHOOKS_MANAGE)),
    Case("api/v1/webhooks/", "post", "/api/v1/webhooks/", api(201, Scope.WEBHOOKS_MANAGE),
         lambda ids: {"url": "https://hooks.example/x", "event_types": ["course.completed"]},
         JSON),
    Case("api/v1/webhooks/<int:subscription_id>/", "get", "/api/v1/webhooks/{north_hook}/",
         api(200, Scope.WEBHOOKS_MANAGE, south=404)),
    Case("api/v1/webhooks/<int:subscription_id>/", "patch", "/api/v1/webhooks/{north_hook}/",
         api(200, Scope.WEBHOOKS_MANAGE, south=404), lambda ids: {"description": "HRIS"}, JSON),
    Case("api/v1/webhooks/<int:subscription_id>/", "delete", "/api/v1/webhooks/{north_hook}/",
         api(204, Scope.WEBHOOKS_MANAGE, south=404)),
    Case("api/v1/webhooks/<int:subscription_id>/rotate-secret/", "post",
         "/api/v1/webhooks/{north_hook}/rotate-secret/",
         api(200, Scope.WEBHOOKS_MANAGE, south=404), lambda ids: {}, JSON),
    Case("api/v1/webhooks/<int:subscription_id>/deliveries/", "get",
         "/api/v1/webhooks/{north_hook}/deliveries/",
         api(200, Scope.WEBHOOKS_MANAGE, south=404)),
    Case("api/v1/webhooks/<int:subscription_id>/deliveries/resend-failed/", "post",
         "/api/v1/webhooks/{north_hook}/deliveries/resend-failed/",
         api(202, Scope.WEBHOOKS_MANAGE, south=404),
         lambda ids: {"since": "2020-01-01T00:00:00Z"}, JSON),
    Case("api/v1/webhooks/<int:subscription_id>/deliveries/<int:delivery_id>/resend/", "post",
         "/api/v1/webhooks/{north_hook}/deliveries/{delivery}/resend/",
         api(202, Scope.WEBHOOKS_MANAGE, south=404), lambda ids: {}, JSON),
    # SCIM: the same credentials with the scim:provision scope; another org's ids are 404
    Case("scim/v2/Users", "get", "/scim/v2/Users", api(200, SCIM)),
    Case("scim/v2/Users", "post", "/scim/v2/Users", api(201, SCIM),
         lambda ids: {"schemas": [SCIM_USER], "userName": "new.hire@north.example"}, SCIM_JSON),
    Case("scim/v2/Users/<str:resource_id>", "get", "/scim/v2/Users/{ana}",
         api(200, SCIM, south=404)),
    Case("scim/v2/Users/<str:resource_id>", "put", "/scim/v2/Users/{ana}",
         api(200, SCIM, south=404), lambda ids: {"schemas": [SCIM_USER], "userName": "ana2"},
         SCIM_JSON),
    Case("scim/v2/Users/<str:resource_id>", "patch", "/scim/v2/Users/{ana}",
         api(200, SCIM, south=404), lambda ids: {"schemas": [SCIM_PATCH], "Operations": [
             {"op": "replace", "path": "active", "value": False}]}, SCIM_JSON),
    Case("scim/v2/Users/<str:resource_id>", "delete", "/scim/v2/Users/{ana}",
         api(204, SCIM, south=404)),
    Case("scim/v2/Users/<str:resource_id>", "post", "/scim/v2/Users/.search", api(200, SCIM),
         lambda ids: {"schemas": [SCIM_SEARCH], "filter": 'userName eq "ana"'}, SCIM_JSON),
    Case("scim/v2/Groups", "get", "/scim/v2/Groups", api(200, SCIM)),
    Case("scim/v2/Groups", "post", "/scim/v2/Groups", api(201, SCIM),
         lambda ids: {"schemas": [SCIM_GROUP], "displayName": "Night shift"}, SCIM_JSON),
    Case("scim/v2/Groups/<str:resource_id>", "get", "/scim/v2/Groups/{team}",
         api(200, SCIM, south=404)),
    Case("scim/v2/Groups/<str:resource_id>", "patch", "/scim/v2/Groups/{team}",
         api(200, SCIM, south=404), lambda ids: {"schemas": [SCIM_PATCH], "Operations": [
             {"op": "replace", "path": "displayName", "value": "Phones, renamed"}]}, SCIM_JSON),
    Case("scim/v2/Groups/<str:resource_id>", "delete", "/scim/v2/Groups/{team}",
         api(204, SCIM, south=404)),
    Case("scim/v2/ServiceProviderConfig", "get", "/scim/v2/ServiceProviderConfig",
         api(200, SCIM)),
    Case("scim/v2/ResourceTypes", "get", "/scim/v2/ResourceTypes", api(200, SCIM)),
    Case("scim/v2/ResourceTypes/<str:resource_id>", "get", "/scim/v2/ResourceTypes/User",
         api(200, SCIM)),
    Case("scim/v2/Schemas", "get", "/scim/v2/Schemas", api(200, SCIM)),
    Case("scim/v2/Schemas/<str:resource_id>", "get", f"/scim/v2/Schemas/{SCIM_USER}",
         api(200, SCIM)),
    Case("scim/v2/.search", "post", "/scim/v2/.search", api(501, SCIM),
         lambda ids: {"schemas": [SCIM_SEARCH]}, SCIM_JSON),
    Case("scim/v2/^.*$", "get", "/scim/v2/Teams", api(404, SCIM)),
    Case("api/v1/^[\\s\\S]*$", "get", "/api/v1/no-such-thing/", public(404, API_ROLES)),
    Case("api/v1/^[\\s\\S]*$", "post", "/api/v1/no-such-thing/", public(404, API_ROLES),
         lambda ids: {}, JSON),
]  # fmt: skip


def test_every_route_is_classified():
    """A new URL fails here until the matrix says who may use it."""
    classified = {case.route for case in CASES} | ADMIN_ROUTES
    served = all_routes()

    assert served - classified == set(), "routes missing from the access matrix"
    assert classified - served == set(), "the matrix names routes Django no longer serves"


def area(route: str) -> str:
    """Cases are run an area at a time: one cast, every role and case rolled back."""
    parts = route.split("/")
    if parts[0] == "api":
        return "/".join(parts[:3])
    if "exercises" in parts or parts[0] in ("submissions", "review"):
        return "exercises"
    return "courses" if parts[0] in ("", "certificates") else parts[0]


@pytest.mark.parametrize("where", sorted({area(case.route) for case in CASES}))
def test_access_matrix(cast: Cast, where: str):
    problems = [
        f"{case.id} as {problem}"
        for case in CASES
        if area(case.route) == where
        for problem in run(cast, case)
    ]

    assert not problems, "\n".join(problems)


def _page_writes() -> list[tuple[Case, str]]:
    """Each page write with a role the matrix lets through (the API takes no cookies)."""
    from .test_admin_access import CASES as ADMIN_CASES

    writes = []
    for case in [*CASES, *ADMIN_CASES]:
        allowed = [r for r, e in case.expect.items() if e not in REFUSED and r in PEOPLE]
        if case.writes and not case.route.startswith("api/") and allowed:
            writes.append((case, allowed[-1]))
    return writes


@pytest.mark.parametrize(("case", "role"), _page_writes(), ids=lambda v: getattr(v, "id", v))
def test_page_writes_need_the_csrf_token(cast: Cast, case: Case, role: str):
    """A session alone cannot write: another site's form gets 403 and changes nothing."""
    client = cast.client(role, enforce_csrf_checks=True)
    before = db_state()

    data = case.data(cast.ids) if case.data else {}
    response = getattr(client, case.method)(case.url.format(**cast.ids), data)

    assert response.status_code == 403
    assert_unchanged(before)


def test_hr_of_another_organisation_cannot_assign_north_people(cast: Cast, unchanged):
    check = unchanged()
    hugo = cast.client("hr_south")

    response = hugo.post(
        "/hr/assign/", {"course": cast.course.pk, "people": "dora@example.com\nN-DORA"}
    )

    assert response.status_code == 302
    check()
    page = hugo.get("/hr/assign/").content.decode()
    assert "Assigned to 0 new learners" in page
    assert "Not found in your scope: N-DORA, dora@example.com" in page
    assert "Care" not in page and "Phones" not in page  # north's departments and teams


@pytest.mark.parametrize(
    "url",
    ["/api/v1/learners/", "/api/v1/enrollments/", "/api/v1/progress/", "/api/v1/completions/",
     "/api/v1/statements/", "/api/v1/learners/?page_size=500"],
)  # fmt: skip
def test_an_integrator_lists_only_its_own_organisation(cast: Cast, url):
    north = cast.client("api").get(url).content.decode()
    south = cast.client("api_south").get(url).content.decode()

    if "statements" not in url and "completions" not in url:  # sam has neither
        assert "S-SAM" in south
    assert "N-ANA" not in south and "N-DORA" not in south
    assert "S-SAM" not in north


SCOPED_CHANGELISTS = ["/admin/accounts/user/", "/admin/courses/enrollment/",
                      "/admin/courses/certificate/", "/admin/exercises/submission/"]  # fmt: skip


@pytest.mark.parametrize("url", SCOPED_CHANGELISTS)
@pytest.mark.parametrize("search", ["", "?q=sam", "?q=ana", "?q=a"])
def test_admin_changelists_show_hr_only_their_organisation(cast: Cast, url, search):
    north = cast.client("hr").get(url + search).content.decode()
    south = cast.client("hr_south").get(url + search).content.decode()

    assert "sam@example.com" not in north and ">sam<" not in north
    assert "ana@example.com" not in south and ">ana<" not in south
    assert cast.ids["certificate"] not in south and cast.ids["sam_certificate"] not in north
