"""The shipped course can be completed end to end with answers a trainer would pass.

Strong reference replies must pass their own exercise: if the grader fails one, either
the reply or the grader is wrong, and a learner writing that well would be stuck.
"""

import re
import uuid

import pytest

from accounts.models import User
from authoring.content import load_course
from authoring.services import course_import
from courses.models import Course, Enrollment
from courses.services.enrollments import enrollment_start
from exercises.grading.conversation import Script
from exercises.models import Conversation, Exercise, Submission
from exercises.services.conversations import conversation_reply, conversation_start
from exercises.services.grading_queue import submission_grade
from exercises.services.submissions import submission_create
from learning.path import course_map
from learning.services.progress import lesson_view_record
from tests.conftest import FULL_COURSE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFLECTION = (
    "Last Tuesday a customer told me on the phone that we had lied to her about a refund. "
    "I felt defensive and embarrassed the moment she said lied, because I had promised it. "
    "My automatic reaction was to quote the refund policy and talk over her before she had "
    "finished. Next time a customer says we lied, I will pause, let her finish, say back what "
    "she told me, and ask what the refund was for before I explain the policy."
)


def model_answer(exercise: Exercise) -> str:
    """What a learner who understood the lesson would write."""
    if exercise.rubric == "customer_reply":
        return exercise.reference_replies.get(quality="strong").text
    if exercise.rubric == "reflection":
        return REFLECTION
    if exercise.rubric == "emotion_need":
        emotions = exercise.expected.get("emotions", [])
        needs = exercise.expected.get("needs", [])
        return (
            f"The customer feels {' and '.join(emotions[:2])}. Underneath the request, what they "
            f"need is {needs[0]}, and also {needs[-1]}."
        )
    quote = re.search(r"^>\s*(.{20,120}?[.!?])", exercise.prompt_markdown, re.M)
    evidence = quote.group(1) if quote else exercise.scenario.get("message", "")[:80]
    techniques = "; it ".join(exercise.expected.get("techniques", [])[:3])
    return (
        f'The reply works because it {techniques}. For example, "{evidence}" shows the agent '
        "listened, which makes the customer feel heard and reassured, so they trust the next "
        "step instead of arguing."
    )


def converse(enrollment: Enrollment, exercise: Exercise) -> Conversation:
    """Play a conversation along its best path with its scripted strong replies."""
    conversation = conversation_start(
        enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4()
    )
    replies = Script.from_dict(exercise.conversation).best_replies
    while conversation.is_open and conversation.message in replies:
        submission = conversation_reply(
            enrollment=enrollment,
            conversation=conversation,
            client_token=uuid.uuid4(),
            answer_text=replies[conversation.message],
        )
        submission_grade(submission_id=submission.pk)
        conversation.refresh_from_db()
    return conversation


def complete(enrollment: Enrollment, exercise: Exercise) -> Submission | Conversation:
    token = uuid.uuid4()
    if exercise.kind == "conversation":
        return converse(enrollment, exercise)
    if exercise.kind == "multiple_choice":
        right = exercise.choices.get(is_correct=True)
        return submission_create(
            enrollment=enrollment, exercise=exercise, client_token=token, choice_id=right.pk
        )
    if exercise.kind == "self_assessment":
        ratings = {i: 3 for i in range(len(exercise.items))}
        return submission_create(
            enrollment=enrollment, exercise=exercise, client_token=token, ratings=ratings
        )
    submission = submission_create(
        enrollment=enrollment,
        exercise=exercise,
        client_token=token,
        answer_text=model_answer(exercise),
    )
    submission_grade(submission_id=submission.pk)  # the worker's code, run in-process
    submission.refresh_from_db()
    return submission


def test_the_full_course_can_be_completed(monkeypatch):
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)
    course_import(spec=load_course(FULL_COURSE))
    learner: User = UserFactory(username="tester")
    enrollment = enrollment_start(user=learner, course=Course.objects.get())
    failed = []
    for stage in course_map(enrollment.course).stages:
        for lesson in stage.active_lessons:
            lesson_view_record(enrollment=enrollment, lesson=lesson)
            for exercise in lesson.active_exercises:
                submission = complete(enrollment, exercise)
                if not submission.passed:
                    failed.append(f"{exercise.slug} ({exercise.rubric}): {submission.score}")

    enrollment.refresh_from_db()
    assert not failed, "model answers that did not pass:\n" + "\n".join(failed)
    assert enrollment.status == "completed"
    assert enrollment.certificates.count() == 1
