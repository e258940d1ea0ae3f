"""Leaving the platform's frame: a launch shown inside an iframe signs nobody in there
(a cookie set in someone else's page may never come back, and Attune's pages refuse to
be framed); it offers a link that opens Attune in its own window, signed in once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction

from accounts.models import User

from .errors import LtiError, Refusal
from .models import Platform, UsedNonce

SALT = "lti.continue"
CONTINUE_SECONDS = 300  # the learner clicks it at once; a leaked link soon dies


def continue_token(*, platform: Platform, user: User, next_url: str) -> str:
    return signing.dumps(
        {"platform": platform.pk, "user": user.pk, "next": next_url, "id": uuid.uuid4().hex},
        salt=SALT,
    )


@dataclass(frozen=True)
class Continuation:
    platform: Platform
    user: User
    next_url: str
    token_id: str


def continuation_read(token: str) -> Continuation:
    """Who a continue link would sign in, and where it goes, without using it up: the
    learner confirms first, so a link someone else sends them cannot sign them in as
    someone else unnoticed."""
    try:
        data = signing.loads(token, salt=SALT, max_age=CONTINUE_SECONDS)
    except signing.BadSignature as error:
        raise LtiError(Refusal.CONTINUE, "continue link invalid or expired") from error
    platform = Platform.objects.filter(pk=data["platform"], enabled=True).first()
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    if platform is None or user is None or user.organisation_id != platform.organisation_id:
        raise LtiError(Refusal.CONTINUE, "continue link of a platform or person no longer there")
    if UsedNonce.objects.filter(platform=platform, nonce=f"continue:{data['id']}").exists():
        raise LtiError(Refusal.CONTINUE, "continue link used twice")
    return Continuation(platform, user, str(data["next"]), str(data["id"]))


def continued_user(token: str) -> tuple[User, str]:
    """The person a confirmed continue link signs in and where it goes; each link works
    once."""
    continuation = continuation_read(token)
    try:
        with transaction.atomic():
            UsedNonce.objects.create(
                platform=continuation.platform, nonce=f"continue:{continuation.token_id}"
            )
    except IntegrityError as error:
        raise LtiError(Refusal.CONTINUE, "continue link used twice") from error
    return continuation.user, continuation.next_url
