"""The provider's claims, and the clients that misbehave on purpose.

Each misbehaving client gets a token that django-oauth-toolkit really signed (or, for
``attune-tampered``, really signed and then altered), so Attune's refusals are tested on
what a broken or hostile provider would send, not on tokens the test wrote itself."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

FIRST_NONCE: dict[str, str] = {}  # attune-replay: the first sign-in's nonce, sent every time


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TestProviderValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever scopes were asked for

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        return {
            "email": user.email,
            "email_verified": True,
            "given_name": user.first_name,
            "family_name": user.last_name,
            # The employer's id as Entra ID / Okta send it from the HR system.
            "employee_id": f"N-{user.username.upper()}",
        }

    def get_id_token_dictionary(self, token: Any, token_handler: Any, request: Any) -> Any:
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        client_id, now = request.client.client_id, int(time.time())
        if client_id == "attune-expired":
            claims.update(iat=now - 3600, exp=now - 1800)
        elif client_id == "attune-wrong-audience":
            claims["aud"] = "another-application"
        elif client_id == "attune-other-issuer":
            claims["iss"] = "https://impostor.example/o"
        elif client_id == "attune-replay":
            # What a replayed id_token carries: the nonce of an earlier sign-in.
            claims["nonce"] = FIRST_NONCE.setdefault(client_id, request.nonce)
        return claims, expiration_time

    def finalize_id_token(self, id_token: Any, token: Any, token_handler: Any, request: Any) -> str:
        signed: str = super().finalize_id_token(id_token, token, token_handler, request)
        client_id = request.client.client_id
        if client_id == "attune-tampered":
            header, payload, signature = signed.split(".")
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            claims["email"] = "ceo@north.example"  # someone on the way claims to be the CEO
            signed = ".".join([header, _b64(json.dumps(claims).encode()), signature])
        return signed
