"""Schemathesis against the live schema: no 5xx, and every response matches the schema
(status codes, content types, headers and bodies), for valid and invalid input alike.

Driven through schemathesis' Python API (one Hypothesis run per operation and mode),
which keeps the run bounded: ``MAX_EXAMPLES`` cases each.
"""

import re
from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from courses.services.enrollments import enrollment_start
from integrations.models import Scope
from integrations.services.clients import api_client_create
from tests.api.conftest import complete_course

MAX_EXAMPLES = 20
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def token(org, course, make_learner) -> str:
    """A credential, and some data for it to find."""
    maya = make_learner(employee_id="NW-1001")
    complete_course(enrollment_start(user=maya, course=course))
    for _ in range(3):
        enrollment_start(user=make_learner(), course=course)
    return api_client_create(
        organisation=org,
        name="schemathesis",
        scopes=Scope.values,
        rate_limit=1_000_000,
        expires_at=timezone.now() + timedelta(days=1),
    ).token


def headers_negated(case: schemathesis.Case) -> bool:
    meta = case.meta
    return meta is not None and any(
        location == ParameterLocation.HEADER and component.mode.is_negative
        for location, component in meta.components.items()
    )


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_honours_its_schema(live_server, token, mode):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)  # fmt: skip
        def check(case: schemathesis.Case) -> None:
            # A cursor is opaque and signed: no schema can describe the valid ones, so a
            # generated cursor is rightly a 400, not "valid data rejected".
            opaque = "cursor" in (case.query or {})
            # A due date must lie within the next two years and come with a reason: rules
            # the schema states in words (JSON Schema has no bounds for date-times).
            dated = isinstance(case.body, dict) and "due_at" in case.body
            case.call_and_validate(
                base_url=live_server.url,
                # explicit, so schemathesis also probes without it; but not over a case whose
                # headers it made invalid on purpose (a missing Authorization among them),
                # which our credential would turn back into a valid request
                headers={} if headers_negated(case) else headers,
                excluded_checks=[positive_data_acceptance] if opaque or dated else None,
            )

        check()


def test_the_docs_page_loads_its_scripts_from_our_origin_only(client):
    page = client.get("/api/v1/docs/")

    assert page.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in page["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"  # Swagger UI's styles may be inline; scripts not
    assert "https://" not in page.content.decode()  # sidecar assets, no CDN


def test_every_free_text_field_a_request_accepts_states_that_nul_is_refused(client):
    """DRF refuses NUL in any CharField; the schema must say so, or a client (and
    schemathesis) reads a refused string as valid. Checked over the whole schema, so a
    field added later cannot forget it."""
    schema = client.get("/api/v1/schema/?format=json").json()
    requests = {n: c for n, c in schema["components"]["schemas"].items() if n.endswith("Request")}
    free_text = [
        (name, field_name, field)
        for name, component in requests.items()
        for field_name, field in component.get("properties", {}).items()
        if "string" in str(field.get("type")) and not {"format", "enum"} & field.keys()
    ]

    assert ("WebhookCreateInputRequest", "description") in {(n, f) for n, f, _ in free_text}
    for name, field_name, field in free_text:
        assert "pattern" in field, f"{name}.{field_name} does not state its pattern"
        assert not re.fullmatch(field["pattern"], "a\x00b"), f"{name}.{field_name} admits NUL"


def test_a_nul_in_a_webhook_description_is_a_clear_400_that_changes_nothing(api):
    hook = api.post(
        "/api/v1/webhooks/",
        {"url": "https://hooks.example/attune", "description": "HRIS",
         "event_types": ["course.completed"]},
        format="json",
    ).json()  # fmt: skip

    response = api.patch(
        f"/api/v1/webhooks/{hook['id']}/", {"description": "a\x00b"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"]["description"] == ["Null characters are not allowed."]
    assert api.get(f"/api/v1/webhooks/{hook['id']}/").json()["description"] == "HRIS"
