"""Is a next step this customer's? Read against the exercise's situation.

The customer's message says what happened to them; the situation says what the company
knows and can offer ("the repair is booked for tomorrow 8am-1pm; we can courier a 4G
backup router the same day"). A next step may rightly use facts of either, and only of
those: a step that carries specifics neither holds ("I've refunded the £15.80 to your
card", "I'm sending two electric heaters by courier") was written for another customer's
problem, however well the rest of the reply listens. Without a situation (labelled files
that carry none) the agent's facts cannot be told from another customer's, and nothing
here applies.
"""

from __future__ import annotations

from .action_cues import REFERENCE
from .analysis import Answer, Clause
from .context import Context
from .details import is_number, number_key, token_keys
from .grounding import foreign_weight
from .lexicon import (
    COMMON_WORDS,
    FEELINGS,
    IMPACT_WORDS,
    NEEDS,
    REPLY_WORDS,
    SERVICE_WORDS,
    STOPWORDS,
    words,
)
from .resources import load
from .text import Token, stem

# Words agents use with any customer that name no thing of anybody's: what went wrong and
# how a step is taken, not what it is about.
_NOT_THINGS = words(
    """
    anyone applied back cancel cancelled cancelling chase cost covers error failure faulty
    fault marked mistake missing move processing regards repaired ring stay wording wrong
    """
)
_EVERYDAY = frozenset(
    stem(w)
    for w in SERVICE_WORDS
    | REPLY_WORDS
    | COMMON_WORDS
    | FEELINGS
    | NEEDS
    | IMPACT_WORDS
    | _NOT_THINGS
)

# A step clause is this customer's when it picks up at least this much of their message's
# or their situation's detail (a distinctive word, or two weaker ones); it is another's when
# it carries at least OTHER_MIN of specifics neither holds, and more than twice what it
# picks up (an agent's own words, "if Thursday doesn't suit you after a night shift", sit
# beside the customer's). On the course's strong replies to their own customers, 2 of 68
# action sentences read as another's ("I've attached the page with the clause
# highlighted"), never all of a reply's.
STEP_OURS = 0.5
OTHER_MIN = 1.0
OTHER_RATIO = 2.0
AMOUNT_WEIGHT = 1.0  # an amount neither the message nor the situation holds


def _ours(clause: Clause, ctx: Context, situation: Context) -> float:
    """The message's and the situation's detail the clause picks up (each stem once)."""
    keys = token_keys(clause.sentence.tokens)
    in_message = {k for k in keys if k in ctx.distinctive}
    return ctx.grounding(keys) + situation.grounding(frozenset(keys - in_message))


def _theirs(answer: Answer, clause: Clause, known: frozenset[str]) -> float:
    """Specifics of the clause that neither the message, the situation nor the prompt holds.

    Of numbers only amounts count, and fully: a step's time ("by 3:15", "within 3 to 5
    days") and a reference it made up ("claim HB-44902") are the agent's to give; "£15.80"
    is somebody's bill."""
    text, seen, total = answer.text, set(), 0.0
    for token in clause.sentence.tokens:
        if token.stem in seen or REFERENCE.fullmatch(token.text):
            continue
        seen.add(token.stem)
        if is_number(token):
            before = text[token.start - 1 : token.start] if token.start else ""
            key = number_key(text, token)
            amount = before in ("£", "$", "€") and key is not None and key not in known
            total += AMOUNT_WEIGHT if amount else 0.0
        else:
            total += foreign_weight(token, text, known)
    return total


def _topic(token: Token, known: frozenset[str]) -> bool:
    """A thing agents name in replies to many customers ("ticket", "parcel", "courier") that
    this customer's message and situation never mention."""
    s = token.stem
    return (
        s not in known
        and token.text.isalpha()
        and len(token.text) > 3
        and s in load().reply_common
        and s not in _EVERYDAY
        and token.text not in STOPWORDS
    )


def step_fit(answer: Answer, clause: Clause) -> str:
    """Whose step a clause is: "ours" (it picks up this customer's message or situation),
    "other" (it carries specifics of elsewhere, at least an amount or a rare word, and more
    than twice what it picks up of theirs), or "neutral" (neither: "I'll message you by
    3:15"). A step with nothing of theirs that names a thing agents deal in which neither
    the message nor the situation mentions ("I'll issue the ticket", "I've marked your parcel
    for the first van out") is "elsewhere": another's, though it may still give a time.
    Without a situation to read it against, every step is "ours"."""
    situation = answer.situation
    if situation is None:
        return "ours"
    ours = _ours(clause, answer.context, situation)
    known = answer.known | situation.stems
    theirs = _theirs(answer, clause, known)
    if theirs >= OTHER_MIN and theirs > OTHER_RATIO * ours:
        return "other"
    if (
        not ours
        and not clause.sentence.is_question
        and any(_topic(token, known) for token in clause.sentence.tokens)
    ):
        return "elsewhere"
    return "ours" if ours >= STEP_OURS else "neutral"
