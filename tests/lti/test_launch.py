"""Launching Attune from the test platform: who lands where, as whom."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import Role, User
from activity.models import AuditEntry
from courses.models import Enrollment
from lti.models import GradeLink, LtiIdentity
from tests.factories import UserFactory

from .lti_fixtures import begin
from .platform import INSTRUCTOR, LEARNER, LaunchSpec

pytestmark = pytest.mark.django_db


def signed_in_as(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_a_known_learner_lands_in_the_course_signed_in(registered, alice, launch, course):
    registered()
    client = Client()

    response = launch(client, person="alice")

    assert response.status_code == 302, response.content[:800]
    assert response["Location"] == f"/courses/{course.slug}/"
    assert signed_in_as(client) == alice
    assert client.get(response["Location"]).status_code == 200
    assert alice.enrollments.filter(course=course).exists()
    assert LtiIdentity.objects.get(user=alice).subject == "user-alice"
    assert AuditEntry.objects.filter(action="lti.identity_linked", target_id=str(alice.pk)).exists()


def test_someone_unknown_becomes_a_learner_of_the_platforms_organisation(registered, launch, north):
    registered(create_accounts=True)
    client = Client()

    assert launch(client, person="nadia").status_code == 302

    nadia = signed_in_as(client)
    assert nadia is not None
    assert (nadia.email, nadia.organisation, nadia.role) == (
        "nadia@north.example",
        north,
        Role.EMPLOYEE,
    )
    assert (nadia.first_name, nadia.last_name) == ("Nadia", "New")
    assert not nadia.has_usable_password()


def test_someone_unknown_is_refused_when_the_organisation_creates_no_accounts(registered, launch):
    registered(create_accounts=False)
    client = Client()

    response = launch(client, person="nadia")

    assert response.status_code == 403
    assert "No account matches you" in response.content.decode()
    assert signed_in_as(client) is None
    assert AuditEntry.objects.get(action="lti.refused").changes == {"refusal": [None, "no_account"]}


def test_an_account_of_another_organisation_is_never_used_or_duplicated(registered, launch, south):
    registered()
    sam = UserFactory(username="sam", email="sam@south.example", organisation=south)

    response = launch(Client(), person="sam")

    assert response.status_code == 403
    assert "another organisation" in response.content.decode()
    assert User.objects.filter(email__iexact="sam@south.example").count() == 1
    assert not LtiIdentity.objects.filter(user=sam).exists()


def test_the_employee_id_parameter_matches_when_the_platform_is_set_to_it(
    registered, launch, north
):
    bruno = UserFactory(
        username="b.berg", email="private@example.com", employee_id="N-7", organisation=north
    )
    registered(match_claim="employee_id", create_accounts=False)
    client = Client()

    spec = LaunchSpec(person="nadia", custom={"employee_id": "N-7"})
    assert launch(client, spec).status_code == 302

    assert signed_in_as(client) == bruno


def test_a_link_to_a_stage_or_an_exercise_lands_there(registered, alice, launch, course):
    registered()
    stage = course.stages.order_by("position").first()
    exercise = course.exercises.filter(lesson__isnull=False).order_by("pk").first()
    first_lesson = stage.lessons.order_by("position").first()

    to_stage = launch(Client(), person="alice", custom={"stage": stage.slug})
    to_exercise = launch(Client(), person="alice", custom={"exercise": exercise.slug})

    assert to_stage["Location"] == f"/courses/{course.slug}/lessons/{first_lesson.slug}/"
    assert to_exercise["Location"] == f"/courses/{course.slug}/exercises/{exercise.slug}/"


def test_a_link_to_something_attune_does_not_have_is_refused_clearly(registered, alice, launch):
    registered()

    response = launch(Client(), person="alice", custom={"exercise": "no-such-exercise"})

    assert response.status_code == 403
    assert "does not have" in response.content.decode()


def test_a_launch_inside_the_platforms_frame_continues_in_attunes_own_window(
    registered, alice, lti_platform, course
):
    registered()
    framed = Client(headers={"Sec-Fetch-Dest": "iframe"})  # the browser says where it loads
    form = begin(framed, lti_platform, LaunchSpec(person="alice"))
    action = form.pop("action").removeprefix("http://testserver")

    page = framed.post(action, form)

    assert page.status_code == 200 and "Attune opens in its own window" in page.content.decode()
    assert "frame-ancestors *" in page["Content-Security-Policy"]
    assert signed_in_as(framed) is None  # no session in someone else's page
    link = re.search(r'href="(/lti/continue/[^"]+)" target="_blank"', page.content.decode())
    assert link is not None
    window = Client()
    opened = window.get(link.group(1))  # names who would sign in; signs nobody in yet
    assert (
        opened.status_code == 200 and f"Continue as {alice.display_name}" in opened.content.decode()
    )
    assert signed_in_as(window) is None
    confirmed = window.post(link.group(1))
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/courses/{course.slug}/"
    assert signed_in_as(window) == alice
    again = Client().get(link.group(1))
    assert again.status_code == 403 and "already used" in again.content.decode()
    assert Client().get("/lti/continue/forged/").status_code == 403


def test_the_target_link_uri_names_the_exercise_or_stage_when_no_custom_parameter_does(
    registered, alice, launch, course
):
    registered()
    exercise = course.exercises.filter(lesson__isnull=False).order_by("pk").first()
    stage = course.stages.order_by("position").first()
    first_lesson = stage.lessons.order_by("position").first()

    to_page = launch(
        Client(),
        person="alice",
        target_link_uri=f"http://testserver/courses/{course.slug}/exercises/{exercise.slug}/",
    )
    to_stage = launch(
        Client(),
        person="alice",
        target_link_uri=f"http://testserver/lti/launch/?stage={stage.slug}",
    )

    assert to_page["Location"] == f"/courses/{course.slug}/exercises/{exercise.slug}/"
    assert to_stage["Location"] == f"/courses/{course.slug}/lessons/{first_lesson.slug}/"


def test_an_instructor_sees_what_the_link_opens_and_is_never_enrolled(
    registered, alice, launch, course
):
    registered(create_accounts=True)
    assert launch(Client(), person="alice").status_code == 302  # a learner launched first
    client = Client()

    response = launch(client, LaunchSpec(person="nadia", roles=[INSTRUCTOR]))

    assert response.status_code == 200, response.content[:800]
    page = response.content.decode()
    assert "You opened Attune as an instructor" in page
    assert f"of <strong>{course.title}</strong>" in page
    assert "posted to this link's gradebook column" in page
    assert re.search(r"Not started</th><td>1</td>", page)  # alice, counted, not named
    assert "alice" not in page.lower()
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="nadia@north.example").exists()
    assert not GradeLink.objects.filter(subject="user-nadia").exists()
    assert Enrollment.objects.filter(course=course).count() == 1


def test_an_instructor_who_is_also_a_learner_takes_the_course(registered, alice, launch, course):
    registered()
    client = Client()

    response = launch(client, LaunchSpec(person="alice", roles=[INSTRUCTOR, LEARNER]))

    assert response.status_code == 302
    assert signed_in_as(client) == alice
    assert alice.enrollments.filter(course=course).exists()
