"""Cues read for what the sentence does, not for a word in it.

A real step said in the third person or as something arranged ("Raj is ringing the surgery
now", "A loan phone is waiting for you at the front desk") is owned; busy-sounding vagueness
is not. "Please send us your readings next time" is a lesson; the agent's own promise about
next time is not. Cheer and "congratulations" are judged against the customer's mood, not a
topic word: a baby in a cold house is no good news.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.grading import GradingRequest
from exercises.grading.analysis import Answer
from exercises.grading.course_refs import _front_matter
from exercises.grading.engine import prepare
from exercises.grading.reply_action import non_judgment
from exercises.grading.reply_next_step import next_step

COURSE = Path(__file__).resolve().parents[3] / "fixtures" / "course"
UPSET = (
    "My phone died on Monday and I've been without it for a week. I work shifts and can't "
    "see my rota. This is the third time I've had to chase you and nobody calls back."
)
GRADUATED = (
    "I just graduated yesterday and wanted to say thank you for the study plan, it really "
    "helped so much!"
)
ASKS_AHEAD = "The meter reading was estimated again. Is there anything I can do next time?"


def _message(slug: str) -> str:
    for path in sorted(COURSE.glob("**/*.md")):
        for exercise in _front_matter(path).get("exercises") or []:
            if exercise.get("slug") == slug:
                return str(exercise["scenario"]["message"])
    raise LookupError(slug)


def _answer(reply: str, message: str = UPSET) -> Answer:
    prepared = prepare(GradingRequest(rubric="customer_reply", answer=reply, context=message))
    assert prepared.answer is not None
    return prepared.answer


@pytest.mark.parametrize(
    ("reply", "level"),
    [
        ("Raj is ringing the surgery now.", 2),
        ("My colleague Sam is calling the depot right now.", 2),
        ("A loan phone is waiting for you at the front desk.", 2),
        ("Your new card is ready for you to collect at the branch from 2pm today.", 2),
        ("Your replacement has been booked for Thursday.", 2),
        # Vague or busy-sounding: not an owned, concrete step.
        ("Someone will look into it.", 1),
        ("It will be sorted.", 1),
        ("The team is looking into it now.", 0),
        ("Raj is checking into it now.", 0),
        # The problem's own state, not a step.
        ("Your parcel is waiting at the Leeds depot.", 0),
        ("This is going nowhere.", 0),
    ],
)
def test_owned_steps_in_the_third_person_and_passive(reply: str, level: int) -> None:
    assert next_step(_answer(reply)).rule_level == level


def test_a_name_from_the_customers_message_is_not_a_colleague() -> None:
    message = "Our cat Mittens is unwell and the vet's invoice charged us twice."
    assert next_step(_answer("Mittens is eating again now.", message)).rule_level == 0


@pytest.mark.parametrize(
    ("reply", "message", "blamed"),
    [
        ("Please send us your readings next time.", UPSET, True),
        ("Next time please send us your readings.", UPSET, True),
        ("Please send your readings in future so this doesn't happen.", UPSET, True),
        # The agent's own promise about next time.
        ("We'll warn you next time the price changes.", UPSET, False),
        ("I'll call you first next time.", UPSET, False),
        # An invitation, and a tip the customer asked for.
        ("Please don't hesitate to get in touch in future.", UPSET, False),
        ("Next time, you can send the reading through the app.", ASKS_AHEAD, False),
    ],
)
def test_next_time_instructions_about_the_customers_conduct(
    reply: str, message: str, blamed: bool
) -> None:
    found = non_judgment(_answer(reply, message))
    assert (found.features["nj_blame"] > 0) is blamed


@pytest.mark.parametrize(
    ("reply", "message", "cheer"),
    [
        ("That's wonderful news 😍 well done on graduating.", GRADUATED, False),
        ("Thank you for telling us 😊", GRADUATED, False),
        ("Sorry about your phone 😍", UPSET, True),
        ("I've booked the repair for Thursday!! Have a lovely day 😊", UPSET, True),
    ],
)
def test_cheer_is_misplaced_only_with_an_upset_customer(
    reply: str, message: str, cheer: bool
) -> None:
    found = non_judgment(_answer(reply, message))
    assert (found.features["nj_cheer"] > 0) is cheer


@pytest.mark.parametrize(
    ("message", "good"),
    [
        ("Our boiler broke on Friday and the baby is freezing. Nobody has come out.", False),
        (_message("reply-boiler-breakdown-baby-at-home"), False),
        ("I won't pay this bill, it's wrong again.", False),
        ("My mum passed away in March and you're still sending her letters.", False),
        ("We just had a baby and wanted to thank the midwife team!", True),
        (GRADUATED, True),
        ("I got married in June, please change the name on my account.", True),
    ],
)
def test_good_news_comes_from_the_message_not_a_topic_word(message: str, good: bool) -> None:
    """ "Congratulations" is warmth to good news and sarcasm to anyone else."""
    found = non_judgment(_answer("Congratulations! I've booked it for Thursday.", message))
    assert (found.features["nj_sarcasm"] == 0) is good


def test_congratulations_to_an_upset_parent_is_sarcasm() -> None:
    message = _message("reply-boiler-breakdown-baby-at-home")
    found = non_judgment(_answer("Congratulations on the baby! An engineer is booked.", message))
    assert found.features["nj_sarcasm"] > 0 and found.rule_level == 0
