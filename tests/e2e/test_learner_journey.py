"""A learner in a real browser: log in, read, answer, watch the feedback arrive."""

import pytest

from tests.exercises.test_grading_worker import STRONG_REPLY

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker, pytest.mark.e2e]


def test_learner_submits_an_answer_and_sees_feedback_appear(
    celery_worker, live_server, page, learner, enrollment
):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Start").click()  # straight to where the learner left off
    page.get_by_role("heading", name="Why the feeling comes first").wait_for()
    page.get_by_role("link", name="Mini empathy course").click()
    assert page.locator("[data-state=open]").count() == 1
    assert page.locator("[data-state=locked]").count() == 1
    page.get_by_role("link", name="The feeling first").click()
    page.get_by_role("link", name="The double charge").click()

    page.get_by_role("textbox", name="Your answer").fill(STRONG_REPLY)
    page.get_by_role("button", name="Submit").click()

    # The worker may grade it before this page is drawn ("Grading…" is then never seen:
    # tests/exercises/test_submit_http.py checks that state without a worker); either way
    # the feedback arrives in this page, without a reload.
    page.wait_for_url("**/reply-double-charge/#attempt-1")  # the attempt's own page, loaded
    page.evaluate("window.attuneSamePage = true")
    feedback = page.locator(".feedback[data-status=graded]")
    feedback.wait_for(timeout=20_000)
    assert page.evaluate("window.attuneSamePage === true")
    assert feedback.get_by_text("Responds to the feeling").is_visible()
    assert feedback.locator(".criterion").count() == 5
    assert page.get_by_role("heading", name="Revise your answer").is_visible()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
