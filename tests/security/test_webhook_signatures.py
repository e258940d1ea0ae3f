"""The README's webhook receiver, executed as printed (like tests/api/test_webhooks.py),
against requests signed by Attune's own signer: a tampered body, an old or future
timestamp, a wrong secret and a replayed webhook-id are all refused or ignored."""

from __future__ import annotations

import base64
import time
from typing import Any

import httpx
import pytest

from activity.models import Event
from integrations.webhooks.payloads import payload_body
from integrations.webhooks.signing import secret_generate, signed_headers
from tests.api.webhook_server import readme_receiver, serve

from .cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(cast: Cast) -> dict[str, Any]:
    """A real event's body, signed now with a fresh secret, and the README receiver."""
    secret = secret_generate()
    body = payload_body(Event.objects.filter(learner=cast.world.ana).first())
    message_id = f"msg_{'a' * 32}"
    headers = signed_headers(
        secret=secret, message_id=message_id, timestamp=int(time.time()), body=body
    )
    receiver = readme_receiver(secret)
    return {"secret": secret, "body": body, "headers": headers, "receiver": receiver,
            "verify": receiver["readme_verify"], "tolerance": receiver["TOLERANCE"]}  # fmt: skip


def resigned(d: dict[str, Any], *, timestamp: int, secret: str | None = None) -> dict[str, str]:
    return signed_headers(
        secret=secret or d["secret"],
        message_id=d["headers"]["webhook-id"],
        timestamp=timestamp,
        body=d["body"],
    )


def test_a_genuine_delivery_verifies(delivery):
    event = delivery["verify"](delivery["secret"], delivery["headers"], delivery["body"])

    assert event["type"] == "enrollment.created"


def test_a_tampered_body_is_refused(delivery):
    forged = delivery["body"].replace(b"N-ANA", b"N-BEN")
    assert forged != delivery["body"]

    with pytest.raises(ValueError, match="no valid signature"):
        delivery["verify"](delivery["secret"], delivery["headers"], forged)
    with pytest.raises(ValueError):
        delivery["verify"](delivery["secret"], delivery["headers"], delivery["body"] + b" ")


@pytest.mark.parametrize("offset", [-1, +1], ids=["old", "future"])
def test_a_timestamp_outside_the_tolerance_is_refused_even_when_signed(delivery, offset):
    """Correctly signed, but too old (a replay) or too far ahead."""
    when = int(time.time()) + offset * (delivery["tolerance"] + 5)

    with pytest.raises(ValueError, match="stale"):
        delivery["verify"](delivery["secret"], resigned(delivery, timestamp=when),
                           delivery["body"])  # fmt: skip


def test_a_fresh_timestamp_on_an_old_signature_is_refused(delivery):
    """Replaying a captured request with the timestamp moved forward breaks the signature."""
    old = int(time.time()) - delivery["tolerance"] - 60
    captured = resigned(delivery, timestamp=old)
    moved = {**captured, "webhook-timestamp": str(int(time.time()))}

    with pytest.raises(ValueError, match="no valid signature"):
        delivery["verify"](delivery["secret"], moved, delivery["body"])


def test_a_wrong_secret_is_refused(delivery):
    other = "whsec_" + base64.b64encode(b"x" * 32).decode()

    with pytest.raises(ValueError):
        delivery["verify"](other, delivery["headers"], delivery["body"])
    with pytest.raises(ValueError):  # signed with another secret, checked with the right one
        delivery["verify"](delivery["secret"],
                           resigned(delivery, timestamp=int(time.time()), secret=other),
                           delivery["body"])  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        {"webhook-signature": ""},
        {"webhook-signature": "v2,abc"},
        {"webhook-signature": "v1"},
        {"webhook-timestamp": "soon"},
        {"webhook-timestamp": "9" * 5_000},
        {"webhook-id": ""},
        {"webhook-id": "msg_other"},  # the id is signed too
    ],
    ids=["no signature", "unknown version", "empty v1", "not a number", "huge number",
         "no id", "another id"],
)  # fmt: skip
def test_missing_or_mangled_headers_are_refused(delivery, change):
    with pytest.raises(ValueError):
        delivery["verify"](delivery["secret"], {**delivery["headers"], **change},
                           delivery["body"])  # fmt: skip


def test_one_valid_signature_among_several_is_enough(delivery):
    """During a secret rotation a sender may sign with old and new secrets."""
    headers = {**delivery["headers"]}
    headers["webhook-signature"] = "v1,bm90LXZhbGlk " + headers["webhook-signature"]

    assert delivery["verify"](delivery["secret"], headers, delivery["body"])["type"]


def test_a_replayed_webhook_id_is_acted_on_once(delivery):
    """The same signed request three times (a replay inside the tolerance, or Attune
    retrying after a lost answer): acknowledged each time, handled once."""
    receiver = delivery["receiver"]
    with serve(receiver["Receiver"]) as url:
        statuses = [
            httpx.post(url, content=delivery["body"], headers=delivery["headers"]).status_code
            for _ in range(3)
        ]

    assert statuses == [204, 204, 204]
    assert len(receiver["received"]) == 1
    assert receiver["received"][0][2] == delivery["headers"]["webhook-id"]


def test_a_refused_request_does_not_use_up_its_webhook_id(delivery):
    """A forged request carrying a real id must not make the genuine one look replayed."""
    receiver = delivery["receiver"]
    forged = delivery["body"].replace(b"N-ANA", b"N-BEN")
    with serve(receiver["Receiver"]) as url:
        refused = httpx.post(url, content=forged, headers=delivery["headers"])
        genuine = httpx.post(url, content=delivery["body"], headers=delivery["headers"])

    assert (refused.status_code, genuine.status_code) == (400, 204)
    assert len(receiver["received"]) == 1
