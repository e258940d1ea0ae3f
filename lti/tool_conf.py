"""pylti1p3's view of our registrations: each ``Platform`` row is a registration, its
``deployment_ids`` its deployments, and the tool's current key signs for all of them."""

from __future__ import annotations

from typing import Any

from pylti1p3.deployment import Deployment
from pylti1p3.registration import Registration
from pylti1p3.tool_config import ToolConfAbstract

from .keys import current_tool_key, private_pem, public_pem
from .models import Platform


def registration_of(platform: Platform) -> Registration:
    key = current_tool_key()
    return (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_key_set_url(platform.keyset_url)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.access_token_url)
        .set_tool_private_key(private_pem(key))
        .set_tool_public_key(public_pem(key))
    )


class PlatformToolConf(ToolConfAbstract[Any]):
    """Registrations from the database; one issuer may have several client ids (a
    Moodle site registering Attune for two organisations, say)."""

    def __init__(self) -> None:
        self.platforms: dict[tuple[str, str], Platform] = {}

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def platform(self, iss: str, client_id: str | None) -> Platform | None:
        if (iss, client_id or "") not in self.platforms:
            found = (
                Platform.objects.select_related("organisation", "course")
                .filter(issuer=iss, client_id=client_id or "", enabled=True)
                .first()
            )
            if found is None:
                return None
            self.platforms[(iss, client_id or "")] = found
        return self.platforms[(iss, client_id or "")]

    def find_registration_by_issuer(self, iss: str, *args: Any, **kwargs: Any) -> Registration:
        raise NotImplementedError("every issuer is looked up with its client id")

    def find_registration_by_params(
        self, iss: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Registration:
        platform = self.platform(iss, client_id)
        return registration_of(platform) if platform else None  # type: ignore[return-value]

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        raise NotImplementedError("every issuer is looked up with its client id")

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Deployment | None:
        platform = self.platform(iss, client_id)
        if platform is None or deployment_id not in platform.deployment_ids:
            return None
        return Deployment().set_deployment_id(deployment_id)
