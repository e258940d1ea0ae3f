"""Features for how a reply meets the customer's feeling: emotional_reaction.

Generic versus specific is measured as for interpretation (:mod:`.reply_interpretation`):
how many of the customer's own details (not topic words) sit in the sentence that does
the work.
"""

from __future__ import annotations

from . import cues
from .analysis import Answer, Clause, Found, scaled, window_grounding
from .lexicon import FEELINGS, GENERIC_FEELINGS, HARDSHIP

# A feeling line whose neighbours carry this much of the customer's detail (the sentence's own
# details count in full, its neighbours' half) meets *their* feeling, not anyone's.
WINDOW_GROUNDED = 2.0
_YOU = frozenset({"you", "your", "you're", "you've", "you'd", "you'll", "yours", "yourself"})


def _feelings(clause: Clause) -> tuple[list[str], list[str]]:
    """(all feeling words, feeling words that are not stock-script words) in a clause."""
    found = [t.text for t in clause.sentence.tokens if t.text in FEELINGS or t.text in HARDSHIP]
    return found, [w for w in found if w not in GENERIC_FEELINGS]


def addresses_you(clause: Clause) -> bool:
    """Whether the sentence speaks to the customer ("you", "your")."""
    return any(t.text in _YOU for t in clause.sentence.tokens)


def emotional_reaction(answer: Answer) -> Found:
    """Does the reply respond to the feeling, and to this customer's feeling?"""
    found = Found()
    best_overlap, best_feel_overlap, n_cues = 0.0, 0.0, 0
    best_window, window_specific = 0.0, 0
    flags = dict.fromkeys(
        ("scripted", "stock", "apology", "frame", "feeling", "frame_feeling", "circ", "you"), 0.0
    )
    specific_cue = False
    ranked: list[tuple[float, tuple[int, int]]] = []
    stocks, apologies, frames = (
        answer.hits(cues.STOCK_EMPATHY),
        answer.hits(cues.APOLOGY),
        answer.hits(cues.EMPATHY_FRAME),
    )
    scripted, circumstances = answer.hits(cues.SCRIPTED), answer.hits(cues.CIRCUMSTANCE)
    for i, clause in enumerate(answer.clauses):
        stock, apology, frame = stocks[i], apologies[i], frames[i]
        all_feel, strong_feel = _feelings(clause)
        if scripted[i]:
            flags["scripted"] = 1.0
        if not (stock or apology or frame or all_feel):
            continue
        n_cues += 1
        flags["stock"] = max(flags["stock"], float(stock))
        flags["apology"] = max(flags["apology"], float(apology))
        flags["frame"] = max(flags["frame"], float(frame))
        flags["feeling"] = max(flags["feeling"], float(bool(strong_feel)))
        if frame and (strong_feel or all_feel):
            flags["frame_feeling"] = 1.0
        if addresses_you(clause):
            flags["you"] = 1.0
        best_overlap = max(best_overlap, clause.overlap)
        feeling_line = frame or bool(strong_feel) or (apology and not stock)
        if feeling_line:
            found.grounded = max(found.grounded, window_grounding(answer.clauses, i))
        if frame or strong_feel:
            best_feel_overlap = max(best_feel_overlap, clause.overlap)
            # Feeling and circumstance are often split: "No wonder you're furious. Three
            # no-shows, three unpaid days off..." counts the neighbouring sentences too.
            window = answer.clauses[max(0, i - 1) : i + 2]
            stems = frozenset().union(*(c.stems for c in window))
            best_window = max(best_window, answer.context.overlap(stems))
            window_specific = max(window_specific, len(answer.context.specific_stems(stems)))
            if clause.specific and clause.overlap >= 1.3:
                specific_cue = True
            elif window_grounding(answer.clauses, i) >= WINDOW_GROUNDED:
                # "Five days, a baby, kettles to bath her. I'd be at the end of my rope too."
                specific_cue = True
        if clause.overlap >= 1 and circumstances[i]:
            flags["circ"] = 1.0
        # The sentence quoted is the one that meets the feeling, tied to this customer if any.
        ranked.append(
            (3 * float(feeling_line) + clause.grounded + 0.1 * clause.overlap, clause.span)
        )
    echo = bool(answer.context.feelings & {t.stem for t in answer.tokens if t.text in FEELINGS})
    found.features = {f"er_{k}": v for k, v in flags.items()}
    found.features |= {
        "er_scripted_only": float(flags["scripted"] and not n_cues),
        "er_overlap": scaled(best_overlap, 4),
        "er_feel_overlap": scaled(best_feel_overlap, 4),
        "er_specific": float(specific_cue),
        "er_window_overlap": scaled(best_window, 6),
        "er_window_specific": scaled(window_specific, 5),
        "er_echo": float(echo),
        "er_cues": scaled(n_cues, 3),
    }
    ranked.sort(key=lambda item: -item[0])
    found.evidence = [span for _, span in ranked[:2]]
    if not n_cues:
        found.missing.append("no_feeling")
    elif specific_cue:
        found.rule_level = 2
    else:
        found.rule_level = 1
        found.missing.append("no_feeling_word" if best_overlap >= 1.3 else "not_specific")
    return found
