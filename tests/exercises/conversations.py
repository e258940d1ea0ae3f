"""Shared by the conversation tests: Rosa's conversation course and replies that take
known paths through it."""

from __future__ import annotations

from accounts.models import User
from authoring.content import load_course
from authoring.services import course_import
from courses.models import Course, Enrollment
from courses.services.enrollments import enrollment_start
from exercises.grading.conversation import Script
from exercises.models import Exercise
from tests.conftest import ROOT

CONVERSATION_COURSE = ROOT / "tests" / "fixtures" / "conversation-course"
SLUG = "rosa-late-parcel"

# A reply that blames Rosa: judged at every message.
BLAMING = (
    "You should have checked the delivery date before ordering, Rosa. Parcels are often late "
    "and there is nothing unusual about it. Calm down and wait a few more days."
)


def import_conversation_course() -> Course:
    course_import(spec=load_course(CONVERSATION_COURSE))
    return Course.objects.get(slug="conversation-practice")


def start_enrollment(user: User) -> Enrollment:
    return enrollment_start(user=user, course=import_conversation_course())


def best_replies() -> dict[str, str]:
    exercise = Exercise.objects.get(slug=SLUG)
    return Script.from_dict(exercise.conversation).best_replies


def add_conversation_to(course: Course) -> Exercise:
    """Rosa's conversation, added to ``course``'s first lesson (open to every learner)."""
    spec = load_course(CONVERSATION_COURSE).exercises[0]
    lesson = course.lessons.order_by("stage__position", "position").first()
    assert lesson is not None
    return Exercise.objects.create(
        course=course, lesson=lesson, slug=spec.slug, position=99, kind=spec.kind,
        title=spec.title, prompt_markdown=spec.prompt, prompt_html=spec.prompt,
        rubric=spec.rubric, scenario=spec.scenario, conversation=spec.conversation,
    )  # fmt: skip
