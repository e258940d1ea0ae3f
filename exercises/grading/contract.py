"""The grading engine's public contract: what goes in, what comes out.

Pure Python, no Django import: the Celery task adapts a submission to a
:class:`GradingRequest` and stores the :class:`GradingResult` it gets back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LEVEL = 2

# Rubric name -> its criteria, in the order feedback is shown to the learner.
RUBRICS: dict[str, tuple[str, ...]] = {
    "customer_reply": (
        "emotional_reaction",
        "interpretation",
        "exploration",
        "non_judgment",
        "next_step",
    ),
    "reflection": ("names_feeling", "names_reaction", "commits_to_change"),
    "emotion_need": ("names_emotion", "names_need"),
    "expert_analysis": ("identifies_technique", "cites_evidence", "explains_effect"),
}

CRITERION_LABELS: dict[str, str] = {
    "emotional_reaction": "Responds to the feeling",
    "interpretation": "Shows understanding",
    "exploration": "Explores with an open question",
    "non_judgment": "Free of judgement",
    "next_step": "Owns a clear next step",
    "names_feeling": "Names what you felt",
    "names_reaction": "Names your automatic reaction",
    "commits_to_change": "Commits to a specific change",
    "names_emotion": "Names the emotion",
    "names_need": "Names the underlying need",
    "identifies_technique": "Identifies what the reply does",
    "cites_evidence": "Points at the words that do it",
    "explains_effect": "Explains the effect on the customer",
}


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` in the answer."""

    start: int
    end: int


@dataclass(frozen=True)
class GradingRequest:
    rubric: str
    answer: str
    context: str = ""  # the customer's message, or the situation reflected on
    prompt: str = ""  # the exercise's question, to notice answers to something else
    pass_mark: int = 60  # percent of the rubric's maximum
    learner_style: str | None = None  # communication-style slug, tailors wording
    expected: dict[str, list[str]] = field(default_factory=dict)
    # A "revise" exercise: the learner's earlier reply, which must not come back unchanged.
    previous_answer: str = ""
    # The learner's replies to other customers: the same text again is not a reply to this one.
    other_answers: tuple[str, ...] = ()
    # What the company knows and can offer this customer (the exercise's scenario situation):
    # the facts a next step may add. Empty when unknown; the engine then cannot tell an
    # agent's fact from another customer's, and grades as before.
    situation: str = ""


@dataclass(frozen=True)
class CriterionResult:
    name: str
    level: int  # 0 absent, 1 generic, 2 specific
    evidence: tuple[Span, ...]
    feedback: str  # one sentence that quotes or points at the learner's words
    max_level: int = MAX_LEVEL

    @property
    def label(self) -> str:
        return CRITERION_LABELS.get(self.name, self.name.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Listening:
    """What a reply did with the customer's own words, shown to the learner."""

    picked_up: tuple[str, ...]  # the learner's words that picked up the customer's details
    missed: tuple[str, ...]  # the customer's weightiest details the reply left out
    foreign: tuple[str, ...]  # specifics the customer never mentioned


@dataclass(frozen=True)
class GradingResult:
    criteria: tuple[CriterionResult, ...]
    score: float  # 0-100, percent of the rubric's maximum
    passed: bool
    confidence: float  # 0-1; low values go to a trainer's review queue
    grader_version: str
    flags: tuple[str, ...] = ()  # e.g. "copied_context", "gibberish", "off_topic"
    summary: str = ""  # one overall sentence for the learner
    listening: Listening | None = None  # replies to a customer only


class GradingError(Exception):
    """The request cannot be graded (unknown rubric, and the like): not transient."""
