"""Feedback wording: one sentence per criterion that quotes the learner, and a summary.

Templates are keyed by criterion and level (and, below 2, by what is missing), so
trainers can reword them without touching the grading logic.
"""

from __future__ import annotations

from .pass_rule import PassDecision
from .text import quote

# criterion -> level -> sentence; "{q}" is the learner's words. Level-0 keys may name a
# missing code ("0:procedural_only") that overrides the plain "0".
TEMPLATES: dict[str, dict[str, str]] = {
    "emotional_reaction": {
        "2": "“{q}” names the feeling and ties it to what happened to this customer.",
        "1": "“{q}” would fit any customer; name the feeling together with their situation.",
        "1:no_feeling_word": "“{q}” is tied to their situation; now name how it feels for them.",
        "0": "Nothing responds to how the customer feels; add a line naming the feeling and "
        "its cause.",
    },
    "interpretation": {
        "2": "“{q}” gives back the customer's own details, which shows you listened.",
        "1": "“{q}” restates the topic; add a detail the customer gave and what it means for them.",
        "0": "Nothing shows what you understood; reflect back one detail the customer gave you.",
    },
    "exploration": {
        "2": "“{q}” is an open question about something the customer hasn't said yet.",
        "1": "“{q}” is open but would fit anyone; ask what this situation means for this customer.",
        "0:procedural_only": "“{q}” only collects details; add an open question about what the "
        "customer still needs.",
        "0": "There's no open question; ask one about what the customer hasn't told you yet.",
    },
    "non_judgment": {
        "2": "Your reply stays respectful throughout, with no blame or brush-off.",
        "1": "“{q}” can read as blame or a brush-off; make the point without it.",
        "0": "“{q}” blames, lectures or minimises; state the facts without judging the customer.",
        "0:none": "Nothing in your reply treats the customer's message with respect yet.",
    },
    "next_step": {
        "2": "“{q}” owns a concrete action with a when, so the customer knows what happens next.",
        "1": "“{q}” is a promise without a clear what and when; say what you will do and by when.",
        "1:not_owned": "“{q}” has a time but no owner; say what you yourself will do.",
        "1:process_only": "“{q}” moves paperwork (a ticket, a note, an update); say what you "
        "will do about their problem itself, and when.",
        "1:other_step": "“{q}” is a step for another problem than this customer's; act on "
        "what they told you, with what you can offer them.",
        "0:pushback": "“{q}” hands the work back to the customer; take on a step yourself.",
        "0": "There's no next step; end with what you will do and by when.",
    },
    "names_feeling": {
        "2": "“{q}” names the feeling precisely and where or when it showed.",
        "1": "“{q}” is a start; name the feeling more precisely and where you noticed it.",
        "0": "Name what you felt during the contact, as precisely as you can.",
    },
    "names_reaction": {
        "2": "“{q}” describes exactly what you did on autopilot.",
        "1": "“{q}” stays general; describe what you actually said or did without deciding to.",
        "0": "Describe your automatic reaction: what you said or did without really deciding to.",
    },
    "commits_to_change": {
        "2": "“{q}” is a specific change, with when you'll use it and what you'll do.",
        "1": "“{q}” is an intention; make it “next time I notice…, I will…” with one action.",
        "0": "Add one specific thing you will do next time you notice that feeling.",
    },
    "names_emotion": {
        "2": "“{q}” names the emotion the customer is showing.",
        "1": "“{q}” names an emotion; reread the customer's words for the main one.",
        "0": "Name the emotion the customer is feeling, in one precise word.",
    },
    "names_need": {
        "2": "“{q}” names the need beneath the request.",
        "1": "“{q}” is close; say what the customer needs underneath the request.",
        "0": "Name the need beneath the customer's request (certainty, respect, time…).",
    },
    "identifies_technique": {
        "2": "“{q}” names the technique the reply uses.",
        "1": "“{q}” stays general; name the technique, such as a paraphrase or an owned next step.",
        "0": "Name what the reply does: the technique, not only that it works.",
    },
    "cites_evidence": {
        "2": "“{q}” quotes the reply's exact words.",
        "1": "“{q}” points the right way; quote the exact words from the reply.",
        "0": "Quote the words in the reply that do it.",
    },
    "explains_effect": {
        "2": "“{q}” explains the effect on this customer.",
        "1": "“{q}” says it works; explain what it changes for the customer.",
        "0": "Explain the effect these words have on the customer.",
    },
}

# Gaming and formula: the answer is graded, but the summary says plainly why it fell short.
GAMING_REASONS = {
    "formulaic": "it is built from stock phrases that would fit any customer. Use this "
    "customer's own details: what happened, when, and what it means for them.",
    "sarcasm": "part of it reads as sarcasm, which tells an upset customer they are being "
    "mocked. Say it straight.",
    "placeholder": "it still has a template's blanks (“[issue]”, “{name}”) where this "
    "customer's own name and situation should be; write the reply to them.",
    "padded": "what you say to this customer is buried in stock and corporate lines that "
    "would fit anyone. Keep the lines about them and cut the rest.",
    "shouting": "it is written in capitals, which reads as shouting at the customer whatever "
    "the words say.",
    "emoji": "a string of emoji to someone upset reads as flippant. Let your words carry the "
    "feeling.",
    "parroted": "it pastes the customer's own sentences back to them, which shows you read "
    "their message, not that you understood it. Say what it means for them in your own words.",
    "stuffed": "it drops the customer's words into stock phrases (“sorry about the …”, "
    "a list of their things) without saying what happened to them or what it means for them.",
    "interrogation": "it answers with a string of questions. Acknowledge the person first, then "
    "ask the one question that matters.",
}

BLOCKED_REASONS = {
    "empty": "there's no answer to grade yet",
    "gibberish": "it doesn't read as words",
    "wrong_language": "it isn't in the customer's language",
    "copied_context": "it repeats the text you were given instead of answering it",
    "off_topic": "it doesn't answer this customer's situation",
    "other_customer": "it reads as a reply to a different customer: it talks about things this "
    "customer never mentioned and picks up almost nothing of what they said",
    "keyword_list": "it is a list of words rather than a reply written to the customer",
    "unrevised": "it is your earlier reply with only small changes; rework it using the "
    "feedback it received",
    "reused": "it is the same reply you wrote to a different customer",
}


def criterion_sentence(criterion: str, level: int, missing: list[str], words: str) -> str:
    """The template for this level and missing element, filled with the learner's words."""
    table = TEMPLATES[criterion]
    keys = [f"{level}:{code}" for code in missing] + ([f"{level}:none"] if not words else [])
    keys.append(str(level))
    for key in keys:
        template = table.get(key)
        if template and (words or "{q}" not in template):
            return template.format(q=words)
    # No words to quote (the level came from the whole answer): point at the answer instead.
    return table[str(level)].replace("“{q}”", "Your answer").format(q=words)


def for_criterion(
    criterion: str,
    level: int,
    missing: list[str],
    answer: str,
    evidence: list[tuple[int, int]],
    tip: str,
) -> str:
    """Feedback for one criterion: quote the best evidence, add the style tip below level 2."""
    words = quote(answer, *evidence[0]) if evidence else ""
    sentence = criterion_sentence(criterion, level, missing, words)
    if tip and level < 2:
        sentence = f"{sentence} {tip}"
    return sentence


def blocked(flag: str, foreign: tuple[str, ...] = ()) -> str:
    """Feedback for every criterion when a guard zeroed the answer."""
    sentence = f"No points here because {BLOCKED_REASONS.get(flag, 'it cannot be graded')}."
    if flag == "other_customer" and foreign:
        sentence += f" This customer never mentioned {_listed(foreign)}."
    return sentence


def _listed(words: tuple[str, ...]) -> str:
    quoted = [f"“{w}”" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


# What to do instead, for an answer a guard zeroed.
BLOCKED_ADVICE = {
    "empty": "write your answer in the box",
    "gibberish": "write it in plain sentences",
    "wrong_language": "write it in the language the customer used",
    "copied_context": "answer in your own words",
    "off_topic": "answer what this customer wrote",
    "other_customer": "answer what this customer wrote",
    "keyword_list": "write it as sentences to the customer",
    "unrevised": "change what the feedback pointed at",
    "reused": "write to this customer about their situation",
}
TOP_MARKS = {
    "customer_reply": "every part of your answer is specific to this customer",
    "reflection": "you named the feeling, the reaction and a change you will make",
    "emotion_need": "you named the emotion and the need behind it",
    "expert_analysis": "you picked out the techniques and where they appear",
}


def summary(
    flags: tuple[str, ...],
    score: float,
    decision: PassDecision,
    pass_mark: int,
    weakest: list[str],
    strongest: list[str],
    rubric: str = "customer_reply",
) -> str:
    """One sentence for the learner about the whole answer."""
    for flag in flags:
        if flag in BLOCKED_REASONS:
            advice = BLOCKED_ADVICE.get(flag, "answer in your own words")
            return f"This answer scores 0 because {BLOCKED_REASONS[flag]}; {advice}."
    for flag in flags:
        if flag in GAMING_REASONS:
            return f"Not passed ({score:.0f}%): {GAMING_REASONS[flag]}"
    if decision.score_met and decision.unmet:
        need = decision.unmet[0].text[0].lower() + decision.unmet[0].text[1:]
        return (
            f"Not passed yet ({score:.0f}%): the score reaches the pass mark, but a pass also "
            f"needs this: {need}"
        )
    lead = (
        f"Passed with {score:.0f}%"
        if decision.passed
        else f"Not passed yet ({score:.0f}%, pass mark {pass_mark}%)"
    )
    if "repetition" in flags:
        return f"{lead}; repeating the same sentence adds nothing, so say each thing once."
    if not weakest:
        return f"{lead}: {TOP_MARKS.get(rubric, 'every criterion is at its top level')}."
    best = f"strongest on {strongest[0].lower()}, " if strongest else ""
    return f"{lead}: {best}work next on {weakest[0].lower()}."
