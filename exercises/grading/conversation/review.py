"""The review of a finished conversation: path taken and best path, mood over the turns,
the turning point and one thing to try next time. Pure: built from the script and the
turns' levels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .branching import CONDITIONS, CRITERION_CONDITION, Outcome, choose
from .checks import best_path
from .script import Message, Script

# Conditions that describe what went wrong, so their tip is the first thing to change.
WARNINGS = frozenset({"judged", "not_a_reply", "missed_last", "ignored"})


@dataclass(frozen=True)
class TurnRecord:
    """One graded reply: the message it answered, the grader's levels and flags, and the
    message and reason that followed."""

    replied_to: str
    levels: Mapping[str, int]
    flags: tuple[str, ...] = ()
    next_message: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ConversationReview:
    taken: tuple[Message, ...]  # the customer's messages, opening to the last one reached
    best: tuple[Message, ...]
    moods: tuple[tuple[str, int], ...]  # (label, mood value) per message taken
    turning_point: int | None  # 1-based turn with the largest mood change
    turning_reason: str
    tip: str
    on_best_path: bool
    ending: Message | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def review(script: Script, turns: Sequence[TurnRecord]) -> ConversationReview:
    """Summarise a conversation; works for an unfinished one too (no ending yet)."""
    taken_ids = [script.start, *(t.next_message for t in turns if t.next_message)]
    taken = tuple(script.message(m) for m in taken_ids)
    best_ids = best_path(script)
    best = tuple(script.message(m) for m in best_ids)
    moods = tuple(
        ("Opening" if i == 0 else f"After reply {i}", m.mood_value) for i, m in enumerate(taken)
    )
    turning, turning_reason = _turning_point(taken, turns)
    last = taken[-1]
    return ConversationReview(
        taken=taken,
        best=best,
        moods=moods,
        turning_point=turning,
        turning_reason=turning_reason,
        tip=_tip(script, turns, best_ids),
        on_best_path=tuple(taken_ids) == best_ids,
        ending=last if last.is_ending else None,
    )


def _turning_point(taken: Sequence[Message], turns: Sequence[TurnRecord]) -> tuple[int | None, str]:
    changes = [
        (abs(taken[i + 1].mood_value - taken[i].mood_value), i)
        for i in range(min(len(taken) - 1, len(turns)))
    ]
    if not changes:
        return None, ""
    size, index = max(changes, key=lambda c: (c[0], -c[1]))  # the first of the largest
    if size == 0:
        return None, ""
    return index + 1, turns[index].reason


def _tip(script: Script, turns: Sequence[TurnRecord], best_ids: Sequence[str]) -> str:
    """At the first turn off the best path, what the best branch needed; else the skill
    with the lowest mean level."""
    name = script.name
    for index, turn in enumerate(turns):
        if index + 1 >= len(best_ids) or turn.replied_to != best_ids[index]:
            break
        if not turn.next_message or turn.next_message == best_ids[index + 1]:
            continue
        outcome = Outcome(turn.levels, turn.flags)
        message = script.message(turn.replied_to)
        taken = choose(message, outcome)
        # What sent the customer the wrong way comes first (blame, not listening)...
        for condition in taken.when:
            if condition in WARNINGS:
                return CONDITIONS[condition].tip.format(name=name)
        # ...else what the best branch needed and the reply did not do.
        wanted = next(b for b in message.branches if b.to == best_ids[index + 1])
        for condition in wanted.when:
            if condition != "otherwise" and not CONDITIONS[condition].test(outcome):
                return CONDITIONS[condition].tip.format(name=name)
        break
    return _weakest_tip(turns, name)


def _weakest_tip(turns: Sequence[TurnRecord], name: str) -> str:
    if not turns:
        return ""
    means = {
        criterion: sum(t.levels.get(criterion, 0) for t in turns) / len(turns)
        for criterion in CRITERION_CONDITION
    }
    weakest = min(means, key=lambda c: (means[c], list(CRITERION_CONDITION).index(c)))
    if means[weakest] >= 2:
        return f"Keep doing what worked: every reply met {name} in their own words."
    return CONDITIONS[CRITERION_CONDITION[weakest]].tip.format(name=name)
