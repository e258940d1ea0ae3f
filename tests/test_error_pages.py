"""Pages a person can use when something is missing, refused or broken: styled like the
site, with a way back; a locked lesson or exercise says what unlocks it. DEBUG is off
here, as in production (pytest-django runs with DEBUG=False)."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import bad_request, permission_denied, server_error

from courses.models import LessonView

STYLED = 'href="/static/css/attune.css"'


def test_debug_is_off_for_these_tests():
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_an_unknown_page_is_a_styled_404_with_a_way_back(learner_client: Client):
    response = learner_client.get("/no/such/page/")

    body = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in body and STYLED in body
    assert 'href="/"' in body and "Back to your course" in body
    assert "URLconf" not in body  # not Django's debug page listing every pattern


@pytest.mark.django_db
def test_a_locked_lesson_says_it_is_locked_and_which_stage_unlocks_it(learner_client: Client):
    url = reverse("learning:lesson", args=["mini-empathy", "after-the-call"])

    response = learner_client.get(url)

    body = response.content.decode()
    assert response.status_code == 403
    assert "This lesson is locked" in body
    assert "Responding" in body and "finish <strong>Noticing</strong>" in body
    assert 'href="/courses/mini-empathy/"' in body and STYLED in body
    assert not LessonView.objects.filter(lesson__slug="after-the-call").exists()


@pytest.mark.django_db
def test_a_locked_exercise_says_so_too_and_stores_nothing(learner_client: Client):
    detail = reverse("learning:exercise", args=["mini-empathy", "reflect-on-a-call"])
    submit = reverse("learning:exercise_submit", args=["mini-empathy", "reflect-on-a-call"])

    page = learner_client.get(detail)
    posted = learner_client.post(submit, {"answer": "I felt", "client_token": str(uuid.uuid4())})

    assert page.status_code == posted.status_code == 403
    assert "This exercise is locked" in page.content.decode()
    assert "finish <strong>Noticing</strong>" in posted.content.decode()


def test_the_403_and_400_pages_are_styled_with_a_way_back(rf: RequestFactory):
    request = rf.get("/somewhere/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()

    refused = permission_denied(request, PermissionDenied())
    bad = bad_request(request, ValueError())

    assert refused.status_code == 403 and bad.status_code == 400
    for response in (refused, bad):
        body = response.content.decode()
        assert STYLED in body and 'href="/"' in body


def test_the_500_page_needs_no_database_and_no_request_context(rf: RequestFactory):
    # No django_db mark: any query would fail this test.
    response = server_error(rf.get("/boom/"))

    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in body and STYLED in body
    assert 'href="/">Back to the start page' in body
