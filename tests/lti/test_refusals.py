"""Launches that must fail, each sent by the test platform as a broken or hostile
platform would: every one is refused with a page that says why (403), signs nobody in,
and leaves an ``lti.refused`` audit entry naming the check."""

from __future__ import annotations

import pytest
from django.test import Client

from activity.models import AuditEntry
from lti.models import LtiIdentity

from .lti_fixtures import begin
from .platform import LaunchSpec

pytestmark = pytest.mark.django_db


def refusal_of(response, client: Client) -> str:
    assert response.status_code == 403, response.content[:500]
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action="lti.refused")
    return entry.changes["refusal"][1]


@pytest.mark.parametrize(
    ("spec", "refusal", "says"),
    [
        (LaunchSpec(tamper=True), "signature", "not signed by your learning platform"),
        (LaunchSpec(exp_in=-600), "expired", "The launch has expired"),
        (LaunchSpec(iss="https://impostor.example"), "issuer", "a platform Attune does not know"),
        (LaunchSpec(deployment_id="dep-9"), "deployment", "a deployment Attune does not know"),
        (LaunchSpec(aud="another-tool"), "audience", "meant for another tool"),
        (LaunchSpec(aud=["another-tool", "attune-tool"]), "audience", "meant for another tool"),
        (LaunchSpec(version="1.1"), "message", "not an LTI 1.3 message"),
    ],
    ids=["tampered", "expired", "unknown-issuer", "unknown-deployment", "wrong-audience",
         "several-audiences-no-azp", "wrong-version"],
)  # fmt: skip
def test_a_bad_id_token_is_refused_clearly_and_audited(
    registered, alice, launch, spec, refusal, says
):
    platform = registered()
    client = Client()

    response = launch(client, spec)

    assert refusal_of(response, client) == refusal
    assert says in response.content.decode()
    entry = AuditEntry.objects.get(action="lti.refused")
    # Recorded for the organisation whose platform the browser started from, with where.
    assert entry.organisation_id == platform.organisation_id and "from 127.0.0.1" in entry.reason
    assert not LtiIdentity.objects.exists()


def test_a_replayed_id_token_is_refused_the_second_time(registered, alice, lti_platform):
    registered()
    client = Client()
    form = begin(client, lti_platform, LaunchSpec())
    action = form.pop("action").removeprefix("http://testserver")

    first = client.post(action, form)
    replay = Client()  # an attacker who copied the launch form and its state cookie
    for name, morsel in client.cookies.items():
        if name.startswith("lti1p3-"):
            replay.cookies[name] = morsel.value
    again = replay.post(action, form)

    assert first.status_code == 302
    assert refusal_of(again, replay) == "nonce"
    assert "already used" in again.content.decode()


def test_a_launch_without_its_state_cookie_is_refused(registered, alice, lti_platform):
    registered()
    form = begin(Client(), lti_platform, LaunchSpec())
    action = form.pop("action").removeprefix("http://testserver")
    other = Client()  # another browser: the state cookie stayed with the first

    response = other.post(action, form)

    assert refusal_of(response, other) == "cookies"
    assert "new window" in response.content.decode()


def test_a_login_from_an_unknown_platform_is_refused_and_audited(registered, lti_platform):
    registered()
    params = lti_platform.login_params(LaunchSpec())
    params["iss"] = "https://lms.impostor.example"

    response = Client().get("/lti/login/", params)

    assert response.status_code == 403
    entry = AuditEntry.objects.get(action="lti.refused")
    assert entry.changes == {"refusal": [None, "issuer"]} and entry.organisation_id is None
    assert "lms.impostor.example" in entry.reason


def test_a_disabled_platform_launches_nobody(registered, alice, lti_platform):
    registered(enabled=False)

    response = Client().get("/lti/login/", lti_platform.login_params(LaunchSpec()))

    assert response.status_code == 403


def test_the_refusal_page_can_be_shown_inside_the_platform(registered, alice, launch):
    registered()

    response = launch(Client(), LaunchSpec(exp_in=-600))

    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
