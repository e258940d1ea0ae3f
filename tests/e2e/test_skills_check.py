"""A learner takes the check before the course in a real browser, and reads the result."""

import pytest

from exercises.models import Exercise

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker, pytest.mark.e2e]


def test_learner_answers_the_check_before_the_course(
    celery_worker, live_server, page, course_with_checks, learner, enrollment
):
    strong = (
        Exercise.objects.get(slug="check-before-phone-repair-taxi-driver")
        .reference_replies.get(quality="strong")
        .text
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/courses/mini-empathy/")
    page.get_by_role("link", name="Open the check").click()
    page.get_by_role("heading", name="Before you start: where you are now").wait_for()
    page.get_by_role("link", name="The phone that was promised on Wednesday").click()
    page.get_by_role("textbox", name="Your answer").fill(strong)
    page.get_by_role("button", name="Submit").click()

    page.locator(".feedback[data-status=graded]").wait_for(timeout=20_000)
    page.get_by_role("link", name="Back to “Before you start: where you are now”").click()
    assert page.get_by_text("answered, ").count() == 1
    assert page.get_by_text("not answered yet").count() == 1
    page.get_by_role("link", name="Your results: what changed, criterion by criterion").click()
    page.get_by_role("heading", name="Your skills checks").wait_for()
    assert page.get_by_role("cell", name="2.0/2").count() >= 3  # the first answer's levels
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
