"""Each resource says what an HR system needs: learners by employee id, assignments that
can be created, rescheduled and cancelled (audited), and progress down to the criterion."""

from datetime import timedelta

import pytest
from django.utils import timezone

from activity.models import AuditEntry, Event
from courses.models import Enrollment
from exercises.models import Exercise
from tests.api.conftest import answer, complete_course

pytestmark = pytest.mark.django_db


def test_learners_are_keyed_by_the_employers_id(api, maya, make_learner, other_org):
    make_learner(organisation=other_org, employee_id="C-1")

    listed = api.get("/api/v1/learners/").json()["results"]
    one = api.get("/api/v1/learners/NW-1001/").json()

    assert [person["employee_id"] for person in listed] == ["NW-1001"]
    assert one["first_name"] == "Maya" and one["last_name"] == "Okafor"


def test_the_learner_list_holds_employees_and_enrolled_managers_not_hr(
    api, maya, make_learner, course
):
    from accounts.models import Role
    from courses.services.enrollments import enrollment_start

    make_learner(employee_id="HR-1", role=Role.HR)
    make_learner(employee_id="ST-1", role=Role.STAFF)
    make_learner(employee_id="MG-1", role=Role.MANAGER)  # runs a team, not enrolled
    enrolled_manager = make_learner(employee_id="MG-2", role=Role.MANAGER)
    enrollment_start(user=enrolled_manager, course=course)

    listed = {p["employee_id"] for p in api.get("/api/v1/learners/").json()["results"]}

    assert listed == {"NW-1001", "MG-2"}
    assert api.get("/api/v1/learners/HR-1/").status_code == 404
    enrol = api.post(
        "/api/v1/enrollments/", {"employee_id": "MG-1", "course": "mini-empathy"}, format="json"
    )
    assert enrol.status_code == 201  # a manager can still be enrolled
    hr = api.post(
        "/api/v1/enrollments/", {"employee_id": "HR-1", "course": "mini-empathy"}, format="json"
    )
    assert hr.status_code == 404


def test_courses_list_their_stages(api, course):
    (listed,) = api.get("/api/v1/courses/").json()

    assert listed["slug"] == "mini-empathy"
    assert [s["slug"] for s in listed["stages"]] == ["noticing", "responding"]


def test_assigning_creates_an_enrolment_with_a_due_date_and_an_event(api, maya, course):
    due = (timezone.now() + timedelta(days=30)).replace(microsecond=0)

    response = api.post(
        "/api/v1/enrollments/",
        {"employee_id": "NW-1001", "course": "mini-empathy", "due_at": due.isoformat()},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["learner"]["employee_id"] == "NW-1001"
    assert body["status"] == "not_started" and body["deleted"] is False
    enrollment = Enrollment.objects.get(pk=body["id"])
    assert enrollment.due_at == due
    assert Event.objects.filter(type="enrollment.created", learner=maya).count() == 1
    again = api.post(
        "/api/v1/enrollments/", {"employee_id": "NW-1001", "course": "mini-empathy"}, format="json"
    )
    assert again.status_code == 200 and again.json()["id"] == body["id"]


def test_an_unknown_course_is_404_and_a_bad_date_400_in_the_error_shape(api, maya, course):
    unknown = api.post(
        "/api/v1/enrollments/", {"employee_id": "NW-1001", "course": "nope"}, format="json"
    )
    bad_date = api.post(
        "/api/v1/enrollments/",
        {"employee_id": "NW-1001", "course": "mini-empathy", "due_at": "next tuesday"},
        format="json",
    )

    assert unknown.status_code == 404 and unknown.json()["code"] == "unknown_course"
    assert bad_date.status_code == 400
    assert bad_date.json()["code"] == "validation_error"
    assert "due_at" in bad_date.json()["fields"]


def test_changing_the_due_date_is_audited_with_the_credential(api, maya_enrollment):
    due = timezone.now() + timedelta(days=10)

    response = api.patch(
        f"/api/v1/enrollments/{maya_enrollment.pk}/",
        {"due_at": due.isoformat(), "reason": "Parental leave"},
        format="json",
    )

    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.get(action="enrollment.due_date_changed")
    assert "Parental leave" in entry.reason and "Test integrator" in entry.reason
    assert entry.actor is None and entry.actor_label.startswith("API client Test integrator (")
    maya_enrollment.refresh_from_db()
    assert maya_enrollment.due_at == due


def test_cancelling_leaves_a_tombstone_and_cannot_be_rescheduled(api, maya_enrollment):
    response = api.post(
        f"/api/v1/enrollments/{maya_enrollment.pk}/cancel/",
        {"reason": "Left the company"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled" and response.json()["deleted"] is True
    assert AuditEntry.objects.get(action="enrollment.cancelled").reason.startswith("Left")
    refused = api.patch(
        f"/api/v1/enrollments/{maya_enrollment.pk}/", {"due_at": None, "reason": "x"}, format="json"
    )
    assert refused.status_code == 409 and refused.json()["code"] == "enrollment_cancelled"


def test_progress_has_stage_states_scores_attempts_and_the_certificate(api, maya_enrollment):
    complete_course(maya_enrollment)
    reply = Exercise.objects.get(slug="reply-double-charge")

    body = api.get(f"/api/v1/progress/{maya_enrollment.pk}/").json()

    assert body["status"] == "completed" and body["percent"] == 100
    assert [s["state"] for s in body["stages"]] == ["done", "done"]
    assert all(s["completed_at"] for s in body["stages"])
    free_text = next(e for e in body["exercises"] if e["slug"] == reply.slug)
    assert free_text["attempts"] == 1 and free_text["passed"] is True
    assert {c["criterion"] for c in free_text["criteria"]}  # per-criterion levels
    assert all(0 <= c["level"] <= c["max_level"] for c in free_text["criteria"])
    certificate = body["certificate"]
    assert certificate["verification_url"].endswith(f"/certificates/{certificate['code']}/")
    assert api.get(certificate["verification_url"]).status_code == 200  # a real public page
    assert body["completed_at"]
    by_employee = api.get("/api/v1/learners/NW-1001/progress/mini-empathy/").json()
    assert by_employee == body


def test_progress_part_way_shows_open_and_locked_stages_and_failed_attempts(api, maya_enrollment):
    reply = Exercise.objects.get(slug="reply-double-charge")
    answer(maya_enrollment, reply, text="ok.")
    answer(maya_enrollment, reply, text="fine whatever.")

    body = api.get("/api/v1/progress/", {"detail": "true"}).json()["results"][0]

    assert [s["state"] for s in body["stages"]] == ["open", "locked"]
    entry = next(e for e in body["exercises"] if e["slug"] == reply.slug)
    assert entry["attempts"] == 2 and entry["passed"] is False
    assert body["certificate"] is None


def test_overdue_is_reported(api, maya_enrollment):
    Enrollment.objects.filter(pk=maya_enrollment.pk).update(
        due_at=timezone.now() - timedelta(days=1)
    )

    assert api.get(f"/api/v1/enrollments/{maya_enrollment.pk}/").json()["overdue"] is True


def test_completions_list_only_completed_enrolments(api, maya_enrollment, make_learner, course):
    from courses.services.enrollments import enrollment_start

    enrollment_start(user=make_learner(), course=course)
    complete_course(maya_enrollment)

    results = api.get("/api/v1/completions/").json()["results"]

    assert [r["learner"]["employee_id"] for r in results] == ["NW-1001"]
    assert results[0]["certificate"]["code"]


def test_unknown_paths_answer_in_the_error_shape(api):
    response = api.get("/api/v1/enrollments/not-a-number/")

    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_fast_representation_is_exactly_the_documented_serializers(maya_enrollment, course):
    """List pages render records without DRF's per-field cost; the output must stay
    what the documented serializers say, field for field."""
    from integrations.api.serializers import (
        CompletionSerializer,
        EnrollmentSerializer,
        ProgressSerializer,
        represent,
    )
    from integrations.models import Tombstone
    from integrations.selectors.progress_records import progress_records, tombstone_records

    complete_course(maya_enrollment)
    Tombstone.objects.create(
        organisation=maya_enrollment.user.organisation, enrollment_id=999_999,
        employee_id="X-1", course_slug="mini-empathy", deleted_at=timezone.now(),
    )  # fmt: skip
    records = progress_records(
        [Enrollment.objects.select_related("user", "course").get(pk=maya_enrollment.pk)],
        certificate_url=lambda code: f"https://attune.example/certificates/{code}/",
    ) + tombstone_records(list(Tombstone.objects.all()))

    for serializer in (ProgressSerializer, EnrollmentSerializer, CompletionSerializer):
        assert represent(records, serializer) == serializer(records, many=True).data


@pytest.mark.parametrize(
    "days_ahead, reason, field",
    [(10, None, "reason"), (10, "  ", "reason"), (-200, "Leave", "due_at"),
     (800, "Leave", "due_at"), (2041 * 365, "Leave", "due_at")],
)  # fmt: skip
def test_a_due_date_change_needs_a_reason_and_a_sane_date(
    api, maya_enrollment, days_ahead, reason, field
):
    body = {"due_at": (timezone.now() + timedelta(days=days_ahead)).isoformat()}
    if reason is not None:
        body["reason"] = reason

    response = api.patch(f"/api/v1/enrollments/{maya_enrollment.pk}/", body, format="json")

    assert response.status_code == 400, response.content
    assert list(response.json()["fields"]) == [field]
    assert not AuditEntry.objects.filter(action="enrollment.due_date_changed").exists()


def test_assigning_refuses_a_due_date_years_ahead(api, maya, course):
    far = (timezone.now() + timedelta(days=800)).isoformat()

    response = api.post(
        "/api/v1/enrollments/",
        {"employee_id": maya.employee_id, "course": course.slug, "due_at": far},
        format="json",
    )

    assert response.status_code == 400
    assert "years ahead" in response.json()["fields"]["due_at"][0]


def test_the_progress_list_is_compact_unless_detail_is_asked_for(api, make_learner, course):
    from courses.services.enrollments import enrollment_start

    for _ in range(3):
        enrollment_start(user=make_learner(), course=course)

    compact = api.get("/api/v1/progress/", {"page_size": 2}).json()
    detailed = api.get("/api/v1/progress/", {"page_size": 2, "detail": "true"}).json()
    detailed_next = api.get(detailed["next"]).json()  # the cursor keeps `detail`

    assert "stages" not in compact["results"][0] and "percent" in compact["results"][0]
    assert all("stages" in r and "exercises" in r for r in detailed["results"])
    assert all("exercises" in r for r in detailed_next["results"])
    one = api.get(f"/api/v1/progress/{detailed['results'][0]['id']}/").json()
    assert one == detailed["results"][0]  # the detail endpoint is always the full record
