"""HR see what conversations say about skills (levels), never what a learner wrote."""

from __future__ import annotations

import uuid

import pytest

from exercises.services.conversations import conversation_reply, conversation_start
from exercises.services.grading_queue import submission_grade
from tests.exercises.conversations import BLAMING, add_conversation_to, best_replies

pytestmark = pytest.mark.django_db


def test_conversation_replies_count_in_the_skill_view_as_levels_only(world, client_for):
    exercise = add_conversation_to(world.enrollments["ana"].course)
    enrollment = world.enrollments["ana"]
    conversation = conversation_start(
        enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4()
    )
    for text in (best_replies()["opening"], BLAMING):
        reply = conversation_reply(
            enrollment=enrollment,
            conversation=conversation,
            client_token=uuid.uuid4(),
            answer_text=text,
        )
        submission_grade(submission_id=reply.pk)

    response = client_for(world.hr).get("/hr/")
    skills = response.context["skills"]
    phones = skills.cells[("Care · Phones", "non_judgment")]
    assert phones.samples == 2 and phones.average == 1.0  # the kind reply 2, the blaming 0
    pages = (
        response.content.decode()
        + client_for(world.hr).get(f"/hr/learners/{world.ana.pk}/").content.decode()
    )
    assert "Care · Phones · Free of judgement: average level 1.00 of 2" in pages
    assert "three days of tracking" not in pages and "Calm down and wait" not in pages
