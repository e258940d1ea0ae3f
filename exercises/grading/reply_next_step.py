"""Features for next_step: does the reply own a concrete action, with a what and a when?"""

from __future__ import annotations

import re

from . import action_cues as ac
from .analysis import Answer, Clause, Found, scaled
from .situation import step_fit

_STRENGTHS = ("done", "promise", "we_promise", "passive", "offer", "handover", "vague")


def _real(match: re.Match[str] | None, *groups: str) -> bool:
    """A match whose verb is an action, not a state of mind ("I've understood")."""
    if match is None:
        return False
    found = match.groupdict()
    verbs = [found[g] for g in groups if found.get(g)]
    return not verbs or any(v.lower() not in ac.NON_ACTIONS for v in verbs)


def _opens_with_done(clause: Clause) -> bool:
    """ "Refunded.", "New appointment booked for Thursday": done, said without a doer."""
    return any(t.text in ac.BARE_DONE for t in clause.sentence.tokens[:4])


def _colleague(answer: Answer) -> list[bool]:
    """Per clause, whether a colleague is doing something for the customer now."""
    found = zip(answer.matches(ac.COLLEAGUE), answer.matches(ac.NAMED), strict=True)
    theirs = answer.context.words
    return [
        any(
            m["ing"].lower() not in ac.NON_ACTIONS | ac.SLOW_ING
            for m in (*roles, *(n for n in names if n.group().split()[0].lower() not in theirs))
        )
        for roles, names in found
    ]


def _kinds(answer: Answer) -> list[dict[str, bool]]:
    """Per clause, which kinds of action phrasing it contains."""
    promises, dones = answer.matches(ac.PROMISE), answer.matches(ac.DONE)
    offers = answer.matches(ac.OFFER)
    passive, handover, vague = (
        answer.hits(ac.PASSIVE),
        answer.hits(ac.HANDOVER),
        answer.hits(ac.VAGUE),
    )
    colleague = _colleague(answer)
    out = []
    for i in range(len(answer.clauses)):
        promise = [m for m in promises[i] if _real(m, "verb", "letme", "ing")]
        own_promise = any(
            (g.get("who") or g.get("ing_who") or "I").lower() == "i" or g.get("letme")
            for g in (m.groupdict() for m in promise)
        )
        out.append(
            {
                "done": any(_real(m, "done", "past") for m in dones[i]),
                "promise": own_promise,
                "we_promise": bool(promise) and not own_promise,
                "passive": passive[i] or colleague[i] or _opens_with_done(answer.clauses[i]),
                "offer": any(_real(m, "can") for m in offers[i]),
                "handover": handover[i],
                "vague": vague[i],
            }
        )
    return out


def _process_only(answer: Answer) -> list[bool]:
    """Per clause, whether its only actions move paperwork (a ticket raised, a note made, an
    update promised): the verb of every action phrase sits inside a process phrase."""
    process = answer.matches(ac.PROCESS)
    actions = (answer.matches(ac.DONE), answer.matches(ac.PROMISE), answer.matches(ac.PASSIVE))
    out = []
    for i in range(len(answer.clauses)):
        spans = [m.span() for m in process[i]]
        verbs = [m.end() - 1 for found in actions for m in found[i]]  # an action ends on its verb
        out.append(bool(spans and verbs) and all(any(s <= v < e for s, e in spans) for v in verbs))
    return out


def next_step(answer: Answer) -> Found:
    """Does the reply own a concrete next step: who does what, by when?"""
    found = Found()
    values = dict.fromkeys(
        (*_STRENGTHS, "time", "deliverable", "detail", "choice", "customer_step", "pushback"), 0.0
    )
    ranked: list[tuple[float, tuple[int, int]]] = []
    actions = 0
    per_clause = _kinds(answer)
    customer_steps, pushbacks = answer.hits(ac.CUSTOMER_STEP), answer.hits(ac.PUSHBACK)
    times, deliverables = answer.hits(ac.TIME), answer.hits(ac.DELIVERABLE)
    choices = answer.hits(ac.CHOICE)
    process = _process_only(answer)
    acts_on_problem = False
    # Steps carrying another situation's specifics, and whether a step of this customer's
    # (or at least nobody else's) is owned and concrete without them.
    other = ours_owned = ours_concrete = False
    for i, clause in enumerate(answer.clauses):
        kinds = per_clause[i]
        values["customer_step"] = max(values["customer_step"], float(customer_steps[i]))
        values["pushback"] = max(values["pushback"], float(pushbacks[i]))
        if not any(kinds.values()):
            continue
        actions += 1
        for name, hit in kinds.items():
            values[name] = max(values[name], float(hit))
        time = times[i]
        deliverable = deliverables[i] or any(
            ac.REFERENCE.fullmatch(t.text) for t in clause.sentence.tokens
        )
        values["time"] = max(values["time"], float(time))
        values["deliverable"] = max(values["deliverable"], float(deliverable))
        values["choice"] = max(values["choice"], float(choices[i]))
        values["detail"] = max(values["detail"], float(clause.specific > 0))
        found.grounded = max(found.grounded, clause.grounded)
        acts_on_problem = acts_on_problem or not process[i]
        fit = step_fit(answer, clause)
        other = other or fit in ("other", "elsewhere")
        if fit == "ours":
            ours_owned = ours_owned or kinds["done"] or kinds["promise"] or kinds["passive"]
        if fit != "other":  # an "elsewhere" step's time may still be this customer's
            ours_concrete = ours_concrete or bool(time or deliverable or clause.specific > 0)
        strength = 2 * (kinds["done"] or kinds["promise"]) + kinds["passive"] + kinds["we_promise"]
        ranked.append(
            (strength + time + deliverable + clause.specific - kinds["vague"], clause.span)
        )
    found.features = {f"ns_{k}": v for k, v in values.items()} | {"ns_count": scaled(actions, 4)}
    if actions and not acts_on_problem:
        found.missing.append("process_only")  # the gates keep it at 1 (see :mod:`.gates`)
    if other and not (ours_owned and ours_concrete):
        # A step with another situation's specifics, and no owned, concrete step picking up
        # this customer's problem beside it: not this customer's step (:mod:`.situation`).
        found.missing.append("other_step")
    ranked.sort(key=lambda item: -item[0])
    found.evidence = [span for _, span in ranked[:2]]
    owned = values["done"] or values["promise"] or values["passive"]
    concrete = values["time"] or values["deliverable"] or values["detail"]
    if not actions:
        found.rule_level = 1 if values["customer_step"] else 0
        found.missing.append("pushback" if values["pushback"] else "no_step")
    elif owned and concrete and not (values["vague"] and not values["done"]):
        found.rule_level = 2
    else:
        found.rule_level = 1
        found.missing.append("not_owned" if values["time"] else "no_time")
    return found
