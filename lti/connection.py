"""HR's "test the connection": read the platform's keyset, and ask its token endpoint
for an access token the way grade passback and the roster will."""

from __future__ import annotations

import requests
from pylti1p3.exception import LtiServiceException
from pylti1p3.service_connector import ServiceConnector

from . import claims as c
from .http import TIMEOUT_SECONDS, PlatformSession
from .models import Platform
from .tool_conf import registration_of


def connection_check(platform: Platform) -> list[tuple[bool, str]]:
    """Each step with whether it passed."""
    steps: list[tuple[bool, str]] = []
    try:
        response = PlatformSession().get(platform.keyset_url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        keys = response.json().get("keys", [])
    except (requests.RequestException, ValueError, AttributeError) as error:
        steps.append((False, f"The platform keyset could not be read: {error}"))
    else:
        usable = [k for k in keys if isinstance(k, dict) and k.get("kid") and k.get("kty") == "RSA"]
        steps.append(
            (bool(usable), f"The platform keyset has {len(usable)} RSA signing key(s) with a kid.")
        )
    connector = ServiceConnector(registration_of(platform), PlatformSession())
    try:
        connector.get_access_token([c.SCORE_SCOPE])
    except LtiServiceException as error:
        steps.append((False, f"The access token URL refused Attune's signed request: {error}"))
    except (requests.RequestException, ValueError, KeyError) as error:
        steps.append((False, f"The access token URL could not be used: {error}"))
    else:
        steps.append(
            (True, "The access token URL gave Attune a token for grade passback (AGS scores).")
        )
    return steps
