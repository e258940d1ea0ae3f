"""The grader on the issue's own examples: levels, evidence, feedback and summary."""

from __future__ import annotations

import pytest

from exercises.grading import RUBRICS, GradingError, GradingRequest, GradingResult, grade

DANA = (
    "I've been charged twice for the same order, £42 each time, and my rent is due in three "
    "days. I've been a customer for six years and I'm honestly so worried about this."
)


def reply(answer: str, context: str = DANA, **kwargs: object) -> GradingResult:
    return grade(GradingRequest(rubric="customer_reply", answer=answer, context=context, **kwargs))  # type: ignore[arg-type]


def level(result: GradingResult, criterion: str) -> int:
    return next(c.level for c in result.criteria if c.name == criterion)


@pytest.mark.parametrize(
    ("answer", "criterion", "expected"),
    [
        ("I'm sorry to hear that.", "emotional_reaction", 1),
        (
            "Being charged twice right before rent is due must be really stressful.",
            "emotional_reaction",
            2,
        ),
        ("What happened?", "exploration", 1),
        (
            "Has the second charge left you short for anything else this week?",
            "exploration",
            2,
        ),
        ("Can I have your order number?", "exploration", 0),
        ("We'll look into it.", "next_step", 1),
        (
            "I've refunded the second £42 charge now; you'll see it by Thursday, and I'll email "
            "you the confirmation.",
            "next_step",
            2,
        ),
        ("Thanks for your message.", "next_step", 0),
        ("Calm down, you should have checked your statement before paying.", "non_judgment", 0),
        ("I'm sorry, I'll look at the charges with you now.", "non_judgment", 2),
    ],
)
def test_issue_examples_get_the_levels_the_guide_gives(
    answer: str, criterion: str, expected: int
) -> None:
    assert level(reply(answer), criterion) == expected


STRONG = (
    "Being charged twice right before rent is due must be really stressful, especially after six "
    "years with us. I've refunded the second £42 charge now; you'll see it by Thursday, and I'll "
    "email you the confirmation. Has the second charge left you short for anything else this week?"
)


def test_a_strong_reply_passes_with_specific_feedback() -> None:
    result = reply(STRONG)
    assert result.passed
    assert result.score >= 80
    assert result.flags == ()
    emotional = result.criteria[0]
    assert emotional.level == 2
    assert "“Being charged twice" in emotional.feedback


@pytest.mark.parametrize(
    ("answer", "flag"),
    [
        (DANA, "copied_context"),
        ("I understand your frustration. " * 10, "repetition"),
        ("asdfgh qwerty zxcvbn lkjhgf poiuyt mnbvcx", "gibberish"),
        ("Boiler boiler the and of hot engineer ok ok ok the the council zzz yes", "gibberish"),
        (
            "Lo siento mucho por el doble cargo. He devuelto el segundo cargo y le enviaré la "
            "confirmación por correo hoy mismo.",
            "wrong_language",
        ),
        (
            "Thanks for asking about extra baggage! To add a bag to your flight, simply go to "
            "Manage My Booking and choose Add bags. Have a lovely trip!",
            "off_topic",
        ),
        ("", "empty"),
        ("   \n ", "empty"),
        ("ok", "empty"),
    ],
)
def test_adversarial_answers_score_low_and_say_why(answer: str, flag: str) -> None:
    result = reply(answer)
    assert flag in result.flags
    assert result.score <= 10
    assert not result.passed
    assert result.summary
    if flag != "repetition":
        assert all(c.level == 0 for c in result.criteria)
        assert "because" in result.summary


def test_repeated_stock_phrase_keeps_only_a_generic_emotional_reaction() -> None:
    result = reply("I understand your frustration. " * 10)
    levels = {c.name: c.level for c in result.criteria}
    assert levels == {
        "emotional_reaction": 1,
        "interpretation": 0,
        "exploration": 0,
        "non_judgment": 0,
        "next_step": 0,
    }
    assert "repeat" in result.summary


def test_a_reply_in_the_customers_own_language_is_not_flagged() -> None:
    context = "Me han cobrado dos veces el mismo pedido y el alquiler vence en tres días."
    answer = "Lo siento mucho, ya he devuelto el segundo cargo y le enviaré la confirmación hoy."
    assert "wrong_language" not in reply(answer, context=context).flags


@pytest.mark.parametrize("rubric", sorted(RUBRICS))
def test_every_rubric_returns_its_criteria_in_order_with_spans_inside_the_text(
    rubric: str,
) -> None:
    answer = (
        'I felt anxious when she said "this is the third time". The reply says "I can see why '
        'that is worrying", which acknowledges the feeling so she feels heard. Next time I will '
        "pause and name it. She needs certainty."
    )
    result = grade(GradingRequest(rubric=rubric, answer=answer, context=DANA))
    assert tuple(c.name for c in result.criteria) == RUBRICS[rubric]
    for criterion in result.criteria:
        assert 0 <= criterion.level <= criterion.max_level == 2
        assert criterion.feedback
        assert criterion.label
        for span in criterion.evidence:
            assert 0 <= span.start < span.end <= len(answer)
    assert 0 <= result.score <= 100
    assert 0 <= result.confidence <= 1
    assert result.grader_version


def test_evidence_quotes_the_learners_own_words() -> None:
    result = reply(STRONG)
    for criterion in result.criteria:
        for span in criterion.evidence:
            assert STRONG[span.start : span.end].strip()


def test_grading_is_deterministic() -> None:
    first, second = reply(STRONG), reply(STRONG)
    assert first == second


def test_unknown_rubric_is_a_grading_error() -> None:
    with pytest.raises(GradingError):
        grade(GradingRequest(rubric="haiku", answer="x"))


@pytest.mark.parametrize(
    ("style", "words"),
    [
        ("direct", "feeling"),
        ("analytical", "person"),
        ("supportive", "next step"),
        ("expressive", "Ask before you tell"),
    ],
)
def test_feedback_is_tailored_to_the_learners_style(style: str, words: str) -> None:
    answer = "I'm sorry to hear that. We'll look into it. Is there anything else I can help with?"
    plain = reply(answer)
    tailored = reply(answer, learner_style=style)
    feedback = " ".join(c.feedback for c in tailored.criteria)
    assert words in feedback
    assert feedback != " ".join(c.feedback for c in plain.criteria)
    assert [c.level for c in tailored.criteria] == [c.level for c in plain.criteria]


def test_confidence_is_lower_near_the_pass_mark_than_for_clear_cases() -> None:
    clear_fail = reply("Dear Customer, the charge stands. Regards.")
    clear_pass = reply(STRONG)
    borderline = reply(
        "I'm sorry about the double charge before your rent. We'll look into it and get back "
        "to you. Is there anything else I can help with?"
    )
    assert borderline.confidence < max(clear_fail.confidence, clear_pass.confidence)


def test_emotion_need_compares_with_the_expected_emotions_and_needs() -> None:
    expected = {"emotions": ["worried", "anxious"], "needs": ["refund before rent", "certainty"]}

    def levels(answer: str) -> list[int]:
        request = GradingRequest(
            rubric="emotion_need", answer=answer, context=DANA, expected=expected
        )
        return [c.level for c in grade(request).criteria]

    assert levels("She is nervous; she needs the money back before her rent is due.") == [2, 2]
    assert levels("He seems cross and wants an answer.") == [1, 1]
    assert levels("The customer wrote about an order.") == [0, 0]


def test_reflection_levels_rise_with_precision() -> None:
    def levels(answer: str) -> list[int]:
        return [c.level for c in grade(GradingRequest(rubric="reflection", answer=answer)).criteria]

    assert levels("Not my best call.")[0] == 0
    vague = levels("I felt bad and didn't handle it well. I'll do better.")
    precise = levels(
        'When he said "you people always lie" I felt defensive, because I had had three such '
        "calls. "
        "I talked over him and read out the policy twice. Next time I notice that heat, I will "
        "pause and say what I can do for him before any policy."
    )
    assert vague == [1, 1, 1]
    assert precise == [2, 2, 2]
