"""Playing a script's best replies through the real grader, so a course never ships a
best path that the grader would not let a learner walk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from ..contract import GradingRequest
from .branching import Outcome, choose
from .checks import best_path
from .script import Problem, Script
from .turns import conversation_context, grade_turn


def rehearse(
    script: Script, *, pass_mark: int, expected: Mapping[str, Sequence[str]]
) -> list[Problem]:
    """Grade each best reply in its place on the best path; name the first that strays."""
    best = best_path(script)
    said: list[str] = []
    previous = ""
    for here, there in pairwise(best):
        message = script.message(here)
        said.append(message.text)
        reply = script.best_replies.get(here, "")
        if not reply:
            return [(f"best_replies.{here}", "needs a strong reply to this best-path message")]
        request = GradingRequest(
            rubric="customer_reply",
            answer=reply,
            context=conversation_context(said),
            pass_mark=pass_mark,
            expected={k: list(v) for k, v in expected.items()},
            previous_answer=previous,
        )
        result = grade_turn(request, latest=message.text, earlier=said[:-1])
        taken = choose(message, Outcome.from_result(result))
        if taken.to != there:
            levels = ", ".join(f"{c.name} {c.level}" for c in result.criteria)
            flags = f"; flags {', '.join(result.flags)}" if result.flags else ""
            return [
                (
                    f"best_replies.{here}",
                    f"the grader sends this reply to {taken.to!r}, not {there!r} ({levels}{flags})",
                )
            ]
        previous = reply
    return []
