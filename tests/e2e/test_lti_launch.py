"""LTI 1.3 in a real browser: the test platform's link opens Attune (login initiation,
the platform's authentication, the posted id_token) and the learner lands in the course;
a refused launch says why; an instructor's pick goes back to the platform through the
page's own script. Every Attune page on the way passes axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from lti.keys import published_keyset
from lti.services.platforms import platform_save
from tests.lti.platform import INSTRUCTOR, LaunchSpec, TestPlatform

from .accessibility import assert_accessible
from .test_error_pages import styled

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


@pytest.mark.worker  # the launch queues the enrolment's event and the first score
def test_a_learner_opens_attune_from_the_lms_and_lands_in_the_course(
    celery_worker, live_server, page, registered, lti_platform, alice, course, wait_for
):
    registered()

    page.goto(lti_platform.start_url(live_server.url, LaunchSpec(person="alice")))

    page.wait_for_url(f"{live_server.url}/courses/{course.slug}/")
    assert page.get_by_text(alice.display_name).is_visible()
    assert styled(page)
    assert_accessible(page)
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
    wait_for(lambda: lti_platform.received.scores, message="the first score")


def test_a_refused_launch_says_why_in_the_browser(
    live_server, page, registered, lti_platform, alice
):
    registered()

    page.goto(lti_platform.start_url(live_server.url, LaunchSpec(exp_in=-600)))

    page.get_by_role("heading", name="Attune could not be opened").wait_for()
    assert page.get_by_text("The launch has expired").is_visible()
    assert styled(page)
    assert_accessible(page)


def test_an_instructor_picks_a_stage_and_the_platform_receives_it(
    live_server, page, registered, lti_platform, course
):
    registered()
    stage = course.stages.order_by("position").first()
    spec = LaunchSpec(person="teacher", roles=[INSTRUCTOR], message_type="LtiDeepLinkingRequest")

    page.goto(lti_platform.start_url(live_server.url, spec))
    page.get_by_role("heading", name="Add Attune to your course").wait_for()
    assert_accessible(page)
    page.get_by_label(f"Stage {stage.position}: {stage.title}").check()
    page.get_by_role("button", name="Add to the course").click()

    page.get_by_text("Added.").wait_for()  # the platform's page: our script posted the JWT
    (received,) = lti_platform.received.deep_links
    (item,) = received["claims"]["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["custom"] == {"course": course.slug, "stage": stage.slug}
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_an_instructor_opening_a_link_sees_what_it_opens_for_learners(
    live_server, page, registered, lti_platform, course
):
    registered()

    page.goto(
        lti_platform.start_url(live_server.url, LaunchSpec(person="teacher", roles=[INSTRUCTOR]))
    )

    page.get_by_role("heading", name="You opened Attune as an instructor").wait_for()
    assert page.get_by_role(
        "table", name="Learners from Moodle (north) in this course"
    ).is_visible()
    assert styled(page)
    assert_accessible(page)


@pytest.fixture
def same_site_platform(db, north, north_hr, course) -> Iterator[TestPlatform]:
    """The platform under the live server's own host name, so that the browser keeps the
    launch's cookies inside its frame without HTTPS (SameSite=None needs Secure)."""
    platform = TestPlatform(host="localhost")
    keyset = published_keyset()
    platform.tool_keyset = lambda: keyset
    platform_save(
        organisation=north, actor=north_hr, name="Moodle (framed)", **platform.registration(),
        course=course, match_claim="email", employee_id_claim="employee_id",
        create_accounts=True, enabled=True,
    )  # fmt: skip
    yield platform
    platform.stop()


@pytest.mark.worker  # the launch queues the enrolment's event
def test_a_launch_in_the_lms_frame_opens_attune_in_its_own_window(
    celery_worker, live_server, page, same_site_platform, alice, course
):
    start = same_site_platform.start_url(live_server.url, LaunchSpec(person="alice"))

    page.goto(f"{same_site_platform.base}/frame?{urlencode({'src': start})}")
    frame = page.frame_locator("iframe[title=Attune]")
    frame.get_by_role("heading", name="Attune opens in its own window").wait_for()
    with page.context.expect_page() as opened:
        frame.get_by_role("link", name="Open Attune").click()
    window = opened.value
    # The new window names who is signing in; the learner's own click signs them in.
    window.get_by_role("heading", name="Continue to Attune").wait_for()
    assert_accessible(window)
    window.get_by_role("button", name=f"Continue as {alice.display_name}").click()

    window.wait_for_url(f"{live_server.url}/courses/{course.slug}/")
    assert window.get_by_text(alice.display_name).is_visible()
    assert_accessible(window)
