"""Why a launch was refused: one error type, one sentence for the person."""

from __future__ import annotations

from django.db import models


class Refusal(models.TextChoices):
    REQUEST = "request", "The launch request is incomplete"
    STATE = "state", "This launch was already used or has expired"
    COOKIES = "cookies", "Your browser did not keep Attune's launch cookie"
    ISSUER = "issuer", "The launch came from a platform Attune does not know"
    AUDIENCE = "audience", "The launch was meant for another tool"
    SIGNATURE = "signature", "The launch is not signed by your learning platform"
    EXPIRED = "expired", "The launch has expired"
    NONCE = "nonce", "This launch was already used"
    DEPLOYMENT = "deployment", "The launch came from a deployment Attune does not know"
    MESSAGE = "message", "The launch is not an LTI 1.3 message Attune accepts"
    UNREACHABLE = "unreachable", "Your learning platform could not be reached"
    CLAIMS = "claims", "Your learning platform did not say who you are"
    NO_ACCOUNT = "no_account", "No account matches you"
    OTHER_ORGANISATION = "other_organisation", "Your account belongs to another organisation"
    INACTIVE = "inactive", "Your account is switched off"
    TARGET = "target", "The link points at something Attune does not have"
    ROLE = "role", "Only an instructor can choose what a link opens"
    PICK = "pick", "This choice has expired or was changed"
    CONTINUE = "continue", "This link to open Attune has expired or was already used"


ADVICE = {
    Refusal.REQUEST: "Open Attune again from your course page in the learning platform.",
    Refusal.STATE: "Each launch works once. Open Attune again from your learning platform.",
    Refusal.COOKIES: (
        "Open Attune in a new window from your learning platform, or allow cookies for "
        "this site, then try again."
    ),
    Refusal.ISSUER: "Your LMS administrator should check the platform registered in Attune.",
    Refusal.AUDIENCE: "Your LMS administrator should check the client id registered in Attune.",
    Refusal.SIGNATURE: (
        "The launch may have been changed on its way. Nothing was signed in; open Attune "
        "again, and tell your LMS administrator if it happens twice."
    ),
    Refusal.EXPIRED: "Open Attune again from your learning platform.",
    Refusal.NONCE: (
        "An old launch was sent again. Nothing was signed in; open Attune again from your "
        "learning platform."
    ),
    Refusal.DEPLOYMENT: (
        "Your LMS administrator should add this deployment id to the platform in Attune."
    ),
    Refusal.MESSAGE: "Your LMS administrator should check how the tool is set up.",
    Refusal.UNREACHABLE: "Try again in a few minutes.",
    Refusal.CLAIMS: "Your LMS administrator should let the platform share your email address.",
    Refusal.NO_ACCOUNT: "Ask HR to add you to the course; then open it again.",
    Refusal.OTHER_ORGANISATION: "Ask HR which learning platform to use.",
    Refusal.INACTIVE: "Ask HR to switch it on again.",
    Refusal.TARGET: "Ask your instructor to pick the activity again.",
    Refusal.ROLE: "Ask an instructor of the course to add Attune.",
    Refusal.PICK: "Start again from “Add an activity” in your learning platform.",
    Refusal.CONTINUE: "Open Attune again from your learning platform.",
}


class LtiError(Exception):
    """A refused launch: ``refusal`` is shown to the person, ``detail`` goes only to the
    audit log."""

    def __init__(self, refusal: Refusal, detail: str = "") -> None:
        super().__init__(f"{refusal.value}: {detail}")
        self.refusal = refusal
        self.detail = detail or refusal.label

    @property
    def advice(self) -> str:
        return ADVICE[self.refusal]
