"""LTI fixtures (the LTI and browser tests import them): the test platform (one per
session, emptied per test), north's registration of it, and a launch the way a browser
carries it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from django.test import Client

from accounts.models import Organisation, User
from courses.models import Course
from lti.keys import published_keyset
from lti.models import Platform
from lti.services.platforms import platform_save
from tests.accounts.sso_fixtures import alice, north, north_hr, south  # noqa: F401 (fixtures)

from .platform import LaunchSpec, TestPlatform, posted_form


@pytest.fixture(scope="session")
def test_platform() -> Iterator[TestPlatform]:
    platform = TestPlatform()
    yield platform
    platform.stop()


@pytest.fixture
def lti_platform(test_platform: TestPlatform, db: None) -> TestPlatform:
    """The platform, knowing Attune's keyset as it is now (as if its admin pasted the
    keyset URL and the platform fetched it)."""
    test_platform.reset()
    keyset = published_keyset()
    test_platform.tool_keyset = lambda: keyset
    return test_platform


@pytest.fixture
def registered(
    north: Organisation,  # noqa: F811 (the imported fixture)
    north_hr: User,  # noqa: F811
    course: Course,
    lti_platform: TestPlatform,
) -> Callable[..., Platform]:
    """North's registration of the test platform, as HR would save it."""

    def register(**fields: Any) -> Platform:
        values: dict[str, Any] = {
            "name": "Moodle (north)",
            **lti_platform.registration(),
            "course": course,
            "match_claim": "email",
            "employee_id_claim": "employee_id",
            "create_accounts": True,
            "enabled": True,
        }
        return platform_save(organisation=north, actor=north_hr, **{**values, **fields})

    return register


def begin(client: Client, platform: TestPlatform, spec: LaunchSpec) -> dict[str, str]:
    """Login initiation at Attune, then authentication at the platform: the form the
    platform makes the browser post to Attune's launch URL."""
    start = client.get("/lti/login/", platform.login_params(spec))
    assert start.status_code == 302, start.content[:500]
    page = requests.get(start["Location"], timeout=10)
    assert page.ok, page.text[:500]
    return posted_form(page.text)


@pytest.fixture
def launch(lti_platform: TestPlatform) -> Callable[..., Any]:
    """The whole launch for ``spec``; Attune's answer to the posted id_token."""

    def launch(client: Client, spec: LaunchSpec | None = None, **fields: Any) -> Any:
        form = begin(client, lti_platform, spec or LaunchSpec(**fields))
        action = form.pop("action")
        return client.post(action.removeprefix("http://testserver"), form)

    return launch
