"""Gaming a grader that looks for the customer's details, on the course's own exercises.

Each family is something a clever employee might try once they know the grader rewards
this customer's words: paste the message back, stuff its nouns into stock phrases, send
a template, restate and then lecture, bury one real line in filler, swap the name on
another customer's reply, bullet the empathy phrases, dress a vague promise in details,
shout or pile on emoji. Every attempt carries a real, owned next step where the family
allows, so the gaming alone decides the outcome. A trainer would fail each of them and
say why: the tests check the result, the criterion a trainer would mark down, and that
the learner is told the reason.
"""

from __future__ import annotations

import re

import pytest

from exercises.grading import GradingResult, grade
from tests.exercises.grading.course_replies import BY_SLUG, course_request

EXERCISES = BY_SLUG
ENERGY = "reply-energy-estimated-bill-jump"
BOILER = "reply-boiler-breakdown-baby-at-home"
WEDDING = "reply-missed-connection-wedding"
CARD = "reply-card-declined-at-the-till"
BROADBAND = "reply-broadband-outage-home-worker"

# A real next step per exercise, owned and timed: on its own it earns next_step 2.
STEP = {
    ENERGY: "I've put a hold on the direct debit today, so nothing will be taken on the 1st.",
    BOILER: "An engineer is booked for today between 4 and 6pm, and I'll ring you at 3 to confirm.",
    WEDDING: "I've put you on the 20:45 via Paris tonight, landing in Lisbon at 23:50, at no cost.",
    CARD: "I can confirm the £89 payment with you now and lift the block straight away.",
    BROADBAND: "The engineer is booked for tomorrow between 8am and 1pm, and I've added "
    "compensation for each day.",
}


def _grade(slug: str, text: str) -> GradingResult:
    # Written for the reply alone: graded without the exercise's situation.
    return grade(course_request(EXERCISES[slug], text, situation=False))


def _levels(result: GradingResult) -> dict[str, int]:
    return {c.name: c.level for c in result.criteria}


def _strong(slug: str) -> str:
    return next(r["text"] for r in EXERCISES[slug]["reference_replies"] if r["quality"] == "strong")


def _message(slug: str) -> str:
    return " ".join(EXERCISES[slug]["scenario"]["message"].split())


_TURN = {"i": "you", "i've": "you've", "i'm": "you're", "i'll": "you'll", "my": "your", "me": "you"}


def _turned_round(text: str) -> str:
    """The customer's words with the pronouns turned round, as a parrot would send them."""

    def turn(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in ("your", "you"):
            return "our" if word.lower() == "your" else "us"
        return _TURN.get(word.lower(), word)

    return re.sub(r"\b(?:I've|I'm|I'll|I|my|My|me|your|YOUR|you)\b", turn, text)


def _reflection(slug: str) -> str:
    """The strong reference's feeling and situation lines, without its next step."""
    return " ".join(_sentences(" ".join(_strong(slug).split()))[:2])


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


# --- each family: (family, exercise, reply, flag or None, {criterion: highest level}, reason) --


def _paste_back(slug: str) -> str:
    pasted = _turned_round(_message(slug))
    return f"I'm so sorry to hear that. {pasted} I'm sorry again. {STEP[slug]}"


def _paste_part(slug: str) -> str:
    said = _sentences(_message(slug))
    part = " ".join(said[: max(2, 2 * len(said) // 3)])
    return f"I'm so sorry. {_turned_round(part)} I completely understand how you feel. {STEP[slug]}"


STUFFED = {
    ENERGY: "I'm so sorry about the £310 bill, the £90, the direct debit on the 1st, the heating, "
    "the two kids and the bank charges. I completely understand your frustration about the "
    "estimated £310 bill. Your feelings about the direct debit and being overdrawn are valid.",
    BOILER: "Sorry to hear about the boiler, the five days, the hot water, the eight-month-old and "
    "the kettles. I understand your frustration about the engineer and the heating. Your "
    "feelings about the baby are completely valid.",
    BROADBAND: "I apologise for the internet, the third day, Monday, the 24 hours and the café "
    "wifi. I'm sorry about the client deadline and the work you've lost.",
}
TEMPLATE = (
    "Dear [Customer Name],\n\nI understand your frustration about [issue] and I'm sorry for the "
    "inconvenience. {step} What else can I do to help with [issue]?\n\nKind regards,\n[Agent Name]"
)
LECTURE = {
    ENERGY: "Aisha, your bill says £310 when you normally pay about £90, it's estimated, and the "
    "direct debit comes out on the 1st. The reason is simple: you never sent us a meter "
    "reading, and it is the customer's responsibility to provide one.",
    WEDDING: "Priya, your connection to Lisbon left while you were landing in Amsterdam, and your "
    "sister's wedding is at 11 with you doing a reading. Honestly, you should never book a "
    "connection that tight the day before a wedding.",
    CARD: "Mrs Okafor, your card was declined at the till and you had to leave your shopping on "
    "the belt. We sent you a text to confirm the payment and you ignored it, so the block is "
    "down to you not checking your phone.",
}
FILLER = (
    "Thank you so much for reaching out to us today, and please accept my sincere apologies for "
    "the inconvenience this has caused. I completely understand your frustration and I want you "
    "to know that your feelings are valid. I can only imagine how upsetting this must be for you, "
    "and I'm truly sorry you've had this experience. We really value you as a customer and we "
    "take all feedback very seriously. {real} Please rest assured that we are committed to "
    "providing the very best service to all of our customers. I appreciate your patience and "
    "understanding while we look into this. Customer satisfaction is our top priority and we "
    "always strive to exceed expectations. If there is anything else at all that I can help you "
    "with, please don't hesitate to get in touch."
)
REAL = {
    ENERGY: "Opening a £310 bill when you normally pay £90, with the direct debit on the 1st, "
    "would make anyone feel sick, and I've put a hold on the direct debit today.",
    BOILER: "Five days without heating or hot water with an eight-month-old is exhausting, and an "
    "engineer is booked for today between 4 and 6pm; I'll ring you at 3 to confirm.",
}
BULLETS = (
    "Hi {name},\n\n• I hear you.\n• I'm so sorry.\n• Your feelings are valid.\n• I understand how "
    "frustrating this is.\n• We value you as a customer.\n• We're looking into it.\n• Someone "
    "will be in touch soon."
)
VAGUE = {
    ENERGY: "Aisha, opening a £310 bill when you normally pay about £90, with the direct debit due "
    "on the 1st and two kids to look after, would make anyone feel sick. We'll look into the "
    "estimated bill and someone will be in touch about it. What else is weighing on you?",
    WEDDING: "Priya, missing your connection in Amsterdam the night before your sister's wedding, "
    "when you're doing a reading at 11, must be so stressful. We'll look into options for "
    "getting you to Lisbon and someone will get back to you as soon as possible.",
}


# The guide's levels for a stock paragraph: generic feeling, the topic at most, a vague promise.
STOCK = {"emotional_reaction": 1, "interpretation": 1, "next_step": 1}


# Paperwork for a next step: owned, timed, with a reference, and nothing done for them yet.
PAPERWORK = (
    "I've raised a ticket, reference 55821, and I'll update you within 24 hours.",
    "I've logged a priority case for you and I'll keep you posted by 5pm today.",
)


def _emoji_laden(slug: str) -> str:
    return re.sub(r"([.?])(\s)", r"\1 😢🙏\2", _strong(slug))


GAMES: list[tuple[str, str, str, str | None, dict[str, int], str]] = [
    *[
        ("paste back, pronouns turned", s, _paste_back(s), "copied_context", {}, "repeats the text")
        for s in (ENERGY, WEDDING, CARD)
    ],
    *[
        ("paste most of it back", s, _paste_part(s), "parroted", {"interpretation": 1}, "pastes")
        for s in (BOILER, WEDDING)
    ],
    *[
        (
            "nouns stuffed into stock phrases",
            s,
            f"{text} {STEP[s]}",
            "stuffed",
            {"emotional_reaction": 1, "interpretation": 1},
            "stock phrases",
        )
        for s, text in STUFFED.items()
    ],
    *[
        ("template with blanks", s, TEMPLATE.format(step=STEP[s]), "placeholder", {}, "blanks")
        for s in (ENERGY, WEDDING, BROADBAND)
    ],
    *[
        ("restate, then lecture", s, f"{text} {STEP[s]}", None, {"non_judgment": 0}, "blames")
        for s, text in LECTURE.items()
    ],
    *[
        ("one real line in filler", s, FILLER.format(real=text), "padded", {}, "buried")
        for s, text in REAL.items()
    ],
    *[
        ("bullets of empathy phrases", s, BULLETS.format(name=n), "formulaic", STOCK, "stock")
        for s, n in ((ENERGY, "Aisha"), (CARD, "Mrs Okafor"))
    ],
    *[
        ("vague promise in their details", s, text, None, {"next_step": 1}, "what and when")
        for s, text in VAGUE.items()
    ],
    *[
        ("paperwork for a step", s, f"{_reflection(s)} {step}", None, {"next_step": 1}, "paperwork")
        for s in (ENERGY, WEDDING)
        for step in PAPERWORK
    ],
    *[
        ("all capitals", s, _strong(s).upper(), "shouting", {"non_judgment": 1}, "capitals")
        for s in (ENERGY, CARD)
    ],
    *[
        ("emoji-laden", s, _emoji_laden(s), "emoji", {"non_judgment": 1}, "emoji")
        for s in (ENERGY, BOILER)
    ],
]


@pytest.mark.parametrize(
    ("family", "slug", "text", "flag", "most", "reason"),
    GAMES,
    ids=[f"{g[0]}-{g[1]}" for g in GAMES],
)
def test_a_gaming_attempt_fails_with_the_reason_a_trainer_would_give(
    family: str, slug: str, text: str, flag: str | None, most: dict[str, int], reason: str
) -> None:
    result = _grade(slug, text)
    assert not result.passed
    if flag is not None:
        assert flag in result.flags
    levels = _levels(result)
    for criterion, level in most.items():
        assert levels[criterion] <= level, (criterion, levels)
    said = " ".join([result.summary, *(c.feedback for c in result.criteria)])
    assert reason in said, said


@pytest.mark.parametrize(
    ("own", "other"),
    [
        (CARD, ENERGY),
        (BROADBAND, WEDDING),
        ("reply-prescription-delay-warfarin", BOILER),
        # The customer signed the message: their name used to count as a detail picked up.
        ("reply-prescription-delay-warfarin", "reply-accounting-app-invoices-missing"),
        ("reply-abusive-caller-gas-cut-off", "reply-roaming-bill-shock"),
        ("reply-broadband-engineer-no-show", "check-after-van-repair-electrician"),
    ],
)
def test_another_customers_reply_with_the_name_swapped_does_not_pass(own: str, other: str) -> None:
    theirs, name = _first_name(own), _first_name(other)
    result = _grade(other, _strong(own).replace(theirs, name))
    assert not result.passed
    assert result.listening is not None
    assert name not in result.listening.picked_up  # greeting them is not listening


def _first_name(slug: str) -> str:
    customer = EXERCISES[slug]["scenario"]["customer"]
    titled = re.match(r"(Mr|Mrs|Ms|Dr)\.? \w+ (\w+)", customer)
    return f"{titled.group(1)} {titled.group(2)}" if titled else customer.split(",")[0].split()[0]


# --- what the defences must leave alone ----------------------------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "Kind regards,\n[Your Name]",  # the sender's own blank is a slip in the signature
        "In the app, Settings > [your name] > Billing shows the hold.",  # the screen's wording
        "I'm sorry about the mix-up.",  # one apology for one thing of theirs
    ],
)
def test_a_strong_reply_keeps_its_pass_with_a_harmless_ending(ending: str) -> None:
    result = _grade(ENERGY, f"{_strong(ENERGY)}\n\n{ending}")
    assert result.passed, (result.flags, _levels(result))


def test_a_customer_who_writes_with_emoji_may_get_one_back() -> None:
    slug = "reply-graduation-dress-size-swap"
    assert "🎓" in _strong(slug)
    result = _grade(slug, _strong(slug))
    assert result.passed
    assert "emoji" not in result.flags


# --- judgement read in context ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "respectful"),
    [
        ("This was our failure, not a small inconvenience.", True),
        ("It's only a small difference in the end.", False),
        ("Feeling sick at a bill like that is completely normal.", True),
        ("Estimated bills like this are completely normal.", False),
        ("You should have had a letter explaining the estimate.", True),
        ("You should never have had to chase this.", True),
        ("You should have sent us a meter reading.", False),
        ("Whatever happens with the reading, nothing leaves your account on the 1st.", True),
        ("Whatever.", False),
        ("We'll warn you next time the bill is estimated.", True),
        ("Make sure you send us a reading next time.", False),
    ],
)
def test_judgement_is_read_in_context(line: str, respectful: bool) -> None:
    levels = _levels(_grade(ENERGY, f"{_strong(ENERGY)} {line}"))
    assert (levels["non_judgment"] == 2) is respectful, levels
