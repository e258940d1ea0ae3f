"""The LTI 1.3 conversation with a platform, via pylti1p3.

The third-party login (``login_redirect``) remembers, per browser, a state (a short
cookie) and a nonce, and sends the browser to the platform's authentication URL. The
launch (``validated_launch``) gets the platform's signed id_token back and runs
pylti1p3's checks in its order — state, nonce issued by us, registration, signature from
the platform's keyset (with ``exp`` and ``iat``), deployment, message type and version —
each failure turned into one ``Refusal``. What we add: the audience must name one of the
issuer's registered client ids (and ``azp`` must, when several audiences are named), and
the nonce is spent in the database, so a replayed id_token fails even where pylti1p3
would accept a reload.
"""

from __future__ import annotations

from typing import Any

import jwt
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from pylti1p3.contrib.django import (
    DjangoCacheDataStorage,
    DjangoMessageLaunch,
    DjangoOIDCLogin,
)
from pylti1p3.contrib.django.request import DjangoRequest
from pylti1p3.exception import LtiException, OIDCException

from .errors import LtiError, Refusal
from .models import Platform, UsedNonce
from .tool_conf import PlatformToolConf, registration_of

LEEWAY_SECONDS = 60  # clock difference tolerated on exp / iat
LAUNCH_DATA_SECONDS = 2 * 3600  # a deep-linking picker may stay open this long
VERIFY_OPTIONS: Any = {"verify_aud": False, "require": ["exp", "iat"]}


def _storage() -> DjangoCacheDataStorage:
    # The shared cache (Redis in production): the login and the launch may reach
    # different processes. Over HTTPS pylti1p3 also binds it to a SameSite=None cookie.
    return DjangoCacheDataStorage(cache_name="default")


def platform_for_login(request: HttpRequest) -> Platform:
    """The enabled platform a login initiation names (``iss``, and ``client_id`` when the
    platform sends one; an issuer with one registration needs none)."""
    params = request.POST if request.method == "POST" else request.GET
    iss, client_id = params.get("iss", ""), params.get("client_id", "")
    if not iss or not params.get("login_hint"):
        raise LtiError(Refusal.REQUEST, "login initiation without iss or login_hint")
    platforms = Platform.objects.select_related("organisation").filter(issuer=iss, enabled=True)
    if client_id:
        platforms = platforms.filter(client_id=client_id)
    found = list(platforms[:2])
    if len(found) != 1:
        raise LtiError(
            Refusal.ISSUER, f"login from {iss!r} (client id {client_id or 'not sent'}): no match"
        )
    return found[0]


def login_redirect(request: HttpRequest, platform: Platform, launch_url: str) -> HttpResponse:
    """Send the browser to the platform's authentication URL, remembering state and nonce."""
    lti_request = DjangoRequest(request, default_params={"client_id": platform.client_id})
    login = DjangoOIDCLogin(lti_request, PlatformToolConf())
    login.set_launch_data_storage(_storage()).set_launch_data_lifetime(LAUNCH_DATA_SECONDS)
    try:
        response: HttpResponse = login.pass_params_to_launch({"platform_id": platform.pk}).redirect(
            launch_url
        )
    except OIDCException as error:
        raise LtiError(Refusal.REQUEST, str(error)) from error
    return response


class AttuneLaunch(DjangoMessageLaunch):
    """pylti1p3's launch with each failure named, and the audience checked strictly."""

    platform: Platform | None = None
    _client_id: str | None = None

    def get_client_id(self) -> str:
        return self._client_id or super().get_client_id()

    def _refuse(self, refusal: Refusal, step: Any) -> Any:
        try:
            return step()
        except LtiException as error:
            raise LtiError(refusal, str(error)) from error

    def validate_state(self) -> AttuneLaunch:
        state = self._get_request_param("state")
        if not state or not self._get_request_param("id_token"):
            raise LtiError(Refusal.REQUEST, "a launch without state or id_token")
        no_cookie = state and not self._request.get_cookie(f"lti1p3-{state}")
        # A reload of an accepted launch is recognised by its id_token, cookie or not.
        if no_cookie and not self._session_service.check_state_is_valid(
            state, self._get_id_token_hash()
        ):
            raise LtiError(Refusal.COOKIES, "no state cookie came with the launch")
        return self._refuse(Refusal.STATE, super().validate_state)

    def validate_jwt_format(self) -> AttuneLaunch:
        return self._refuse(Refusal.REQUEST, super().validate_jwt_format)

    def validate_nonce(self) -> AttuneLaunch:
        return self._refuse(Refusal.NONCE, super().validate_nonce)

    def validate_registration(self) -> AttuneLaunch:
        body = self._get_jwt_body()
        iss = body.get("iss")
        platforms = {
            p.client_id: p
            for p in Platform.objects.select_related("organisation", "course").filter(
                issuer=iss or "", enabled=True
            )
        }
        if not iss or not platforms:
            raise LtiError(Refusal.ISSUER, f"id_token from unknown issuer {iss!r}")
        aud = body.get("aud")
        audiences = [aud] if isinstance(aud, str) else list(aud or [])
        azp = body.get("azp")
        if len(audiences) > 1 and not azp:
            raise LtiError(Refusal.AUDIENCE, f"several audiences {audiences} and no azp")
        client_id = azp or (audiences[0] if audiences else "")
        if client_id not in audiences or client_id not in platforms:
            raise LtiError(
                Refusal.AUDIENCE, f"id_token for {audiences} (azp {azp!r}), no client id of {iss}"
            )
        self._client_id, self.platform = client_id, platforms[client_id]
        self._registration = registration_of(self.platform)
        return self

    def validate_jwt_signature(self) -> AttuneLaunch:
        public_key, algorithm = self._refuse(Refusal.SIGNATURE, self.get_public_key)
        try:
            jwt.decode(
                self._get_id_token(),
                public_key,
                algorithms=[algorithm],
                options=VERIFY_OPTIONS,
                leeway=LEEWAY_SECONDS,
            )
        except jwt.ExpiredSignatureError as error:
            raise LtiError(Refusal.EXPIRED, "id_token exp is in the past") from error
        except jwt.InvalidTokenError as error:
            raise LtiError(Refusal.SIGNATURE, f"id_token: {error}") from error
        return self

    def get_public_key(self) -> tuple[str, str]:
        try:
            return super().get_public_key()
        except LtiException as error:
            if "Error during fetch" in str(error) or "Invalid response" in str(error):
                raise LtiError(Refusal.UNREACHABLE, str(error)[:300]) from error
            raise

    def validate_deployment(self) -> AttuneLaunch:
        return self._refuse(Refusal.DEPLOYMENT, super().validate_deployment)

    def validate_message(self) -> AttuneLaunch:
        return self._refuse(Refusal.MESSAGE, super().validate_message)


def login_platform_id(launch: AttuneLaunch) -> int | None:
    """The platform the browser started its login with (to record a refusal against),
    whatever the id_token claims."""
    if not launch._get_request_param("state"):
        return None
    try:
        params = launch.get_params_from_login() or {}
    except (LtiException, LtiError):
        return None
    value = params.get("platform_id")
    return value if isinstance(value, int) else None


def launch_begin(request: HttpRequest) -> AttuneLaunch:
    launch = AttuneLaunch(request, PlatformToolConf(), launch_data_storage=_storage())
    launch.set_launch_data_lifetime(LAUNCH_DATA_SECONDS)
    return launch


def validated_launch(launch: AttuneLaunch) -> dict[str, Any]:
    """Every check of the launch passed, its nonce spent; the id_token's claims.
    Raises ``LtiError`` naming the first check that failed."""
    try:
        launch.validate()
    except LtiException as error:  # a step not wrapped above
        raise LtiError(Refusal.REQUEST, str(error)[:300]) from error
    claims: dict[str, Any] = dict(launch.get_launch_data())
    assert launch.platform is not None  # set by validate_registration
    try:
        with transaction.atomic():
            UsedNonce.objects.create(platform=launch.platform, nonce=str(claims["nonce"])[:255])
    except IntegrityError as error:
        raise LtiError(Refusal.NONCE, "the id_token's nonce was already used") from error
    return claims
