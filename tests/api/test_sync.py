"""Incremental sync: pages stay stable while rows are inserted, updated, cancelled and
deleted between requests — nothing is skipped or repeated, and a replica kept by
following the documented protocol ends up equal to Attune's data."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from courses.models import Course, Enrollment
from courses.services.assignments import enrollment_cancel, enrollment_change_due_date
from courses.services.enrollments import enrollment_start

pytestmark = pytest.mark.django_db


def enrol_people(make_learner, course, n: int) -> list[Enrollment]:
    return [enrollment_start(user=make_learner(), course=course) for _ in range(n)]


def backdate_everything() -> None:
    """Make existing rows look an hour old, so 'changed since' is meaningful."""
    Enrollment.objects.update(updated_at=timezone.now() - timedelta(hours=1))


def sync(api, url: str, *, page_size: int, between_pages=lambda: None, **params):
    """Follow the cursor to the end; return the items and the last page's sync info."""
    items, page = [], api.get(url, {"page_size": page_size, **params}).json()
    while True:
        items += page["results"]
        if not page["next"]:
            return items, page["sync"]
        between_pages()
        page = api.get(page["next"]).json()


def test_a_full_sync_pages_through_everything_once(api, make_learner, course):
    enrolled = enrol_people(make_learner, course, 23)

    items, info = sync(api, "/api/v1/enrollments/", page_size=5)

    assert [i["id"] for i in items] == sorted(e.pk for e in enrolled)
    assert info["next_updated_since"] < info["started_at"]


def test_changes_between_pages_are_neither_skipped_nor_repeated(api, make_learner, course):
    enrolled = enrol_people(make_learner, course, 30)
    backdate_everything()
    existing = {e.pk for e in enrolled}
    seen_pages: list[list[int]] = []
    inserted: list[int] = []
    changed_after_passing: list[int] = []
    rng = random.Random(6)

    def meddle() -> None:
        passed = {i for page in seen_pages for i in page}
        ahead = sorted(existing - passed)
        behind = sorted(passed)
        if ahead:  # update a row not reached yet: its updated_at jumps past everyone
            enrollment_change_due_date(
                enrollment=Enrollment.objects.get(pk=rng.choice(ahead)),
                due_at=timezone.now() + timedelta(days=rng.randint(1, 90)),
                actor=None,
                reason="test",
            )
        if behind:  # update a row already returned
            target = rng.choice(behind)
            enrollment_change_due_date(
                enrollment=Enrollment.objects.get(pk=target),
                due_at=timezone.now() + timedelta(days=rng.randint(91, 180)),
                actor=None,
                reason="test",
            )
            changed_after_passing.append(target)
        inserted.append(enrollment_start(user=make_learner(), course=course).pk)

    items, info = [], None
    page = api.get("/api/v1/enrollments/", {"page_size": 4}).json()
    while True:
        seen_pages.append([i["id"] for i in page["results"]])
        items += page["results"]
        if not page["next"]:
            info = page["sync"]
            break
        meddle()
        page = api.get(page["next"]).json()

    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)), "a row was repeated within one sync"
    assert existing <= set(ids), "a row that existed when the sync started was skipped"
    current = {e.pk: e.due_at for e in Enrollment.objects.all()}
    for item in items:  # every row is returned in its state when its page was read
        if item["id"] not in changed_after_passing:
            assert item["due_at"] == (current[item["id"]] and _iso(current[item["id"]]))

    later, _ = sync(
        api, "/api/v1/enrollments/", page_size=4, updated_since=info["next_updated_since"]
    )
    later_ids = {i["id"] for i in later}
    assert set(changed_after_passing) <= later_ids, "a change after passing a row was lost"
    assert set(inserted) <= set(ids) | later_ids, "a row inserted mid-sync was lost"
    assert len([i["id"] for i in later]) == len(later_ids)


def test_a_replica_following_the_protocol_converges(api, make_learner, course):
    """Random inserts, updates, cancellations and deletions between every page of
    several consecutive syncs; the replica must end equal to Attune's data."""
    enrol_people(make_learner, course, 25)
    backdate_everything()
    rng = random.Random(2024)
    replica: dict[int, dict] = {}

    def meddle() -> None:
        live = list(Enrollment.objects.filter(cancelled_at=None).values_list("pk", flat=True))
        for _ in range(3):
            enrollment_change_due_date(
                enrollment=Enrollment.objects.get(pk=rng.choice(live)),
                due_at=timezone.now() + timedelta(minutes=rng.randint(1, 10_000)),
                actor=None,
                reason="test",
            )
        enrollment_start(user=make_learner(), course=course)
        if rng.random() < 0.5:
            enrollment_cancel(
                enrollment=Enrollment.objects.get(pk=rng.choice(live)), actor=None, reason="t"
            )
        if rng.random() < 0.3:  # delete a learner outright (cascades to the enrolment)
            User.objects.filter(enrollments__pk=rng.choice(live)).delete()

    since = None
    for _ in range(3):
        params = {"updated_since": since} if since else {}
        items, info = sync(api, "/api/v1/enrollments/", page_size=6, between_pages=meddle, **params)
        ids = [i["id"] for i in items]
        assert len(ids) == len(set(ids))
        for item in items:
            if item["deleted"]:
                replica.pop(item["id"], None)
            else:
                replica[item["id"]] = item
        since = info["next_updated_since"]
    items, _ = sync(api, "/api/v1/enrollments/", page_size=6, updated_since=since)
    for item in items:  # a final quiet sync catches what changed during the last one
        if item["deleted"]:
            replica.pop(item["id"], None)
        else:
            replica[item["id"]] = item

    truth = {e.pk: e.due_at for e in Enrollment.objects.filter(cancelled_at=None)}
    assert set(replica) == set(truth)
    assert all(replica[pk]["due_at"] == (due and _iso(due)) for pk, due in truth.items())


def test_cancellations_and_deletions_come_as_tombstones(api, make_learner, course):
    kept, cancelled, deleted = enrol_people(make_learner, course, 3)
    backdate_everything()
    since = api.get("/api/v1/progress/").json()["sync"]["next_updated_since"]
    since_later = (timezone.now() - timedelta(seconds=1)).isoformat()

    enrollment_cancel(enrollment=cancelled, actor=None, reason="Left")
    employee_id = deleted.user.employee_id
    deleted.user.delete()

    for url in ("/api/v1/enrollments/", "/api/v1/progress/"):
        items, _ = sync(api, url, page_size=10, updated_since=since_later)
        by_id = {i["id"]: i for i in items}
        assert kept.pk not in by_id
        assert by_id[cancelled.pk]["deleted"] is True
        assert by_id[cancelled.pk]["status"] == "cancelled"
        assert by_id[deleted.pk]["deleted"] is True
        assert by_id[deleted.pk]["status"] == "deleted"
        assert by_id[deleted.pk]["learner"]["employee_id"] == employee_id
    assert since  # the full sync above handed out a starting point


def test_completions_feed_reports_a_removed_completion(api, maya_enrollment):
    from tests.api.conftest import complete_course

    complete_course(maya_enrollment)
    since = (timezone.now() - timedelta(seconds=1)).isoformat()
    maya_enrollment.user.delete()

    items, _ = sync(api, "/api/v1/completions/", page_size=10, updated_since=since)

    assert [(i["id"], i["deleted"]) for i in items] == [(maya_enrollment.pk, True)]


def test_a_bad_or_foreign_cursor_is_a_400(api, make_learner, course):
    enrol_people(make_learner, course, 3)
    cursor = api.get("/api/v1/enrollments/", {"page_size": 1}).json()["next_cursor"]

    garbage = api.get("/api/v1/enrollments/", {"cursor": "garbage"})
    foreign = api.get("/api/v1/progress/", {"cursor": cursor})

    assert garbage.status_code == foreign.status_code == 400
    assert garbage.json()["code"] == foreign.json()["code"] == "invalid_cursor"


def test_a_course_filter_is_kept_by_the_cursor(api, make_learner, course):
    enrol_people(make_learner, course, 4)

    items, _ = sync(api, "/api/v1/progress/", page_size=1, course="mini-empathy")
    none, _ = sync(api, "/api/v1/progress/", page_size=1, course="another-course")

    assert len(items) == 4 and none == []


def _iso(value) -> str:
    from rest_framework.fields import DateTimeField

    return DateTimeField().to_representation(value)


def test_learners_sync_incrementally_on_their_own_changes(api, make_learner):
    unchanged, renamed, moved_on = (make_learner() for _ in range(3))
    User.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    since = (timezone.now() - timedelta(seconds=1)).isoformat()

    renamed.last_name = "Okafor-Reid"
    renamed.save()
    moved_on.is_active = False
    moved_on.save()

    items, info = sync(api, "/api/v1/learners/", page_size=1, updated_since=since)
    everyone, _ = sync(api, "/api/v1/learners/", page_size=2)

    assert [(i["id"], i["last_name"], i["is_active"]) for i in items] == [
        (renamed.pk, "Okafor-Reid", True),
        (moved_on.pk, moved_on.last_name, False),
    ]
    assert unchanged.pk in {i["id"] for i in everyone}
    assert info["next_updated_since"]  # where the next learners sync starts


def test_tombstones_respect_the_course_filter(api, make_learner, course):
    other = Course.objects.create(slug="other-course", title="Another course")
    here = enrollment_start(user=make_learner(), course=course)
    there = enrollment_start(user=make_learner(), course=other)
    backdate_everything()
    since = (timezone.now() - timedelta(seconds=1)).isoformat()

    here.user.delete()
    there.user.delete()

    for url in ("/api/v1/enrollments/", "/api/v1/progress/"):
        items, _ = sync(api, url, page_size=10, updated_since=since, course=course.slug)
        assert [(i["id"], i["course"]) for i in items] == [(here.pk, course.slug)]
        items, _ = sync(api, url, page_size=10, updated_since=since, course=other.slug)
        assert [(i["id"], i["course"]) for i in items] == [(there.pk, other.slug)]
