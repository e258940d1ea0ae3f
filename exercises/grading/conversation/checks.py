"""What ``import_course --check`` rejects in a conversation, as (field, reason) pairs.

Unreachable branches are found exactly: every combination of levels and flags the grader
can return is tried against each message's branches in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import product

from ..contract import MAX_LEVEL, RUBRICS
from ..pass_rule import FAILING_FLAGS
from .branching import MISSED_LAST, Outcome, choose
from .script import Problem, Script

MIN_REPLIES, MAX_REPLIES = 3, 6
CAPPED_BY_MISSED_LAST = ("emotional_reaction", "interpretation", "exploration")


@cache
def possible_outcomes() -> tuple[Outcome, ...]:
    """Every grading of a reply the branches must be ready for."""
    criteria = RUBRICS["customer_reply"]
    outcomes = [Outcome(dict.fromkeys(criteria, 0), (min(FAILING_FLAGS),))]  # not a reply
    for levels in product(range(MAX_LEVEL + 1), repeat=len(criteria)):
        by_name = dict(zip(criteria, levels, strict=True))
        outcomes.append(Outcome(by_name))
        if all(by_name[c] <= 1 for c in CAPPED_BY_MISSED_LAST):
            outcomes.append(Outcome(by_name, (MISSED_LAST,)))
    return tuple(outcomes)


def check_script(script: Script) -> list[Problem]:
    """Every reason the script cannot be played to an end on every path."""
    problems = _structure(script)
    if problems:
        return problems  # the graph is not sound: walking it would mislead
    problems += _unreachable_branches(script)
    cycle = _cycle(script)
    if cycle:
        return [*problems, ("messages", f"cycle: {' -> '.join(cycle)} never ends")]
    reached = {m for path in paths(script) for m in path}
    for index, message in enumerate(script.messages):
        if message.id not in reached:
            problems.append((f"messages[{index}]", f"{message.id!r} is unreachable from start"))
    for path in paths(script):
        replies = len(path) - 1
        if not MIN_REPLIES <= replies <= MAX_REPLIES:
            problems.append(
                (
                    "messages",
                    f"the path {' -> '.join(path)} takes {replies} replies "
                    f"(every path needs {MIN_REPLIES} to {MAX_REPLIES})",
                )
            )
    best = best_path(script)
    if not best:
        problems.append(("messages", "no path reaches an ending with `ending: good`"))
    for message_id in script.best_replies:
        if message_id not in best[:-1]:
            problems.append(
                (f"best_replies.{message_id}", "is not a message the best path replies to")
            )
    return problems


def _structure(script: Script) -> list[Problem]:
    problems: list[Problem] = []
    if script.start and not script.has(script.start):
        problems.append(("start", f"{script.start!r} is not a message id"))
    for index, message in enumerate(script.messages):
        where = f"messages[{index}]"
        if message.is_ending and message.branches:
            problems.append((f"{where}.branches", "an ending has no branches"))
        if not message.is_ending and not message.branches:
            problems.append((where, f"dead end: {message.id!r} has no branches and no ending"))
        if message.branches and message.branches[-1].when != ("otherwise",):
            problems.append(
                (f"{where}.branches", "the last branch must be `when: [otherwise]`: a dead end")
            )
        for j, branch in enumerate(message.branches):
            if branch.to and not script.has(branch.to):
                problems.append(
                    (f"{where}.branches[{j}].to", f"{branch.to!r} is not a message id: a dead end")
                )
    return problems


def _unreachable_branches(script: Script) -> list[Problem]:
    problems = []
    for index, message in enumerate(script.messages):
        taken = {id(choose(message, o)) for o in possible_outcomes()} if message.branches else set()
        for j, branch in enumerate(message.branches):
            if id(branch) not in taken:
                problems.append(
                    (
                        f"messages[{index}].branches[{j}]",
                        f"unreachable branch: no reply can take it (when: {list(branch.when)}), "
                        "an earlier branch always matches first",
                    )
                )
    return problems


def _targets(script: Script, message_id: str) -> list[str]:
    seen: list[str] = []
    for branch in script.message(message_id).branches:
        if branch.to not in seen:
            seen.append(branch.to)
    return seen


def _cycle(script: Script) -> list[str]:
    """A cycle reachable from start, as the ids along it, or []."""
    state: dict[str, int] = {}  # 1 on the current walk, 2 done
    stack: list[str] = []

    def visit(message_id: str) -> list[str]:
        state[message_id] = 1
        stack.append(message_id)
        for target in _targets(script, message_id):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[message_id] = 2
        return []

    return visit(script.start) if script.has(script.start) else []


def paths(script: Script) -> list[tuple[str, ...]]:
    """Every path from start to an ending, as message ids (the script must be acyclic)."""
    return list(_walk(script, (script.start,)))


def _walk(script: Script, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    message = script.message(path[-1])
    if message.is_ending:
        yield path
        return
    for target in _targets(script, message.id):
        yield from _walk(script, (*path, target))


def best_path(script: Script) -> tuple[str, ...]:
    """The path to a good ending with the highest total mood; ties: fewer replies, then
    the order of the branches in the file. Empty when no good ending is reachable."""
    good = [p for p in paths(script) if script.message(p[-1]).ending == "good"]
    if not good:
        return ()
    return max(
        good, key=lambda p: (sum(script.message(m).mood_value for m in p), -len(p))
    )  # max keeps the first of equals
