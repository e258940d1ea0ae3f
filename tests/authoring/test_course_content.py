"""The shipped course meets its quality bar; failures name the file and field at fault."""

import re
from collections import Counter
from pathlib import Path

import pytest

from authoring.content import ContentError, CourseSpec, load_course
from tests.conftest import FULL_COURSE

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "empathy-in-customer-service.txt"
WORD = re.compile(r"[A-Za-z0-9’']+")


@pytest.fixture(scope="module")
def spec() -> CourseSpec:
    try:
        return load_course(FULL_COURSE)
    except ContentError as error:  # pragma: no cover - the message is the point
        pytest.fail("The course files have problems:\n" + "\n".join(map(str, error.problems)))


def words(text: str) -> int:
    return len(WORD.findall(re.sub(r"[#>*|_-]", " ", text)))


def test_four_stages_in_the_designed_order(spec: CourseSpec):
    assert [s.slug for s in spec.stages] == [
        "self-awareness",
        "observing-the-customer",
        "listening-and-responding",
        "practice-and-feedback",
    ]


def test_at_least_twelve_lessons_of_400_to_900_words(spec: CourseSpec):
    assert len(spec.lessons) >= 12
    for lesson in spec.lessons:
        assert 400 <= words(lesson.body) <= 900, (
            f"{lesson.source}: body has {words(lesson.body)} words"
        )


def test_lessons_use_headings_lists_and_short_paragraphs(spec: CourseSpec):
    for lesson in spec.lessons:
        assert re.search(r"^## ", lesson.body, re.M), f"{lesson.source}: no ## heading"
        assert re.search(r"^(\s*[-*] |\s*\d+\. )", lesson.body, re.M), f"{lesson.source}: no list"
        blocks = re.split(r"\n\s*\n", lesson.body)
        # Quoted customer messages and replies, and numbered steps, may run longer.
        prose = [p for p in blocks if not re.match(r"\s*(>|[-*] |\d+\. |\|)", p)]
        for paragraph in prose:
            assert words(paragraph) <= 120, (
                f"{lesson.source}: a paragraph of {words(paragraph)} words"
            )


def test_each_lesson_has_a_worked_example(spec: CourseSpec):
    """A customer message, a poor reply and a better one: at least three quotations."""
    for lesson in spec.lessons:
        quotes = re.findall(r"(?:^>.*\n?)+", lesson.body, re.M)
        assert len(quotes) >= 3, f"{lesson.source}: {len(quotes)} quoted messages, expected 3+"


def test_exercise_mix(spec: CourseSpec):
    kinds = Counter(e.rubric or e.kind for e in spec.exercises)

    assert len(spec.exercises) >= 36
    assert kinds["customer_reply"] >= 18
    for kind in (
        "multiple_choice",
        "self_assessment",
        "reflection",
        "emotion_need",
        "expert_analysis",
    ):
        assert kinds[kind] >= 1, f"no {kind} exercise"
    assert any(e.revises for e in spec.exercises), "no revise-after-feedback exercise"


def test_self_assessment_covers_four_styles(spec: CourseSpec):
    (assessment,) = [e for e in spec.exercises if e.kind == "self_assessment"]
    per_style = Counter(item["style"] for item in assessment.items)

    assert len(assessment.items) >= 16
    assert set(per_style) == {s["slug"] for s in spec.styles}
    assert len(per_style) == 4 and min(per_style.values()) >= 4
    assert "not a diagnosis" in assessment.prompt


def test_every_option_explains_itself(spec: CourseSpec):
    for exercise in spec.exercises:
        for i, option in enumerate(exercise.options):
            assert option.text and option.explanation, (
                f"{exercise.source}: {exercise.slug} options[{i}]"
            )


def test_scenarios_span_channels_and_carry_graded_references(spec: CourseSpec):
    replies = [e for e in spec.exercises if e.kind == "free_text" and e.rubric == "customer_reply"]
    assert {e.scenario["channel"] for e in replies} == {
        "chat",
        "email",
        "phone",
        "social",
        "in_person",
    }
    for exercise in replies:
        assert exercise.scenario["message"], f"{exercise.source}: {exercise.slug} has no message"
        totals = {r.quality: sum(r.labels.values()) for r in exercise.reference_replies}
        assert totals["strong"] > totals["adequate"] > totals["poor"], (
            f"{exercise.source}: {exercise.slug} references not ranked strong > adequate > poor"
        )


def test_conversations_sit_in_stages_3_and_4_across_channels(spec: CourseSpec):
    placed = {
        e.slug: (stage.slug, e.conversation["channel"])
        for stage in spec.stages
        for lesson in stage.lessons
        for e in lesson.exercises
        if e.kind == "conversation"
    }
    assert len(placed) == 6
    assert {stage for stage, _ in placed.values()} == {
        "listening-and-responding",
        "practice-and-feedback",
    }
    assert {channel for _, channel in placed.values()} == {"chat", "phone", "in_person"}


def test_free_text_names_rubric_and_pass_mark(spec: CourseSpec):
    for exercise in spec.exercises:
        if exercise.kind == "free_text":
            assert exercise.rubric and 1 <= exercise.pass_mark <= 100, exercise.source


@pytest.mark.skipif(not SEED.exists(), reason="seed text not beside the repository")
def test_no_sentence_is_copied_from_the_seed(spec: CourseSpec):
    def shingles(text: str) -> set[tuple[str, ...]]:
        tokens = [w.lower() for w in WORD.findall(text)]
        return {tuple(tokens[i : i + 8]) for i in range(len(tokens) - 7)}

    seed = shingles(SEED.read_text())
    for lesson in spec.lessons:
        copied = seed & shingles(lesson.body)
        assert not copied, f"{lesson.source}: copies the seed: {' '.join(next(iter(copied)))}"


def test_multiple_choice_answers_are_not_given_away_by_length(spec: CourseSpec):
    """Options of even length, and the right answer is rarely the longest one."""
    questions = [e for e in spec.exercises if e.kind == "multiple_choice"]
    longest = []
    for exercise in questions:
        lengths = [len(o.text) for o in exercise.options]
        assert min(lengths) >= max(lengths) / 2, f"{exercise.source}: {exercise.slug} {lengths}"
        correct = next(len(o.text) for o in exercise.options if o.correct)
        if correct == max(lengths):
            longest.append(exercise.slug)
    assert len(longest) <= len(questions) // 3, longest


def test_strong_replies_come_in_more_than_one_shape(spec: CourseSpec):
    """Short strong replies and strong replies without a question exist beside the long ones,
    and scripted box-ticking replies are shown for what they miss."""
    references = [r for e in spec.exercises for r in e.reference_replies]
    strong = [r.text for r in references if r.quality == "strong"]
    assert sum(words(t) <= 75 for t in strong) >= 1
    assert sum(words(t) <= 95 for t in strong) >= 4
    assert sum("?" not in t for t in strong) >= 4
    scripted = [r for r in references if r.quality != "strong" and "sounds scripted" in r.note]
    assert len(scripted) >= 3


LOCAL_TERMS = re.compile(r"£|\bGP\b|HMRC|Financial Ombudsman|chancer|trying it on|That's not on")


def test_teaching_text_is_locale_neutral(spec: CourseSpec):
    for lesson in spec.lessons:
        found = LOCAL_TERMS.findall(lesson.body)
        assert not found, f"{lesson.source}: {found}"


def test_the_hard_cases_are_practised(spec: CourseSpec):
    replies = {e.slug: e for e in spec.exercises if e.rubric == "customer_reply"}
    for slug in (
        "reply-abusive-caller-gas-cut-off",
        "reply-son-calling-for-father-no-consent",
        "reply-hotel-guest-second-language",
        "reply-station-lift-out-wheelchair-user",
        "reply-personalise-drafted-thermostat-reply",
        "reply-chatbot-handover-card-old-address",
    ):
        assert slug in replies, f"no exercise {slug}"
    assert replies["reply-station-lift-out-wheelchair-user"].scenario["channel"] == "in_person"
