"""Lists and filters run the same number of queries for 5 people or 60, with managers,
departments, teams and external ids on every row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Department, Organisation, Team, User
from integrations.models import ScimExternalId

from .conftest import Scim

pytestmark = pytest.mark.django_db

LISTS = [
    ("Users", {}),
    ("Users", {"filter": 'userName sw "p" and active eq true'}),
    ("Users", {"filter": "externalId pr", "startIndex": 2, "count": 50}),
    ("Groups", {}),
    ("Groups", {"filter": 'displayName sw "Team"'}),
]


def grow(org: Organisation, make_learner: Callable[..., User], people: int) -> None:
    department, _ = Department.objects.get_or_create(organisation=org, name="Care")
    boss = make_learner(username=f"pboss{people}")
    for n in range(people):
        team, _ = Team.objects.get_or_create(organisation=org, name=f"Team {n % 7}")
        person = make_learner(
            username=f"p{people}-{n}", manager=boss, department=department, team=team
        )
        ScimExternalId.objects.create(organisation=org, person=person, value=f"x-{n}")


def queries(scim: Scim, path: str, params: dict[str, object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = scim.get(path, **params)
        assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_list_queries_do_not_grow_with_people(
    scim: Scim,
    org: Organisation,
    make_learner: Callable[..., User],
    path: str,
    params: dict[str, object],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    scim.get("ServiceProviderConfig")  # the credential's last use is written once a minute
    grow(org, make_learner, 5)
    few = queries(scim, path, params)
    grow(org, make_learner, 60)
    many = queries(scim, path, params)
    assert many == few
    # The credential, the count and the page; for teams, their members in one more.
    with django_assert_max_num_queries(3 if path == "Users" else 4):  # type: ignore[operator]
        scim.get(path, **params)
