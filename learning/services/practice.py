"""A learner answering an exercise of their course: only one that is open to them now.

``exercises`` stores and grades answers and conversations but cannot see the course
path; these are the services learner pages call, which refuse an exercise in a stage the
learner has not unlocked, or a skills check that is not open, before handing over.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from courses.models import Enrollment
from exercises.errors import SubmissionRejected
from exercises.models import Conversation, Exercise, Submission
from exercises.services.conversations import conversation_start
from exercises.services.submissions import submission_create
from learning.path import course_map, enrollment_progress, exercise_is_open


def exercise_ensure_open(enrollment: Enrollment, exercise: Exercise) -> None:
    """Refuse an answer to an exercise in a locked stage, or to a skills check not open now.

    Stages only ever unlock (a recertification starts a new attempt at the course), so
    the check needs no lock: a concurrent pass can only make more of the course open."""
    course = course_map(enrollment.course)
    progress = enrollment_progress(enrollment, course)
    if not exercise_is_open(enrollment, exercise, course, progress):
        if exercise.diagnostic_id is not None:
            raise SubmissionRejected("This skills check is not open for you now.")
        raise SubmissionRejected("This exercise is in a stage you have not unlocked yet.")


def learner_submission_create(
    *,
    enrollment: Enrollment,
    exercise: Exercise,
    client_token: uuid.UUID,
    answer_text: str = "",
    choice_id: int | None = None,
    ratings: Mapping[int, int] | None = None,
) -> Submission:
    """The learner's attempt at an exercise open to them (see ``submission_create``)."""
    exercise_ensure_open(enrollment, exercise)
    return submission_create(
        enrollment=enrollment,
        exercise=exercise,
        client_token=client_token,
        answer_text=answer_text,
        choice_id=choice_id,
        ratings=ratings,
    )


def learner_conversation_start(
    *, enrollment: Enrollment, exercise: Exercise, client_token: uuid.UUID
) -> Conversation:
    """The learner's conversation with the customer of an exercise open to them (see
    ``conversation_start``)."""
    exercise_ensure_open(enrollment, exercise)
    return conversation_start(enrollment=enrollment, exercise=exercise, client_token=client_token)
