"""What a person sees in a real browser when a page is missing, locked, or signing in is
locked: the site's look (the stylesheet loads under the strict CSP), a heading that says
what happened, and a link back."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def log_in(page, base: str, password: str = "correct horse battery staple") -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def styled(page) -> bool:
    """The stylesheet applied: the header is laid out by attune.css, not the default."""
    return page.evaluate(
        "() => [...document.styleSheets].some(s => (s.href || '').includes('attune.css')"
        " && s.cssRules.length > 0)"
    )


def test_a_locked_lesson_and_a_missing_page_in_the_browser(live_server, page, learner, enrollment):
    log_in(page, live_server.url)
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/courses/mini-empathy/lessons/after-the-call/")
    page.get_by_role("heading", name="This lesson is locked").wait_for()
    assert page.get_by_text("finish Noticing").is_visible()
    assert styled(page)
    page.get_by_role("link", name="Back to Mini empathy course").click()
    page.wait_for_url(f"{live_server.url}/courses/mini-empathy/")

    page.goto(f"{live_server.url}/no/such/page/")
    page.get_by_role("heading", name="We could not find that page").wait_for()
    assert styled(page)
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_the_lockout_page_in_the_browser(live_server, page, learner):
    for _ in range(settings.ATTUNE_LOGIN_FAILURE_LIMIT):
        log_in(page, live_server.url, password="wrong")

    log_in(page, live_server.url)

    page.get_by_role("heading", name="Sign-in is locked for now").wait_for()
    assert styled(page)
    assert page.get_by_role("link", name="Back to the sign-in page").is_visible()
