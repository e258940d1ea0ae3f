"""Users: people of the credential's organisation, created, read, filtered, paged,
replaced, patched and deactivated through SCIM, written by the hr services."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accounts.models import Organisation, Role, User
from activity.models import AuditEntry, Event

from .conftest import ENTERPRISE, ERROR, MEDIA, USER, Scim, user_body

pytestmark = pytest.mark.django_db


def test_create_then_read_round_trips_every_attribute(scim: Scim, org: Organisation) -> None:
    boss = scim.post("Users", user_body("rosa@north.example")).json()
    body = user_body(
        "ada@north.example",
        externalId="entra-7f3a",
        **{
            ENTERPRISE: {
                "employeeNumber": "NW-1001",
                "department": "Care",
                "manager": {"value": boss["id"]},
            }
        },
    )
    created = scim.post("Users", body)
    assert created.status_code == 201, created.content
    assert created["Content-Type"] == MEDIA
    user = created.json()
    assert created["Location"] == user["meta"]["location"]
    assert user["meta"]["location"].endswith(f"/scim/v2/Users/{user['id']}")

    read = scim.get(f"Users/{user['id']}").json()
    assert read["userName"] == "ada@north.example"
    assert read["externalId"] == "entra-7f3a"
    assert read["name"]["givenName"] == "Ada" and read["name"]["familyName"] == "Lovelace"
    assert read["emails"] == [{"value": "ada@north.example", "type": "work", "primary": True}]
    assert read["active"] is True
    assert read[ENTERPRISE]["employeeNumber"] == "NW-1001"
    assert read[ENTERPRISE]["department"] == "Care"
    assert read[ENTERPRISE]["manager"]["value"] == boss["id"]
    person = User.objects.get(pk=user["id"])
    assert (person.organisation, person.employee_id, person.role) == (org, "NW-1001", Role.EMPLOYEE)
    assert not person.has_usable_password()
    assert User.objects.get(pk=boss["id"]).role == Role.MANAGER  # sees the report on the dashboard
    assert AuditEntry.objects.filter(action="scim.user_created", target_id=user["id"]).exists()


def test_filters_select_by_user_name_external_id_email_and_employee_number(
    scim: Scim, make_learner: Callable[..., User]
) -> None:
    scim.post(
        "Users",
        user_body("ada@north.example", externalId="x-1", **{ENTERPRISE: {"employeeNumber": "E-1"}}),
    )
    scim.post("Users", user_body("bob@north.example", externalId="x-2"))
    for expression in [
        'userName eq "ADA@north.example"',  # userName is case-insensitive
        'externalId eq "x-1"',
        'emails.value eq "ada@north.example"',
        f'{ENTERPRISE}:employeeNumber eq "E-1"',
        'userName sw "ada" and active eq true',
    ]:
        found = scim.get("Users", filter=expression).json()
        assert found["totalResults"] == 1, expression
        assert [u["userName"] for u in found["Resources"]] == ["ada@north.example"], expression
    assert scim.get("Users", filter='userName eq "nobody"').json()["totalResults"] == 0


@pytest.mark.parametrize(
    "expression",
    [
        'title eq "x"',
        "userName eq",
        'userName zz "x"',
        'emails[type eq "work"]',
    ],
)
def test_a_filter_that_cannot_be_served_is_invalid_filter(scim: Scim, expression: str) -> None:
    response = scim.get("Users", filter=expression)
    assert response.status_code == 400
    assert response.json()["schemas"] == [ERROR]
    assert response.json()["scimType"] == "invalidFilter"


def test_pages_by_start_index_and_count(scim: Scim, make_learner: Callable[..., User]) -> None:
    people = [make_learner() for _ in range(5)]
    first = scim.get("Users", startIndex=1, count=2).json()
    second = scim.get("Users", startIndex=3, count=2).json()
    last = scim.get("Users", startIndex=5, count=2).json()
    assert [first["totalResults"], second["totalResults"], last["totalResults"]] == [5, 5, 5]
    assert [first["startIndex"], first["itemsPerPage"], last["itemsPerPage"]] == [1, 2, 1]
    ids = [u["id"] for page in (first, second, last) for u in page["Resources"]]
    assert ids == [str(p.pk) for p in people]
    assert scim.get("Users", count=0).json()["totalResults"] == 5


def test_put_replaces_what_it_names(scim: Scim) -> None:
    user = scim.post(
        "Users", user_body("ada@north.example", **{ENTERPRISE: {"employeeNumber": "E-1"}})
    ).json()
    body = user_body("ada.king@north.example", name={"givenName": "Ada", "familyName": "King"})
    replaced = scim.put(f"Users/{user['id']}", body)
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["userName"] == "ada.king@north.example"
    person = User.objects.get(pk=user["id"])
    assert (person.last_name, person.email) == ("King", "ada.king@north.example")
    # The enterprise extension was not sent: Okta and Entra ID send what they manage only.
    assert person.employee_id == "E-1"


def test_patch_replaces_adds_and_removes(scim: Scim) -> None:
    user = scim.post("Users", user_body("ada@north.example")).json()
    response = scim.patch(
        f"Users/{user['id']}",
        {"op": "Replace", "path": "name.familyName", "value": "King"},  # Entra capitalises
        {"op": "add", "path": f"{ENTERPRISE}:employeeNumber", "value": "E-9"},
        {"op": "replace", "path": 'emails[type eq "work"].value', "value": "ada@king.example"},
        {"op": "replace", "value": {"active": False}},
    )
    assert response.status_code == 200, response.content
    person = User.objects.get(pk=user["id"])
    assert (person.last_name, person.employee_id, person.email) == (
        "King",
        "E-9",
        "ada@king.example",
    )
    assert person.is_active is False
    removed = scim.patch(
        f"Users/{user['id']}", {"op": "remove", "path": f"{ENTERPRISE}:employeeNumber"}
    )
    assert removed.status_code == 200, removed.content
    assert User.objects.get(pk=user["id"]).employee_id == ""


def test_an_employee_id_change_is_the_same_event_as_everywhere(scim: Scim) -> None:
    user = scim.post(
        "Users", user_body("ada@north.example", **{ENTERPRISE: {"employeeNumber": "E-1"}})
    ).json()
    scim.patch(
        f"Users/{user['id']}",
        {"op": "replace", "path": f"{ENTERPRISE}:employeeNumber", "value": "E-2"},
    )
    event = Event.objects.get(type="learner.employee_id_changed", learner_id=user["id"])
    assert event.data == {"previous_employee_id": "E-1"}


def test_user_name_taken_is_a_uniqueness_error_that_changes_nothing(
    scim: Scim, make_learner: Callable[..., User], other_org: Organisation
) -> None:
    make_learner(organisation=other_org, username="ada@north.example")
    before = User.objects.count()
    response = scim.post("Users", user_body("ada@north.example"))
    assert response.status_code == 409
    assert response.json()["scimType"] == "uniqueness"
    assert response.json()["schemas"] == [ERROR]
    assert User.objects.count() == before


@pytest.mark.parametrize(
    "body",
    [
        {"schemas": [USER]},  # no userName
        {"schemas": [USER], "userName": "a@b.example", "active": "perhaps"},
        {"schemas": [USER], "userName": "a@b.example", "emails": [{"value": "not an address"}]},
        {"schemas": [USER], "userName": "a@b.example", ENTERPRISE: {"manager": {"value": "99"}}},
        {"schemas": [USER], "userName": "   "},
    ],
)
def test_a_bad_body_is_a_400_that_changes_nothing(scim: Scim, body: dict[str, object]) -> None:
    before = User.objects.count()
    response = scim.post("Users", body)
    assert response.status_code == 400, response.content
    assert response.json()["schemas"] == [ERROR]
    assert response.json()["detail"]
    assert User.objects.count() == before


def test_broken_json_is_invalid_syntax(scim: Scim) -> None:
    response = scim.client.post("/scim/v2/Users", data="{", content_type=MEDIA)
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidSyntax"


def test_okta_style_put_with_read_only_attributes_and_entra_style_patch(scim: Scim) -> None:
    user = scim.post("Users", user_body("ada@north.example")).json()
    # Okta sends the whole resource back, read-only attributes included.
    body = {**user, "name": {"givenName": "Ada", "familyName": "King"}}
    replaced = scim.put(f"Users/{user['id']}", body)
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["name"]["familyName"] == "King"
    # Entra ID: capitalised ops, a value without a path, externalId added later.
    patched = scim.patch(
        f"Users/{user['id']}",
        {"op": "Add", "path": "externalId", "value": "ada.k"},
        {"op": "Replace", "value": {"name.givenName": "Augusta"}},
    )
    assert patched.status_code == 200, patched.content
    assert (patched.json()["externalId"], patched.json()["name"]["givenName"]) == (
        "ada.k",
        "Augusta",
    )
    # Entra ID without its compliance flag sends booleans as strings.
    off = scim.patch(f"Users/{user['id']}", {"op": "Replace", "path": "active", "value": "False"})
    assert off.status_code == 200 and off.json()["active"] is False


def test_a_bad_patch_changes_nothing(scim: Scim) -> None:
    user = scim.post("Users", user_body("ada@north.example")).json()
    response = scim.patch(
        f"Users/{user['id']}",
        {"op": "replace", "path": "name.familyName", "value": "King"},
        {"op": "replace", "path": "userName", "value": ""},
    )
    assert response.status_code == 400, response.content
    assert User.objects.get(pk=user["id"]).last_name == "Lovelace"
    assert scim.patch(f"Users/{user['id']}", {"op": "jump"}).status_code == 400
    assert scim.patch(f"Users/{user['id']}", {"op": "remove", "path": "id"}).status_code == 400
