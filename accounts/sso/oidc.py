"""The OpenID Connect conversation with an organisation's provider, via authlib.

One authlib client is built per request from the organisation's row, so every
organisation has its own issuer, client and keys. What authlib checks: the state (once,
from this browser's session), PKCE, the id_token's signature against the provider's
JWKS (refetched when a new key id appears), and the nonce. What we add: the issuer must
be the one HR configured (the discovery document and the token both), the audience must
be our client id, and an id_token must be there at all.
"""

from __future__ import annotations

from typing import Any

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.django_client import DjangoIntegration, DjangoOAuth2App
from django.http import HttpRequest, HttpResponse
from joserfc.errors import BadSignatureError, ClaimError, ExpiredTokenError, JoseError

from .errors import Refusal, SsoError
from .models import IdentityProvider
from .sealing import SealError, unseal

SCOPE = "openid email profile"
TIMEOUT_SECONDS = 10  # each call to the provider; a person is waiting
LEEWAY_SECONDS = 60  # clock difference tolerated on exp / iat
CLAIM_REFUSALS = {"aud": Refusal.AUDIENCE, "iss": Refusal.ISSUER, "nonce": Refusal.NONCE}


def oidc_client(provider: IdentityProvider) -> DjangoOAuth2App:
    name = f"sso{provider.pk}"  # also the session key prefix of this provider's states
    try:
        client_secret = unseal(provider.client_secret_sealed)
    except SealError as error:  # ATTUNE_SECRET_KEYS lost the key it was sealed with
        raise SsoError(Refusal.CONFIGURATION, str(error)) from error
    return DjangoOAuth2App(
        DjangoIntegration(name),
        name=name,
        client_id=provider.client_id,
        client_secret=client_secret,
        server_metadata_url=provider.metadata_url,
        client_kwargs={
            "scope": SCOPE,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT_SECONDS,
        },
    )


def provider_metadata(client: DjangoOAuth2App, provider: IdentityProvider) -> dict[str, Any]:
    """The discovery document, refused unless it names the configured issuer
    (OpenID Connect Discovery 1.0, section 4.3)."""
    try:
        metadata: dict[str, Any] = client.load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise SsoError(
            Refusal.UNREACHABLE, f"discovery {provider.metadata_url}: {error}"
        ) from error
    if metadata.get("issuer") != provider.issuer:
        raise SsoError(
            Refusal.ISSUER,
            f"discovery names issuer {metadata.get('issuer')!r}, configured {provider.issuer!r}",
        )
    return metadata


def sign_in_redirect(
    request: HttpRequest, provider: IdentityProvider, redirect_uri: str
) -> HttpResponse:
    """Send the browser to the provider; state, nonce and PKCE verifier stay in the session."""
    client = oidc_client(provider)
    provider_metadata(client, provider)
    response: HttpResponse = client.authorize_redirect(request, redirect_uri)
    return response


def verified_claims(request: HttpRequest, provider: IdentityProvider) -> dict[str, Any]:
    """The id_token's claims from the provider's answer in ``request``, every check passed;
    otherwise ``SsoError`` naming what failed."""
    client = oidc_client(provider)
    provider_metadata(client, provider)
    # authlib alone lets a foreign ``aud`` through when ``azp`` names us; require both.
    claims_options = {
        "iss": {"essential": True, "value": provider.issuer},
        "aud": {"essential": True, "value": provider.client_id},
    }
    try:
        token = client.authorize_access_token(
            request, claims_options=claims_options, leeway=LEEWAY_SECONDS
        )
    except MismatchingStateError as error:
        raise SsoError(
            Refusal.STATE, "state unknown to this session (replayed or expired)"
        ) from error
    except OAuthError as error:
        raise SsoError(Refusal.PROVIDER, f"{error.error}: {error.description or ''}") from error
    except BadSignatureError as error:
        raise SsoError(Refusal.SIGNATURE, "id_token signature does not verify") from error
    except ExpiredTokenError as error:
        raise SsoError(Refusal.EXPIRED, "id_token exp is in the past") from error
    except ClaimError as error:
        refusal = CLAIM_REFUSALS.get(error.claim, Refusal.CLAIMS)
        raise SsoError(refusal, f"id_token claim {error.claim!r}: {error.description}") from error
    except JoseError as error:
        raise SsoError(Refusal.SIGNATURE, f"id_token unreadable: {error.error}") from error
    except requests.RequestException as error:
        raise SsoError(Refusal.UNREACHABLE, f"token endpoint: {error}") from error
    if "userinfo" not in token:
        raise SsoError(Refusal.CLAIMS, "the token response has no id_token")
    return dict(token["userinfo"])


def connection_check(provider: IdentityProvider) -> list[tuple[bool, str]]:
    """HR's "test the connection": each step with whether it passed, stopping at the first
    that cannot go on."""
    try:
        client = oidc_client(provider)
        metadata = provider_metadata(client, provider)
    except SsoError as error:
        return [(False, error.detail)]
    steps = [(True, f"Discovery document read from {provider.metadata_url}; the issuer matches.")]
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        steps.append((key in metadata, f"Its {key}: {metadata.get(key, 'missing')}"))
    methods = metadata.get("code_challenge_methods_supported")
    if methods is not None:
        steps.append(("S256" in methods, "It accepts PKCE with S256."))
    if "jwks_uri" in metadata:
        try:
            keys = client.fetch_jwk_set(force=True).get("keys", [])
        except (requests.RequestException, ValueError) as error:
            steps.append((False, f"Its signing keys could not be read: {error}"))
        else:
            steps.append((bool(keys), f"It publishes {len(keys)} signing key(s)."))
    return steps
