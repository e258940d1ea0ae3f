"""xAPI: statements for a learner's journey, readable from the API and pushed to an LRS."""

import json
from collections import Counter

import pytest
from django.conf import settings
from django.test import override_settings

from activity.models import Event
from integrations.models import XapiStatement
from integrations.services.events import events_process
from integrations.xapi.services import statements_push
from tests.api.conftest import answer, complete_course
from tests.api.webhook_server import scripted, serve

pytestmark = pytest.mark.django_db


def process_all_events() -> None:
    events_process(
        event_ids=[
            str(pk) for pk in Event.objects.order_by("occurred_at").values_list("pk", flat=True)
        ]
    )


def test_a_journey_becomes_statements_readable_from_the_api(api, maya_enrollment):
    from exercises.models import Exercise

    answer(maya_enrollment, Exercise.objects.get(slug="spot-the-feeling"))  # a 2nd attempt
    complete_course(maya_enrollment)
    process_all_events()
    process_all_events()  # idempotent

    statements = api.get("/api/v1/statements/", {"page_size": 500}).json()["results"]

    verbs = Counter(s["verb"]["display"]["en-GB"] for s in statements)
    assert verbs["launched"] == 1
    assert verbs["experienced"] == 2
    assert verbs["answered"] == 5 and verbs["passed"] == 5
    assert verbs["completed"] == 3  # two stages and the course
    assert len({s["id"] for s in statements}) == len(statements)
    passed = next(s for s in statements if s["verb"]["display"]["en-GB"] == "passed"
                  and "reply-double-charge" in s["object"]["id"])  # fmt: skip
    assert passed["actor"]["account"]["name"] == f"learner-{maya_enrollment.user_id}"
    assert passed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert 0 < passed["result"]["score"]["scaled"] <= 1
    assert passed["result"]["success"] is True
    assert passed["context"]["contextActivities"]["parent"][0]["id"].endswith("/mini-empathy")
    course_done = [s for s in statements if s["object"]["id"].endswith("/mini-empathy")
                   and s["verb"]["display"]["en-GB"] == "completed"]  # fmt: skip
    assert len(course_done) == 1


def test_a_failed_attempt_is_answered_and_failed(api, maya_enrollment):
    from exercises.models import Exercise

    answer(maya_enrollment, Exercise.objects.get(slug="reply-double-charge"), text="ok.")
    process_all_events()

    verbs = [
        s["verb"]["display"]["en-GB"] for s in api.get("/api/v1/statements/").json()["results"]
    ]

    assert "failed" in verbs and "answered" in verbs and "passed" not in verbs


def test_statements_are_pushed_to_the_lrs_with_retries(maya_enrollment):
    complete_course(maya_enrollment)
    handler, bodies = scripted([500, 200])
    with serve(handler) as url, override_settings(ATTUNE={**settings.ATTUNE, "XAPI_LRS_URL": url}):
        process_all_events()
        total = XapiStatement.objects.count()

        assert statements_push() == 0  # the LRS failed
        failed = XapiStatement.objects.filter(pushed_at__isnull=True)
        assert failed.count() == total and "HTTP 500" in failed.first().push_error
        assert statements_push() == total

    assert XapiStatement.objects.filter(pushed_at__isnull=True).count() == 0
    sent = json.loads(bodies[-1])
    assert {s["id"] for s in sent} == {
        str(s) for s in XapiStatement.objects.values_list("statement_id", flat=True)
    }


def test_no_push_without_an_lrs(maya_enrollment):
    complete_course(maya_enrollment)
    process_all_events()

    assert statements_push() == 0
    assert XapiStatement.objects.filter(pushed_at__isnull=False).count() == 0


def test_the_learner_stays_one_person_when_their_employee_id_changes(api, maya_enrollment):
    from exercises.models import Exercise
    from hr.services.people import person_update

    site = {**settings.ATTUNE, "SITE_URL": "https://learn.northwind.example"}
    with override_settings(ATTUNE=site):
        answer(maya_enrollment, Exercise.objects.get(slug="spot-the-feeling"))
        person_update(person=maya_enrollment.user, employee_id="NW-2002")
        answer(maya_enrollment, Exercise.objects.get(slug="spot-the-feeling"))
        process_all_events()

    statements = api.get("/api/v1/statements/", {"page_size": 500}).json()["results"]
    actors = {json.dumps(s["actor"], sort_keys=True) for s in statements}
    assert len(actors) == 1
    (actor,) = [json.loads(a) for a in actors]
    assert actor["account"] == {
        "homePage": "https://learn.northwind.example/",
        "name": f"learner-{maya_enrollment.user_id}",
    }
    assert all(s["object"]["id"].startswith("https://learn.northwind.example/xapi/activities/")
               for s in statements)  # fmt: skip
    change = Event.objects.get(type="learner.employee_id_changed")
    assert change.data == {"previous_employee_id": "NW-1001"}
