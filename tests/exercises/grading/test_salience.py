"""The "The customer also said" list points at what mattered to the customer: what happened
to them, what it cost them, what they asked for; not who they spoke to or how often."""

from __future__ import annotations

import pytest

from exercises.grading import GradingRequest, grade

BROADBAND = (
    "Third day with no internet. THIRD. The guy I spoke to on Monday said 24 hours. I work "
    "from home, I've now lost two days sitting in a café with wifi that drops every ten "
    "minutes, and I've had to push back a client deadline. I don't want another \"we "
    'apologise for any inconvenience". When exactly is it being fixed and what are you doing '
    "about the work I've lost?"
)
RECEPTION = (
    "The lady on reception told me twice the room would be ready by two. I've sat in the lobby "
    "every hour since, with my mother who is 88 and exhausted, and we've missed her sister's "
    "birthday lunch. Can someone please just give us a room?"
)
GENERIC = "I'm sorry about this. I'll look into it and get back to you today."


def _missed(message: str, reply: str) -> tuple[str, ...]:
    result = grade(GradingRequest(rubric="customer_reply", answer=reply, context=message))
    assert result.listening is not None
    return result.listening.missed


@pytest.mark.parametrize(
    ("message", "shown", "not_shown"),
    [
        (BROADBAND, {"lost", "deadline"}, {"guy", "ten", "spoke"}),
        (RECEPTION, {"88", "mother"}, {"lady", "told", "reception"}),
    ],
    ids=["broadband-outage", "hotel-room-late"],
)
def test_the_missed_list_prefers_what_it_cost_them(
    message: str, shown: set[str], not_shown: set[str]
) -> None:
    missed = set(_missed(message, GENERIC))
    assert shown <= missed, missed
    assert not missed & not_shown, missed


HEDGED = (
    "Sorry if this is a silly question, but I might have been charged twice? I was sitting at "
    "home when the email came and the bill says £84 not £42."
)
FILLED = (
    "I honestly just wondered whether you could maybe check why my parcel is basically a week "
    "late. It was a gift for my nan."
)


@pytest.mark.parametrize(
    ("message", "shown", "not_shown"),
    [
        (HEDGED, {"£84", "£42"}, {"silly", "might", "sitting"}),
        (FILLED, {"gift", "nan", "parcel"}, {"honestly", "wondered", "maybe", "basically"}),
    ],
    ids=["hedged-double-charge", "filler-late-parcel"],
)
def test_how_they_said_it_is_not_listed(message: str, shown: set[str], not_shown: set[str]) -> None:
    """Hedges, modal and filler words, 'silly' and 'sitting' are how the customer said it."""
    missed = set(_missed(message, GENERIC))
    assert shown <= missed, missed
    assert not missed & not_shown, missed
