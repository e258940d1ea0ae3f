"""The pre/post measure: two parallel checks outside the stages, graded by the same engine,
and the learner's own change per criterion."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from authoring.content import ContentError, load_course
from authoring.services import course_import
from courses.models import Course, Enrollment
from exercises.models import Exercise, Submission
from exercises.services.submissions import submission_create
from exercises.tasks import submission_grade
from learning.path import course_map
from tests.conftest import FULL_COURSE, MINI_COURSE

pytestmark = pytest.mark.django_db

COURSE = "mini-empathy"
PRE = ("check-before-phone-repair-taxi-driver", "check-before-parcel-wrong-flat-number")
POST = ("check-after-van-repair-electrician", "check-after-train-tickets-wrong-email")


@pytest.fixture(autouse=True)
def grade_in_process(monkeypatch):
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)


def reference(slug: str, quality: str) -> str:
    exercise = Exercise.objects.get(slug=slug)
    return exercise.reference_replies.filter(quality=quality).first().text  # type: ignore[union-attr]


def answer(enrollment: Enrollment, slug: str, text: str) -> Submission:
    submission = submission_create(
        enrollment=enrollment,
        exercise=Exercise.objects.get(slug=slug),
        client_token=uuid.uuid4(),
        answer_text=text,
    )
    submission_grade(submission_id=submission.pk)  # the worker's code, run in-process
    submission.refresh_from_db()
    return submission


def complete(enrollment: Enrollment) -> None:
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status="completed", completed_at=timezone.now()
    )
    enrollment.refresh_from_db()


def test_the_shipped_checks_are_parallel_forms_with_unseen_customers():
    spec = load_course(FULL_COURSE)
    by_kind = {d.kind: d for d in spec.diagnostics}
    pre, post = by_kind["pre"], by_kind["post"]

    def shape(check):
        return [
            (e.rubric, e.pass_mark, e.scenario["channel"], e.scenario["style"])
            for e in check.exercises
        ]

    assert shape(pre) == shape(post)
    lesson_messages = {e.scenario.get("message") for e in spec.exercises}
    for exercise in (*pre.exercises, *post.exercises):
        assert exercise.scenario["message"] not in lesson_messages
    assert {e.scenario["customer"] for e in pre.exercises}.isdisjoint(
        e.scenario["customer"] for e in post.exercises
    )


def test_a_post_check_that_does_not_match_the_pre_check_is_rejected(tmp_path: Path):
    target = tmp_path / "course"
    shutil.copytree(MINI_COURSE, target)
    shutil.copytree(FULL_COURSE / "diagnostics", target / "diagnostics")
    post = target / "diagnostics" / "02-after-the-course.md"
    text = post.read_text()
    cut = text.index("  - slug: check-after-train-tickets-wrong-email")
    post.write_text(text[:cut] + text[text.index("\n---\n", cut) :])

    with pytest.raises(ContentError) as error:
        load_course(target)
    assert "must match the pre check" in str(error.value)


def test_check_exercises_belong_to_no_stage_and_survive_a_reimport(
    course_with_checks: Course, enrollment: Enrollment, tmp_path: Path
):
    outline = course_map(course_with_checks).outline
    in_lessons = {e for stage in outline for lesson in stage.lessons for e in lesson.exercise_ids}
    checks = Exercise.objects.filter(diagnostic__isnull=False, is_active=True)
    assert checks.count() >= 4
    assert not in_lessons & set(checks.values_list("pk", flat=True))
    first = answer(enrollment, PRE[0], reference(PRE[0], "poor"))

    again = tmp_path / "mini-with-checks"  # the fixture's files, imported a second time
    course_import(spec=load_course(again))
    assert Submission.objects.get(pk=first.pk).exercise == Exercise.objects.get(slug=PRE[0])
    assert Exercise.objects.get(slug=PRE[0]).is_active

    course_import(spec=load_course(MINI_COURSE))  # checks removed from the files: retired
    assert not Exercise.objects.get(slug=PRE[0]).is_active
    assert Submission.objects.filter(pk=first.pk).exists()


def test_the_pre_check_is_open_before_the_course_and_the_post_check_after_it(
    course_with_checks: Course, enrollment: Enrollment, learner_client: Client
):
    overview = learner_client.get(reverse("learning:overview", args=[COURSE])).content.decode()
    assert "Before you start: where you are now" in overview
    assert (
        learner_client.get(
            reverse("learning:check", args=[COURSE, "before-the-course"])
        ).status_code
        == 200
    )
    assert (
        learner_client.get(reverse("learning:check", args=[COURSE, "after-the-course"])).status_code
        == 404
    )
    assert (
        learner_client.get(reverse("learning:exercise", args=[COURSE, POST[0]])).status_code == 404
    )

    complete(enrollment)

    assert (
        learner_client.get(reverse("learning:check", args=[COURSE, "after-the-course"])).status_code
        == 200
    )
    assert (
        learner_client.get(
            reverse("learning:check", args=[COURSE, "before-the-course"])
        ).status_code
        == 404
    )
    refused = learner_client.post(
        reverse("learning:exercise_submit", args=[COURSE, PRE[0]]),
        {"answer": "Hi Marek, your phone is ready.", "client_token": str(uuid.uuid4())},
    )
    assert refused.status_code == 404


def test_the_learner_sees_their_change_per_criterion(
    course_with_checks: Course, enrollment: Enrollment, learner_client: Client
):
    for slug in PRE:
        assert answer(enrollment, slug, reference(slug, "poor")).passed is False
    page = learner_client.get(reverse("learning:check", args=[COURSE, "before-the-course"]))
    assert page.content.decode().count("answered, ") == 2

    complete(enrollment)
    for slug in POST:
        assert answer(enrollment, slug, reference(slug, "strong")).passed is True
    answer(enrollment, POST[0], reference(POST[0], "poor"))  # a second try is practice only

    results = learner_client.get(reverse("learning:check_results", args=[COURSE]))
    html = results.content.decode()
    assert results.status_code == 200
    assert "Owns a clear next step" in html
    assert "2.0/2" in html and "+" in html
    assert html.count('class="change up"') >= 3
