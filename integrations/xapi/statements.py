"""xAPI statements from Attune events, as pure functions.

Verbs: launched (first lesson opened), experienced (lesson read), answered and
passed/failed (an exercise graded), completed (a stage or the course). The statement id
is a UUID5 of the event and verb (launched: of the enrolment), so building the same
statements twice yields the same ids and an LRS stores each once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

NAMESPACE = uuid.UUID("5a0b6f1e-7d0c-4c2e-9a55-2f1d7f3c9e10")
VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi"
VERBS = {
    verb: f"{ADL}/verbs/{verb}"
    for verb in ("launched", "experienced", "answered", "passed", "failed", "completed")
}
ACTIVITY_TYPES = {
    "course": f"{ADL}/activities/course",
    "stage": f"{ADL}/activities/module",
    "lesson": f"{ADL}/activities/lesson",
    "exercise": f"{ADL}/activities/cmi.interaction",
}


@dataclass(frozen=True)
class Actor:
    id: int
    employee_id: str
    name: str


@dataclass(frozen=True)
class Activity:
    kind: str  # course / stage / lesson / exercise
    path: str  # e.g. "mini-empathy/exercises/reply-double-charge"
    title: str


@dataclass(frozen=True)
class EventFacts:
    """What a statement needs from an event, resolved by the caller."""

    event_id: str
    type: str
    occurred_at: datetime
    actor: Actor
    enrollment_id: int | None
    course: Activity
    target: Activity | None = None  # the lesson, stage or exercise, when there is one
    score: float | None = None  # 0–100
    passed: bool | None = None


def actor_account_name(actor: Actor) -> str:
    """The learner's xAPI identity on the site's ``homePage``: Attune's own id, which
    never changes, so a new employee id does not make an LRS see a second person."""
    return f"learner-{actor.id}"


def statement_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def statements_for(facts: EventFacts, *, base_url: str) -> list[dict[str, Any]]:
    """The statements an event stands for (none for events xAPI has no verb for)."""
    make = _Builder(facts, base_url.rstrip("/"))
    if facts.type == "lesson.viewed" and facts.target:
        launched = statement_id("launched", facts.enrollment_id)
        return [make("launched", facts.course, sid=launched), make("experienced", facts.target)]
    if facts.type == "submission.graded" and facts.target:
        outcome = "passed" if facts.passed else "failed"
        return [make("answered", facts.target), make(outcome, facts.target)]
    if facts.type == "stage.completed" and facts.target:
        return [make("completed", facts.target)]
    if facts.type == "course.completed":
        return [make("completed", facts.course)]
    return []


class _Builder:
    def __init__(self, facts: EventFacts, base_url: str) -> None:
        self.facts, self.base = facts, base_url

    def activity(self, activity: Activity) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": f"{self.base}/xapi/activities/{activity.path}",
            "definition": {
                "type": ACTIVITY_TYPES[activity.kind],
                "name": {"en-GB": activity.title},
            },
        }

    def __call__(self, verb: str, target: Activity, *, sid: str | None = None) -> dict[str, Any]:
        facts = self.facts
        statement: dict[str, Any] = {
            "id": sid or statement_id(facts.event_id, verb),
            "version": VERSION,
            "timestamp": facts.occurred_at.isoformat(),
            "actor": {
                "objectType": "Agent",
                "name": facts.actor.name,
                "account": {"homePage": f"{self.base}/", "name": actor_account_name(facts.actor)},
            },
            "verb": {"id": VERBS[verb], "display": {"en-GB": verb}},
            "object": self.activity(target),
            "context": {
                "platform": "Attune",
                "language": "en-GB",
                **(
                    {"registration": statement_id("registration", facts.enrollment_id)}
                    if facts.enrollment_id
                    else {}
                ),
                **(
                    {"contextActivities": {"parent": [self.activity(facts.course)]}}
                    if target != facts.course
                    else {}
                ),
            },
        }
        result = self.result(verb)
        if result:
            statement["result"] = result
        return statement

    def result(self, verb: str) -> dict[str, Any]:
        facts = self.facts
        if verb in ("answered", "passed", "failed") and facts.score is not None:
            raw = max(0.0, min(100.0, float(facts.score)))
            return {
                "score": {"scaled": round(raw / 100, 4), "raw": raw, "min": 0, "max": 100},
                "success": bool(facts.passed),
                "completion": True,
            }
        if verb == "completed":
            return {"completion": True}
        return {}
