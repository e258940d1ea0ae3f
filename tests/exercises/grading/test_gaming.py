"""Gaming and grounding on one customer: each habit gets its flag, its levels and a reason."""

from __future__ import annotations

import pytest

from exercises.grading import GradingRequest, GradingResult, grade

DANA = (
    "I've been charged twice for the same order, £42 each time, and my rent is due in three "
    "days. I've been a customer for six years and I'm honestly so worried about this."
)
STRONG = (
    "Being charged twice right before rent is due must be really stressful, especially after six "
    "years with us. I've refunded the second £42 charge now; you'll see it by Thursday, and I'll "
    "email you the confirmation. Has the second charge left you short for anything else this week?"
)


def reply(answer: str, **kwargs: object) -> GradingResult:
    return grade(GradingRequest(rubric="customer_reply", answer=answer, context=DANA, **kwargs))  # type: ignore[arg-type]


def levels(result: GradingResult) -> dict[str, int]:
    return {c.name: c.level for c in result.criteria}


def test_a_grounded_reply_passes_and_lists_the_customers_words_it_used() -> None:
    result = reply(STRONG)
    assert result.passed
    assert result.listening is not None
    assert "£42" in result.listening.picked_up
    assert "rent" in result.listening.picked_up


def test_the_same_reply_again_as_a_revision_fails_with_a_reason() -> None:
    cosmetic = STRONG.replace("really stressful", "so stressful") + " Thanks, Dana."
    result = reply(cosmetic, previous_answer=STRONG)
    assert "unrevised" in result.flags
    assert not result.passed
    assert "earlier reply" in result.summary


def test_a_real_rewrite_of_the_earlier_reply_is_graded_on_its_merits() -> None:
    earlier = "Sorry about that. We'll look into it and get back to you."
    result = reply(STRONG, previous_answer=earlier)
    assert "unrevised" not in result.flags
    assert result.passed


def test_a_paragraph_sent_to_another_customer_too_is_flagged_as_reused() -> None:
    result = reply(STRONG, other_answers=("Hello, your parcel is on its way.", STRONG))
    assert "reused" in result.flags
    assert not result.passed


def test_sarcasm_dressed_as_politeness_scores_no_respect() -> None:
    result = reply(
        "Thank you for your lovely message. I'm sorry our refund system isn't fast enough for "
        "you; we'll be sure to ask our accounts team to use a magic wand next time. I've "
        "refunded the second £42 today."
    )
    assert "sarcasm" in result.flags
    assert levels(result)["non_judgment"] == 0
    assert levels(result)["emotional_reaction"] == 0
    assert not result.passed


def test_an_interrogation_is_not_exploration() -> None:
    result = reply(
        "Can I have your order number? Which card did you use? Did you receive a confirmation "
        "email? Was it the same amount both times? Have you checked with your bank?"
    )
    assert "interrogation" in result.flags
    assert levels(result)["exploration"] == 0
    assert levels(result)["non_judgment"] <= 1


def test_a_keyword_list_is_not_a_reply() -> None:
    result = reply("Sorry, frustrating, worried, refund, £42, rent, today, understand, empathy")
    assert "keyword_list" in result.flags
    assert result.score == 0


@pytest.mark.parametrize(
    ("answer", "criterion", "most"),
    [
        ("Sorry, I understand. We'll look into it.", "interpretation", 0),
        ("Can you tell me more about what happened?", "exploration", 1),
        ("I completely understand your frustration and I'm so sorry.", "emotional_reaction", 1),
    ],
)
def test_words_that_would_fit_anyone_stay_at_the_generic_level(
    answer: str, criterion: str, most: int
) -> None:
    assert levels(reply(answer))[criterion] <= most


def test_congratulations_is_warmth_to_a_happy_customer() -> None:
    happy = "I graduate on the 28th and the dress is perfect, just a size too big. Can I swap it?"
    result = grade(
        GradingRequest(
            rubric="customer_reply",
            answer="Congratulations on graduating on the 28th! I've sent the smaller size today.",
            context=happy,
        )
    )
    assert "sarcasm" not in result.flags


def test_a_string_of_keywords_without_punctuation_is_a_list() -> None:
    result = reply("sorry charged twice £42 rent worried six years refund understand valued loyal")
    assert "keyword_list" in result.flags
    assert result.score == 0


@pytest.mark.parametrize(
    "answer",
    [
        "Refunded the second £42 now. Sorry, Dana, that was our error.",
        "Sorry about the double charge. I've refunded the second £42 today, you'll see it by "
        "Thursday.",
    ],
)
def test_short_plain_replies_are_not_keyword_lists(answer: str) -> None:
    assert "keyword_list" not in reply(answer).flags


WRITTEN_FOR_TOM = (
    "Congratulations, Tom, that's brilliant news about the baby. I can keep desk 14 for you on "
    "our £60-a-month hold from 1 March, and I've pencilled that in. Twice the joy this year!"
)


def test_greeting_a_different_customer_by_name_marks_a_reply_for_someone_else() -> None:
    signed = grade(
        GradingRequest(rubric="customer_reply", answer=WRITTEN_FOR_TOM, context=f"{DANA}\n\nDana")
    )
    assert "other_customer" in signed.flags
    assert not signed.passed
    assert signed.listening is not None
    assert signed.listening.foreign[0] == "Tom"


def test_a_name_is_not_a_stranger_when_the_customer_never_gave_theirs() -> None:
    # Dana's message is unsigned: the agent may know her name from the ticket.
    assert "other_customer" not in reply(f"Hi Dana,\n\n{STRONG}").flags
    assert not reply(WRITTEN_FOR_TOM).passed


@pytest.mark.parametrize(
    "greeting", ["Dear Dana,", "Hi Dan,", "Dear Valued Customer,", "Hi there,"]
)
def test_greeting_this_customer_or_nobody_in_particular_is_not_a_stranger(greeting: str) -> None:
    result = reply(f"{greeting}\n\n{STRONG}")
    assert "other_customer" not in result.flags


@pytest.mark.parametrize(
    ("signed", "greeting"),
    [("Robert Hale", "Hi Bob,"), ("Mrs J. Penrose", "Dear Joan,"), ("Thomas", "Hi Tom,")],
)
def test_a_short_form_or_initial_of_the_customers_name_is_not_a_stranger(
    signed: str, greeting: str
) -> None:
    result = grade(
        GradingRequest(
            rubric="customer_reply", answer=f"{greeting}\n\n{STRONG}", context=f"{DANA}\n\n{signed}"
        )
    )
    assert "other_customer" not in result.flags
