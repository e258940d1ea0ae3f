"""Single sign-on fixtures (the accounts and browser tests import them): a north
organisation whose people sign in through the test identity provider, and a south one
that must never be reached through it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import Organisation, Role, User
from accounts.sso.models import IdentityProvider
from accounts.sso.services import identity_provider_save
from tests.factories import UserFactory

from .oidc_provider.fixture import OidcProvider, sign_in_at_provider


@pytest.fixture
def north(db: None) -> Organisation:
    return Organisation.objects.create(name="Northwind Retail", slug="north")


@pytest.fixture
def south(db: None) -> Organisation:
    return Organisation.objects.create(name="Southgate Bank", slug="south")


@pytest.fixture
def north_hr(north: Organisation) -> User:
    return UserFactory(username="hana", role=Role.HR, organisation=north)


@pytest.fixture
def alice(north: Organisation) -> User:
    return UserFactory(username="alice.adams", email="Alice@north.example", organisation=north)


@pytest.fixture
def configure(
    north: Organisation, north_hr: User, oidc_provider: OidcProvider
) -> Callable[..., IdentityProvider]:
    """North's provider settings, as HR would save them, for one of the test clients."""

    def configure(client_id: str = "attune", **fields: Any) -> IdentityProvider:
        values: dict[str, Any] = {
            "issuer": oidc_provider.issuer,
            "discovery_url": "",
            "client_id": client_id,
            "match_claim": "email",
            "employee_id_claim": "employee_id",
            "create_accounts": False,
            "passwords_allowed": True,
            "enabled": True,
        }
        return identity_provider_save(
            organisation=north,
            actor=north_hr,
            client_secret=oidc_provider.secret_of(client_id),
            **{**values, **fields},
        )

    return configure


@pytest.fixture
def sign_in() -> Callable[..., Any]:
    """The whole round trip for ``username`` at the provider; Attune's last response."""

    def sign_in(client: Client, username: str, organisation: str = "north") -> Any:
        start = client.get(f"/accounts/sso/{organisation}/login/")
        assert start.status_code == 302, start.content[:500]
        back = sign_in_at_provider(start["Location"], username)
        return client.get(back.removeprefix("http://testserver"))

    return sign_in
