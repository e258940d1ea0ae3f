"""A SCIM credential sees and changes its own organisation only; an expired, revoked or
missing credential is a 401, one without the scope a 403; each answer is a SCIM error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation, Role, Team, User
from integrations.models import ApiClient, Scope
from integrations.services.clients import api_client_revoke

from .conftest import ERROR, GROUP, MEDIA, Scim, user_body

pytestmark = pytest.mark.django_db


def test_another_organisations_people_and_teams_are_404(
    scim: Scim, other_scim: Scim, other_org: Organisation, make_learner: Callable[..., User]
) -> None:
    stranger = make_learner(organisation=other_org, employee_id="C-1")
    team = Team.objects.create(organisation=other_org, name="Contoso team")
    for method, path, body in [
        ("get", f"Users/{stranger.pk}", None),
        ("put", f"Users/{stranger.pk}", user_body("x@north.example")),
        ("delete", f"Users/{stranger.pk}", None),
        ("get", f"Groups/{team.pk}", None),
        ("delete", f"Groups/{team.pk}", None),
    ]:
        response = scim._send(method, path, body)
        assert response.status_code == 404, (method, path)
        assert response.json()["schemas"] == [ERROR]
    patched = scim.patch(f"Users/{stranger.pk}", {"op": "replace", "value": {"active": False}})
    assert patched.status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active and stranger.username != "x@north.example"
    assert Team.objects.filter(pk=team.pk).exists()
    # Lists and filters never reach across either.
    assert scim.get("Users", filter='employeeNumber eq "C-1"').json()["totalResults"] == 0
    assert scim.get("Groups").json()["totalResults"] == 0
    assert other_scim.get("Users").json()["totalResults"] == 1


def test_staff_accounts_are_not_provisioned(
    scim: Scim, org: Organisation, make_learner: Callable[..., User]
) -> None:
    staff = make_learner(role=Role.STAFF, is_staff=True, is_superuser=True)
    assert scim.get(f"Users/{staff.pk}").status_code == 404
    assert scim.get("Users").json()["totalResults"] == 0


@pytest.mark.parametrize("path", ["Users", "Groups", "ServiceProviderConfig", "Schemas"])
def test_without_a_live_credential_it_is_401(
    path: str, make_token: Callable[..., str], org: Organisation
) -> None:
    expired = make_token([Scope.SCIM_PROVISION])
    ApiClient.objects.filter(key_id=expired.split("_")[1]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked = make_token([Scope.SCIM_PROVISION])
    api_client_revoke(client=ApiClient.objects.get(key_id=revoked.split("_")[1]))
    for token in [None, expired, revoked, "atn_nope_nope", expired[:-2] + "xx"]:
        response = Scim(token).get(path)
        assert response.status_code == 401, token
        assert response["Content-Type"] == MEDIA
        assert response.json()["schemas"] == [ERROR]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_credential_without_the_scope_is_403_and_changes_nothing(
    make_token: Callable[..., str],
) -> None:
    reader = Scim(make_token([s for s in Scope.values if s != Scope.SCIM_PROVISION]))
    response = reader.post("Users", user_body("ada@north.example"))
    assert response.status_code == 403
    assert "scim:provision" in response.json()["detail"]
    assert reader.post("Groups", {"schemas": [GROUP], "displayName": "T"}).status_code == 403
    assert not User.objects.filter(username="ada@north.example").exists()
    assert not Team.objects.exists()


def test_a_session_is_no_credential(scim: Scim, make_learner: Callable[..., User]) -> None:
    hr = make_learner(role=Role.HR)
    browser = Scim(None)
    browser.client.force_login(hr)
    assert browser.get("Users").status_code == 401


def test_an_unknown_path_is_a_scim_404(scim: Scim) -> None:
    response = scim.get("Teams")
    assert response.status_code == 404
    assert response.json()["schemas"] == [ERROR]


def test_the_rate_limit_applies(make_token: Callable[..., str]) -> None:
    limited = Scim(make_token([Scope.SCIM_PROVISION], rate_limit=2))
    responses = [limited.get("Users") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert int(responses[-1]["Retry-After"]) >= 1
    assert responses[-1].json()["status"] == "429"


def test_a_staff_manager_is_not_shown_and_a_patch_leaves_them(
    scim: Scim, make_learner: Callable[..., User]
) -> None:
    staff = make_learner(role=Role.STAFF, is_staff=True, is_superuser=True)
    ana = make_learner(manager=staff)
    assert "manager" not in scim.get(f"Users/{ana.pk}").json().get(
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", {}
    )
    assert (
        scim.patch(
            f"Users/{ana.pk}", {"op": "replace", "path": "name.givenName", "value": "Ana"}
        ).status_code
        == 200
    )
    ana.refresh_from_db()
    assert (ana.first_name, ana.manager_id) == ("Ana", staff.pk)
