"""HR sees what the course changed per team and course: levels only, never answer text."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrollment
from exercises.models import Exercise, Submission
from exercises.services.submissions import submission_create
from exercises.tasks import submission_grade

pytestmark = pytest.mark.django_db

PRE = ("check-before-phone-repair-taxi-driver", "check-before-parcel-wrong-flat-number")
POST = ("check-after-van-repair-electrician", "check-after-train-tickets-wrong-email")
TWO_WEEKS = "refresher-birthday-cake-wrong-name"


@pytest.fixture(autouse=True)
def grade_in_process(monkeypatch):
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)


def answer(enrollment: Enrollment, slug: str, quality: str) -> Submission:
    exercise = Exercise.objects.get(slug=slug)
    text = exercise.reference_replies.filter(quality=quality).first().text  # type: ignore[union-attr]
    submission = submission_create(
        enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4(), answer_text=text
    )
    submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    return submission


def finish(enrollment: Enrollment, days_ago: int = 0) -> None:
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status="completed", completed_at=timezone.now() - timedelta(days=days_ago)
    )
    enrollment.refresh_from_db()


@pytest.fixture
def measured(world, course_with_checks):
    """Ana (Care · Phones): poor before, strong after, strong at two weeks. Ben (Sales ·
    Chat): the pre check only. Sam, of another organisation, is never counted."""
    ana, ben, sam = (world.enrollments[n] for n in ("ana", "ben", "sam"))
    for slug in PRE:
        answer(ana, slug, "poor")
        answer(ben, slug, "adequate")
        answer(sam, slug, "strong")
    finish(ana, days_ago=15)
    for slug in POST:
        answer(ana, slug, "strong")
    answer(ana, TWO_WEEKS, "strong")
    return world


def test_hr_sees_the_gain_and_retention_per_team_and_never_the_answers(measured, client_for):
    html = client_for(measured.hr).get("/hr/").content.decode()

    section = html[html.index('id="measure-heading"') : html.index('id="overdue-heading"')]
    assert "Care · Phones" in section and "Sales · Chat" in section
    assert "Desk" not in section  # another organisation
    phones = section[
        section.index("Care · Phones") : section.index("</tr>", section.index("Care · Phones"))
    ]
    assert "data-gain>+" in phones  # after the course is higher than before
    assert "Refresher, 14 days (vs after)" in section
    assert "data-retention>" in phones
    chat = section[
        section.index("Sales · Chat") : section.index("</tr>", section.index("Sales · Chat"))
    ]
    assert "data-gain>–" in chat  # no post check yet: no gain to show
    for submission in Submission.objects.filter(learner=measured.ana):
        assert submission.answer_text[:40] not in html


def test_a_refresher_opens_two_weeks_after_completion(world, course_with_checks, client_for):
    ana = world.enrollments["ana"]
    client = client_for(world.ana)
    url = f"/courses/{ana.course.slug}/checks/refresher-two-weeks/"
    finish(ana, days_ago=13)
    assert client.get(url).status_code == 404
    finish(ana, days_ago=14)
    assert client.get(url).status_code == 200
    assert client.get(f"/courses/{ana.course.slug}/checks/refresher-six-weeks/").status_code == 404
