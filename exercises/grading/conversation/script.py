"""A conversation script: the customer, their messages and the branches between them.

Read from a course file's ``conversation:`` mapping (problems are returned, never
raised, so the course loader can name the file) and stored as plain JSON on the exercise.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from exercises.grading.channels import CHANNELS, channel_label

# The customer's visible mood, from worst to best; the number is what the chart plots.
MOODS: dict[str, int] = {"angry": -2, "upset": -1, "guarded": 0, "calmer": 1, "reassured": 2}
OUTCOMES = ("good", "mixed", "poor")

Problem = tuple[str, str]  # (field, reason)


@dataclass(frozen=True)
class Branch:
    when: tuple[str, ...]  # condition names, all must hold; ("otherwise",) always holds
    to: str  # the id of the customer's next message
    because: str = ""  # the author's one-sentence reason; generated when empty


@dataclass(frozen=True)
class Message:
    id: str
    mood: str
    text: str
    branches: tuple[Branch, ...] = ()
    ending: str = ""  # an outcome when this message ends the conversation
    summary: str = ""  # what the ending means, shown in the review

    @property
    def is_ending(self) -> bool:
        return bool(self.ending)

    @property
    def mood_value(self) -> int:
        return MOODS.get(self.mood, 0)


@dataclass(frozen=True)
class Script:
    customer: str
    channel: str
    start: str
    messages: tuple[Message, ...]
    situation: str = ""
    style: str = ""
    can_offer: tuple[str, ...] = ()
    cannot_offer: tuple[str, ...] = ()
    best_replies: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """How the customer is called in reasons: the first word of ``customer``."""
        return self.customer.split(",")[0].split()[0] if self.customer.strip() else "The customer"

    @property
    def channel_label(self) -> str:
        return channel_label(self.channel)

    def message(self, message_id: str) -> Message:
        for message in self.messages:
            if message.id == message_id:
                return message
        raise KeyError(message_id)

    def has(self, message_id: str) -> bool:
        return any(m.id == message_id for m in self.messages)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Script:
        """Rebuild a script stored by :meth:`to_dict` (already checked on import)."""
        messages = tuple(
            Message(
                id=m["id"],
                mood=m["mood"],
                text=m["text"],
                branches=tuple(
                    Branch(tuple(b["when"]), b["to"], b.get("because", "")) for b in m["branches"]
                ),
                ending=m.get("ending", ""),
                summary=m.get("summary", ""),
            )
            for m in data["messages"]
        )
        return cls(
            customer=data["customer"],
            channel=data["channel"],
            start=data["start"],
            messages=messages,
            situation=data.get("situation", ""),
            style=data.get("style", ""),
            can_offer=tuple(data.get("can_offer", ())),
            cannot_offer=tuple(data.get("cannot_offer", ())),
            best_replies=dict(data.get("best_replies", {})),
        )


def read_script(raw: Any, conditions: frozenset[str]) -> tuple[Script | None, list[Problem]]:
    """Parse a ``conversation:`` mapping; ``conditions`` are the branch condition names."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        return None, [("conversation", "must be a mapping")]

    def text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                problems.append((f"{where}{key}", "is required"))
            return ""
        if not isinstance(value, str):
            problems.append((f"{where}{key}", "must be text"))
            return ""
        return value.strip()

    def texts(key: str) -> tuple[str, ...]:
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append((key, "must be a list of text"))
            return ()
        return tuple(v.strip() for v in value)

    channel = text(raw, "channel", "")
    if channel and channel not in CHANNELS:
        problems.append(("channel", f"must be one of {', '.join(CHANNELS)}"))
    raw_messages = raw.get("messages")
    if not isinstance(raw_messages, list) or not raw_messages:
        problems.append(("messages", "needs at least one message"))
        raw_messages = []
    messages = [_message(m, i, conditions, text, problems) for i, m in enumerate(raw_messages)]
    ids = [m.id for m in messages if m is not None]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(("messages", f"the id {duplicate!r} is used twice"))
    best = raw.get("best_replies") or {}
    if not isinstance(best, dict) or not all(isinstance(v, str) for v in best.values()):
        problems.append(("best_replies", "must map message ids to reply text"))
        best = {}
    script = Script(
        customer=text(raw, "customer", ""),
        channel=channel,
        start=text(raw, "start", ""),
        messages=tuple(m for m in messages if m is not None),
        situation=text(raw, "situation", "", required=False),
        style=text(raw, "style", "", required=False),
        can_offer=texts("can_offer"),
        cannot_offer=texts("cannot_offer"),
        best_replies={str(k): v.strip() for k, v in best.items()},
    )
    return script, problems


def _message(
    raw: Any, index: int, conditions: frozenset[str], text: Any, problems: list[Problem]
) -> Message | None:
    where = f"messages[{index}]."
    if not isinstance(raw, dict):
        problems.append((where.rstrip("."), "must be a mapping"))
        return None
    mood = text(raw, "mood", where)
    if mood and mood not in MOODS:
        problems.append((f"{where}mood", f"must be one of {', '.join(MOODS)}"))
    ending = text(raw, "ending", where, required=False)
    if ending and ending not in OUTCOMES:
        problems.append((f"{where}ending", f"must be one of {', '.join(OUTCOMES)}"))
    raw_branches = raw.get("branches") or []
    if not isinstance(raw_branches, list):
        problems.append((f"{where}branches", "must be a list"))
        raw_branches = []
    branches = []
    for j, raw_branch in enumerate(raw_branches):
        field_ = f"{where}branches[{j}]."
        if not isinstance(raw_branch, dict):
            problems.append((field_.rstrip("."), "must be a mapping"))
            continue
        when = raw_branch.get("when")
        if isinstance(when, str):
            when = [when]
        if not isinstance(when, list) or not when or not all(isinstance(w, str) for w in when):
            problems.append((f"{field_}when", "must list one or more conditions"))
            when = ["otherwise"]
        for name in when:
            if name not in conditions:
                known = ", ".join(sorted(conditions))
                problems.append((f"{field_}when", f"{name!r} is not a condition ({known})"))
        if "otherwise" in when and len(when) > 1:
            problems.append((f"{field_}when", "`otherwise` must stand alone"))
        if "otherwise" in when and j != len(raw_branches) - 1:
            problems.append((f"{field_}when", "`otherwise` must be the last branch"))
        branches.append(
            Branch(
                tuple(when),
                text(raw_branch, "to", field_),
                text(raw_branch, "because", field_, required=False),
            )
        )
    return Message(
        id=text(raw, "id", where),
        mood=mood,
        text=text(raw, "text", where),
        branches=tuple(branches),
        ending=ending,
        summary=text(raw, "summary", where, required=bool(ending)),
    )
