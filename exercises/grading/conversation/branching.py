"""Which message the customer sends next: a pure function of the reply's grading.

A branch holds when all its conditions hold; the first branch that holds is taken. Each
condition reads only the grader's levels and flags, and carries the words that explain it,
so every reaction can be told in one sentence ("Rosa calmed down because you named what
the delay cost her").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..contract import GradingResult
from ..pass_rule import FAILING_FLAGS
from .script import Branch, Message, Script

# The conversation layer's own flag: the reply ignored what the customer just revealed.
MISSED_LAST = "missed_last"


@dataclass(frozen=True)
class Outcome:
    """What the grader said about one reply: levels per criterion, and flags."""

    levels: Mapping[str, int]
    flags: tuple[str, ...] = ()

    @classmethod
    def from_result(cls, result: GradingResult) -> Outcome:
        return cls({c.name: c.level for c in result.criteria}, tuple(result.flags))

    def level(self, criterion: str) -> int:
        return self.levels.get(criterion, 0)


@dataclass(frozen=True)
class Condition:
    test: Callable[[Outcome], bool]
    phrase: str  # completes "... because {phrase}"; {name} is the customer
    tip: str = ""  # what to try next time when this was needed and missing


def _not_a_reply(o: Outcome) -> bool:
    return any(f in FAILING_FLAGS for f in o.flags)


CONDITIONS: dict[str, Condition] = {
    "judged": Condition(
        lambda o: o.level("non_judgment") <= 1,
        "your reply sounded like blame, a lecture or a brush-off",
        "Leave out anything that could sound like blame, a policy wall or 'calm down': "
        "describe the problem, not the person.",
    ),
    "not_a_reply": Condition(
        _not_a_reply,
        "your reply did not answer what {name} wrote",
        "Answer this customer in your own words: no copied message, no reply written for "
        "someone else, no repeat of your last reply.",
    ),
    MISSED_LAST: Condition(
        lambda o: MISSED_LAST in o.flags,
        "you missed what {name} had just told you",
        "Pick up the new thing {name} tells you in each message before you move on.",
    ),
    "ignored": Condition(
        lambda o: o.level("emotional_reaction") <= 1 and o.level("interpretation") <= 1,
        "nothing in your reply met {name}'s feeling or situation in their own words",
        "Say back what {name} told you in their own words: the detail that matters to them.",
    ),
    "grounded": Condition(
        lambda o: o.level("emotional_reaction") == 2 or o.level("interpretation") == 2,
        "you met {name}'s feeling or situation in their own words",
        "Say back what {name} told you in their own words: the detail that matters to them.",
    ),
    "felt": Condition(
        lambda o: o.level("emotional_reaction") == 2,
        "you named what {name} was feeling and why",
        "Name the feeling {name} shows, and what caused it, before you fix anything.",
    ),
    "understood": Condition(
        lambda o: o.level("interpretation") == 2,
        "you said back what the problem means for {name}",
        "Say back what the problem means for {name}: what it costs them, what it puts at risk.",
    ),
    "explored": Condition(
        lambda o: o.level("exploration") == 2,
        "you asked {name} an open question about what they need",
        "Ask one open question about what {name} needs most, and wait for the answer.",
    ),
    "next_step": Condition(
        lambda o: o.level("next_step") == 2,
        "you owned a concrete next step",
        "End with what you will do for {name}, and when: one concrete step you own.",
    ),
    "otherwise": Condition(lambda o: True, ""),
}

# For the review's fallback tip: the condition that teaches each criterion.
CRITERION_CONDITION = {
    "emotional_reaction": "felt",
    "interpretation": "understood",
    "exploration": "explored",
    "non_judgment": "judged",
    "next_step": "next_step",
}


def holds(branch: Branch, outcome: Outcome) -> bool:
    return all(CONDITIONS[name].test(outcome) for name in branch.when)


def choose(message: Message, outcome: Outcome) -> Branch:
    """The first branch of ``message`` whose conditions all hold for ``outcome``.

    The import checks guarantee the last branch is ``otherwise``, so one always holds.
    """
    for branch in message.branches:
        if holds(branch, outcome):
            return branch
    raise ValueError(f"message {message.id!r} has no branch for this reply")


def mood_change(name: str, before: Message, after: Message) -> str:
    delta = after.mood_value - before.mood_value
    if delta > 0:
        return f"{name} calmed down" if after.mood_value <= 1 else f"{name} was reassured"
    if delta < 0:
        return f"{name} became angry" if after.mood_value == -2 else f"{name} got more upset"
    return f"{name} stayed {after.mood}"


def reason(script: Script, before: Message, branch: Branch, after: Message) -> str:
    """The sentence that explains the customer's reaction to a reply."""
    if branch.because:
        return branch.because
    name = script.name
    phrases = [CONDITIONS[c].phrase.format(name=name) for c in branch.when if c != "otherwise"]
    change = mood_change(name, before, after)
    if not phrases:
        return f"{change}: nothing in your reply moved the conversation on."
    return f"{change} because {' and '.join(phrases)}."
