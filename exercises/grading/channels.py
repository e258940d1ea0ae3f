"""How a customer reaches us: the channels a scenario or conversation may name, and how
each is named to the learner above the customer's message."""

from __future__ import annotations

CHANNELS = ("chat", "email", "phone", "social", "in_person")
CHANNEL_LABELS = {
    "chat": "Chat",
    "email": "Email",
    "phone": "Phone call",
    "social": "Social media",
    "in_person": "In person",
}


def channel_label(channel: str) -> str:
    """The channel as a learner reads it: "Chat", "In person"."""
    return CHANNEL_LABELS.get(channel, (channel or "").capitalize())
