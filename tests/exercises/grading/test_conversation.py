"""The conversation engine without a database: branch choice, checks, turns, review."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from exercises.grading import GradingRequest
from exercises.grading.conversation import (
    CONDITIONS,
    Outcome,
    TurnRecord,
    best_path,
    check_script,
    choose,
    grade_turn,
    read_script,
    reason,
    review,
)
from exercises.grading.conversation.turns import conversation_context

ALL_TWO = {
    "emotional_reaction": 2,
    "interpretation": 2,
    "exploration": 2,
    "non_judgment": 2,
    "next_step": 2,
}


def levels(**changes: int) -> dict[str, int]:
    return {**ALL_TWO, **changes}


def branch(when: list[str], to: str, because: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"when": when, "to": to}
    if because:
        data["because"] = because
    return data


RAW: dict[str, Any] = {
    "channel": "chat",
    "customer": "Rosa, who runs a market stall",
    "start": "opening",
    "messages": [
        {
            "id": "opening",
            "mood": "upset",
            "text": "Where is my parcel?",
            "branches": [
                branch(["judged"], "cold", "Rosa went quiet because your reply blamed her."),
                branch(["grounded", "next_step"], "worry"),
                branch(["otherwise"], "pushes"),
            ],
        },
        {
            "id": "pushes",
            "mood": "angry",
            "text": "That tells me nothing.",
            "branches": [branch(["grounded"], "worry"), branch(["otherwise"], "cold")],
        },
        {
            "id": "worry",
            "mood": "calmer",
            "text": "The market is on Saturday.",
            "branches": [branch(["next_step"], "offer"), branch(["otherwise"], "cold")],
        },
        {
            "id": "cold",
            "mood": "guarded",
            "text": "Just tell me when.",
            "branches": [branch(["next_step"], "offer"), branch(["otherwise"], "last")],
        },
        {
            "id": "last",
            "mood": "angry",
            "text": "Last chance.",
            "branches": [branch(["next_step"], "offer"), branch(["otherwise"], "gone")],
        },
        {
            "id": "offer",
            "mood": "calmer",
            "text": "Friday then?",
            "branches": [branch(["next_step"], "thanks"), branch(["otherwise"], "gone")],
        },
        {"id": "thanks", "mood": "reassured", "text": "Thanks.", "ending": "good", "summary": "ok"},
        {"id": "gone", "mood": "angry", "text": "Forget it.", "ending": "poor", "summary": "left"},
    ],
}


def script_of(raw: dict[str, Any]) -> Any:
    script, problems = read_script(raw, frozenset(CONDITIONS))
    assert problems == []
    return script


@pytest.fixture
def script() -> Any:
    return script_of(RAW)


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (Outcome(levels()), "worry"),  # met her in her words and owned a step
        (Outcome(levels(non_judgment=1)), "cold"),  # a slip of judgement comes first
        (Outcome(levels(next_step=1)), "pushes"),  # understood, but no step
        (Outcome(levels(emotional_reaction=1, interpretation=1)), "pushes"),
        (Outcome(levels(interpretation=1)), "worry"),  # the feeling alone is grounded
        (Outcome(dict.fromkeys(ALL_TWO, 0), ("copied_context",)), "cold"),
    ],
)
def test_the_first_branch_whose_conditions_hold_is_taken(
    script: Any, outcome: Outcome, expected: str
) -> None:
    assert choose(script.message("opening"), outcome).to == expected


def test_the_reason_is_the_authors_or_written_from_the_conditions(script: Any) -> None:
    opening = script.message("opening")
    judged = choose(opening, Outcome(levels(non_judgment=0)))
    assert reason(script, opening, judged, script.message("cold")) == (
        "Rosa went quiet because your reply blamed her."
    )
    good = choose(opening, Outcome(levels()))
    assert reason(script, opening, good, script.message("worry")) == (
        "Rosa calmed down because you met Rosa's feeling or situation in their own words "
        "and you owned a concrete next step."
    )


def test_a_sound_script_passes_and_its_best_path_is_the_calmest(script: Any) -> None:
    assert check_script(script) == []
    assert best_path(script) == ("opening", "worry", "offer", "thanks")


def broken(change: Any) -> list[str]:
    raw = copy.deepcopy(RAW)
    change(raw["messages"])
    script, problems = read_script(raw, frozenset(CONDITIONS))
    assert script is not None
    return [f"{field}: {why}" for field, why in problems + check_script(script)]


def test_a_dead_end_is_rejected() -> None:
    problems = broken(lambda ms: ms[2].update(branches=[]))
    assert any("dead end: 'worry'" in p for p in problems)


def test_a_branch_to_nowhere_is_rejected() -> None:
    problems = broken(lambda ms: ms[2]["branches"][0].update(to="nowhere"))
    assert problems == ["messages[2].branches[0].to: 'nowhere' is not a message id: a dead end"]


def test_a_last_branch_that_is_not_otherwise_is_a_dead_end() -> None:
    problems = broken(lambda ms: ms[2]["branches"].pop())
    assert any("the last branch must be `when: [otherwise]`" in p for p in problems)


def test_an_unreachable_branch_is_named() -> None:
    # "felt" after "grounded" can never be first: grounded already covers it.
    problems = broken(lambda ms: ms[1]["branches"].insert(1, branch(["felt"], "worry")))
    assert problems == [
        "messages[1].branches[1]: unreachable branch: no reply can take it "
        "(when: ['felt']), an earlier branch always matches first"
    ]


def test_an_unreachable_message_is_named() -> None:
    def orphan(ms: list[dict[str, Any]]) -> None:
        ms.append({"id": "lost", "mood": "calmer", "text": "?", "ending": "good", "summary": "x"})

    assert broken(orphan) == ["messages[8]: 'lost' is unreachable from start"]


def test_a_cycle_is_rejected() -> None:
    problems = broken(lambda ms: ms[3]["branches"][1].update(to="pushes"))
    assert problems == ["messages: cycle: cold -> pushes -> worry -> cold never ends"]


def test_a_path_shorter_than_three_replies_is_rejected() -> None:
    problems = broken(lambda ms: ms[0]["branches"][0].update(to="gone"))
    assert problems == [
        "messages: the path opening -> gone takes 1 replies (every path needs 3 to 6)"
    ]


def test_unknown_conditions_moods_and_otherwise_in_the_middle_are_rejected() -> None:
    def mess(ms: list[dict[str, Any]]) -> None:
        ms[0]["mood"] = "furious"
        ms[0]["branches"][0]["when"] = ["rude"]
        ms[1]["branches"].reverse()

    problems = broken(mess)
    assert "messages[0].mood: must be one of angry, upset, guarded, calmer, reassured" in problems
    assert any(
        p.startswith("messages[0].branches[0].when: 'rude' is not a condition") for p in problems
    )
    assert "messages[1].branches[0].when: `otherwise` must be the last branch" in problems


def test_no_good_ending_is_rejected() -> None:
    problems = broken(lambda ms: ms[6].update(ending="mixed"))
    assert problems == ["messages: no path reaches an ending with `ending: good`"]


def turn(replied_to: str, next_message: str, why: str = "", **changes: int) -> TurnRecord:
    return TurnRecord(replied_to, levels(**changes), (), next_message, why)


def test_review_of_a_conversation_that_left_the_best_path(script: Any) -> None:
    turns = [
        turn("opening", "pushes", "Rosa became angry.", next_step=1),
        turn("pushes", "worry", "Rosa calmed down."),
        turn("worry", "offer"),
        turn("offer", "thanks"),
    ]
    result = review(script, turns)
    assert [m.id for m in result.taken] == ["opening", "pushes", "worry", "offer", "thanks"]
    assert [m.id for m in result.best] == ["opening", "worry", "offer", "thanks"]
    assert result.moods == (
        ("Opening", -1), ("After reply 1", -2), ("After reply 2", 1),
        ("After reply 3", 1), ("After reply 4", 2),
    )  # fmt: skip
    assert (result.turning_point, result.turning_reason) == (2, "Rosa calmed down.")
    assert result.tip == "End with what you will do for Rosa, and when: one concrete step you own."
    assert not result.on_best_path
    assert result.ending is not None and result.ending.ending == "good"


def test_a_judged_reply_off_the_best_path_gets_the_judgement_tip(script: Any) -> None:
    turns = [turn("opening", "cold", non_judgment=0)]
    assert review(script, turns).tip.startswith("Leave out anything that could sound like blame")


def test_on_the_best_path_the_tip_names_the_weakest_skill(script: Any) -> None:
    turns = [
        turn("opening", "worry", exploration=0),
        turn("worry", "offer", exploration=1),
        turn("offer", "thanks"),
    ]
    result = review(script, turns)
    assert result.on_best_path
    assert (
        result.tip == "Ask one open question about what Rosa needs most, and wait for the answer."
    )


OPENING = (
    "My parcel was due on Monday and it still has not arrived. Nobody has told me anything "
    "and I am fed up with chasing it."
)
SECOND = (
    "It is stock for my market stall. The market is on Saturday and without those candles I "
    "have nothing to sell to forty regulars."
)


def turn_request(answer: str) -> GradingRequest:
    return GradingRequest(
        rubric="customer_reply", answer=answer, context=conversation_context([OPENING, SECOND])
    )


def test_a_reply_that_ignores_what_the_customer_just_revealed_is_not_specific() -> None:
    ignoring = (
        "I'm sorry your parcel due on Monday has not arrived and that nobody told you anything; "
        "chasing it yourself is exhausting. I've opened a trace with the courier now and I "
        "will email you the result by 3pm today."
    )
    result = grade_turn(turn_request(ignoring), latest=SECOND, earlier=[OPENING])
    assert "missed_last" in result.flags
    assert "market" in result.summary
    by_name = {c.name: c.level for c in result.criteria}
    assert by_name["emotional_reaction"] <= 1 and by_name["interpretation"] <= 1
    assert not result.passed


def test_a_reply_that_picks_up_the_new_detail_is_graded_as_the_grader_says() -> None:
    listening = (
        "With the market on Saturday, those candles are your whole weekend's takings, so of "
        "course this is worrying. I've booked a courier to bring the parcel to you on Friday "
        "morning and I'll text you the time slot by 5pm today."
    )
    result = grade_turn(turn_request(listening), latest=SECOND, earlier=[OPENING])
    assert "missed_last" not in result.flags
    assert {c.name: c.level for c in result.criteria}["interpretation"] == 2
