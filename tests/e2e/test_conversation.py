"""A learner plays Rosa's conversation in a real browser, to its end on two paths."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.exercises.conversations import BLAMING, SLUG, best_replies, start_enrollment

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker, pytest.mark.e2e]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def rosa_course(learner):
    return start_enrollment(learner)


def accessible(page) -> None:
    """axe-core finds no violation on what the page shows now."""
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def send(page, text: str, turn: int) -> None:
    """Write reply ``turn`` and wait, without a reload, for Rosa to answer it."""
    page.get_by_role("textbox", name=f"Your reply {turn} to Rosa").fill(text)
    page.get_by_role("button", name="Send reply").click()
    page.locator(".transcript .from-learner").nth(turn - 1).wait_for()
    # Rosa "types" while the worker grades, then her answer replaces the indicator.
    page.locator(f".transcript .from-customer:not(.typing) >> nth={turn}").wait_for(timeout=20_000)
    assert page.get_by_text("Rosa is typing…").count() == 0


def test_rosa_reaches_a_good_ending_then_a_poor_one_after_starting_over(
    celery_worker, live_server, page, learner, rosa_course
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/courses/conversation-practice/exercises/{SLUG}/")
    assert page.get_by_text("You can offer").is_visible()
    accessible(page)
    page.get_by_role("button", name="Start the conversation").click()

    # The best path: each reply meets Rosa in her own words and owns a next step.
    replies = best_replies()
    page.get_by_text("My parcel was due on Monday").wait_for()
    send(page, replies["opening"], 1)
    assert page.locator(".from-customer .mood").nth(1).inner_text() == "Mood: calmer"
    assert page.get_by_text("Rosa calmed down because you named the three days").is_visible()
    accessible(page)
    send(page, replies["worry"], 2)
    send(page, replies["offer"], 3)
    page.get_by_text("Passed: a good ending.").wait_for()
    assert page.get_by_role("img", name="Rosa's mood over the conversation").is_visible()
    assert page.get_by_text("You took it.").is_visible()
    accessible(page)

    # Start over, and this time blame her: she goes cold, then leaves.
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("heading", name="Conversation 2").wait_for()
    send(page, BLAMING, 1)
    assert page.locator(".from-customer .mood").nth(1).inner_text() == "Mood: guarded"
    send(page, "Rosa, I hear you. I know it is frustrating.", 2)
    send(page, "Please wait, Rosa. These things happen and it will turn up.", 3)
    page.get_by_text("Not passed yet: a poor ending.").wait_for()
    assert page.get_by_text("I'll buy the stock somewhere else.").is_visible()
    assert page.get_by_text("One thing to try next time:").is_visible()
    assert page.get_by_text("Earlier conversations (1)").is_visible()
    accessible(page)
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
