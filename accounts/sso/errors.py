"""Why a single sign-on was refused: one error type, one sentence for the person."""

from __future__ import annotations

from django.db import models


class Refusal(models.TextChoices):
    STATE = "state", "This sign-in was already completed or has expired"
    SIGNATURE = "signature", "The sign-in answer is not signed by your provider"
    EXPIRED = "expired", "The sign-in answer has expired"
    AUDIENCE = "audience", "The sign-in answer was meant for another application"
    ISSUER = "issuer", "The sign-in answer came from an unknown provider"
    NONCE = "nonce", "The sign-in answer belongs to an earlier sign-in"
    PROVIDER = "provider", "Your provider refused the sign-in"
    UNREACHABLE = "unreachable", "Your provider could not be reached"
    CLAIMS = "claims", "Your provider did not say who you are"
    NO_ACCOUNT = "no_account", "No account matches you"
    OTHER_ORGANISATION = "other_organisation", "Your account belongs to another organisation"
    INACTIVE = "inactive", "Your account is switched off"
    CONFIGURATION = "configuration", "Single sign-on is not set up correctly"


ADVICE = {
    Refusal.STATE: "Each sign-in works once and for one hour. Start again from the sign-in page.",
    Refusal.SIGNATURE: (
        "The answer may have been changed on its way. Nothing was signed in; start again, "
        "and tell your IT team if it happens twice."
    ),
    Refusal.EXPIRED: "Check that this device's clock is right, then start again.",
    Refusal.AUDIENCE: "Your IT team should check the client id configured in Attune.",
    Refusal.ISSUER: "Your IT team should check the issuer configured in Attune.",
    Refusal.NONCE: "An old sign-in answer was sent again. Nothing was signed in; start again.",
    Refusal.PROVIDER: "Try again; if it keeps failing, tell your IT team what it said.",
    Refusal.UNREACHABLE: "Try again in a few minutes, or log in with a password if you have one.",
    Refusal.CLAIMS: "Your IT team should make the provider send the claim Attune matches on.",
    Refusal.NO_ACCOUNT: "Ask HR to add you to the course; then sign in again.",
    Refusal.OTHER_ORGANISATION: "Ask HR which organisation's sign-in to use.",
    Refusal.INACTIVE: "Ask HR to switch it on again.",
    Refusal.CONFIGURATION: "Ask HR to enter the provider's client secret again.",
}


class SsoError(Exception):
    """A refused sign-in: ``refusal`` is shown to the person, ``detail`` only goes to the
    audit log (it may name claims the person should not be shown)."""

    def __init__(self, refusal: Refusal, detail: str = "") -> None:
        super().__init__(f"{refusal.value}: {detail}")
        self.refusal = refusal
        self.detail = detail or refusal.label

    @property
    def advice(self) -> str:
        return ADVICE[self.refusal]
