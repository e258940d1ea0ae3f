"""Groups are teams: created, renamed, filled and emptied through SCIM. A person is in
one team at a time, so joining a group moves them out of their previous one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accounts.models import Organisation, Team, User

from .conftest import ERROR, GROUP, Scim

pytestmark = pytest.mark.django_db


def test_create_a_team_with_members_and_read_it(
    scim: Scim, org: Organisation, make_learner: Callable[..., User]
) -> None:
    ana, ben = make_learner(first_name="Ana"), make_learner(first_name="Ben")
    created = scim.post(
        "Groups",
        {
            "schemas": [GROUP],
            "displayName": "Billing",
            "externalId": "okta-g1",
            "members": [{"value": str(ana.pk)}],
        },
    )
    assert created.status_code == 201, created.content
    group = created.json()
    team = Team.objects.get(pk=group["id"])
    assert (team.organisation, team.name) == (org, "Billing")
    assert [m["value"] for m in group["members"]] == [str(ana.pk)]
    assert scim.get(f"Users/{ana.pk}").json()["groups"][0]["display"] == "Billing"
    found = scim.get("Groups", filter='displayName eq "billing"').json()
    assert [g["id"] for g in found["Resources"]] == [group["id"]]
    assert scim.get("Groups", filter='externalId eq "okta-g1"').json()["totalResults"] == 1

    added = scim.patch(
        f"Groups/{group['id']}", {"op": "add", "path": "members", "value": [{"value": str(ben.pk)}]}
    )
    assert added.status_code == 200, added.content
    assert {m["value"] for m in added.json()["members"]} == {str(ana.pk), str(ben.pk)}
    removed = scim.patch(
        f"Groups/{group['id']}", {"op": "remove", "path": f'members[value eq "{ana.pk}"]'}
    )
    assert removed.status_code == 200, removed.content
    assert [m["value"] for m in removed.json()["members"]] == [str(ben.pk)]
    ana.refresh_from_db()
    assert ana.team is None


def test_entra_removes_members_with_a_value_and_renames(
    scim: Scim, make_learner: Callable[..., User]
) -> None:
    ana = make_learner()
    group = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "Phones", "members": [{"value": str(ana.pk)}]}
    ).json()
    response = scim.patch(
        f"Groups/{group['id']}",
        {"op": "Remove", "path": "members", "value": [{"value": str(ana.pk)}]},
        {"op": "Replace", "path": "displayName", "value": "Phone support"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["displayName"] == "Phone support"
    assert response.json().get("members", []) == []


def test_joining_a_team_moves_the_person_out_of_the_other(
    scim: Scim, make_learner: Callable[..., User]
) -> None:
    ana = make_learner()
    first = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "A", "members": [{"value": str(ana.pk)}]}
    ).json()
    second = scim.post("Groups", {"schemas": [GROUP], "displayName": "B"}).json()
    scim.patch(
        f"Groups/{second['id']}",
        {"op": "add", "path": "members", "value": [{"value": str(ana.pk)}]},
    )
    assert scim.get(f"Groups/{first['id']}").json().get("members", []) == []
    ana.refresh_from_db()
    assert ana.team_id == int(second["id"])


def test_deleting_a_team_keeps_its_members(scim: Scim, make_learner: Callable[..., User]) -> None:
    ana = make_learner()
    group = scim.post(
        "Groups", {"schemas": [GROUP], "displayName": "Gone", "members": [{"value": str(ana.pk)}]}
    ).json()
    assert scim.delete(f"Groups/{group['id']}").status_code == 204
    assert scim.get(f"Groups/{group['id']}").status_code == 404
    ana.refresh_from_db()
    assert ana.is_active and ana.team is None


def test_a_duplicate_name_is_a_uniqueness_error(scim: Scim) -> None:
    scim.post("Groups", {"schemas": [GROUP], "displayName": "Billing"})
    response = scim.post("Groups", {"schemas": [GROUP], "displayName": "billing"})
    assert response.status_code == 409
    assert response.json()["scimType"] == "uniqueness"
    assert Team.objects.count() == 1


def test_an_unknown_member_is_refused_and_nothing_changes(
    scim: Scim, other_org: Organisation, make_learner: Callable[..., User]
) -> None:
    stranger = make_learner(organisation=other_org)
    for members in ([{"value": "999999"}], [{"value": str(stranger.pk)}], [{"value": "x"}]):
        response = scim.post("Groups", {"schemas": [GROUP], "displayName": "T", "members": members})
        assert response.status_code == 400, members
        assert response.json()["schemas"] == [ERROR]
    assert Team.objects.count() == 0
