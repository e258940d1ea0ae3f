"""Exact sync: any change to anything a resource returns moves its ``updated_at``, so the
next incremental sync returns the changed rows — and, for learners and progress (the
full record), only those. Each change is made the way HR or an integrator makes it:
the UI's services, the CSV import, the admin and the API."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import Department, Organisation, Role, Team, User
from accounts.services import user_answer_sharing_set
from authoring.content import load_course
from authoring.services import course_import
from courses.models import Course, Enrollment, Lesson
from courses.services.assignments import (
    enrollment_cancel,
    enrollment_change_due_date,
    enrollment_complete_manually,
)
from courses.services.enrollments import enrollment_start
from exercises.models import Exercise
from hr.services.people_import import people_import
from learning.services.progress import lesson_view_record
from tests.api.conftest import answer
from tests.conftest import MINI_COURSE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESOURCES = ("learners", "enrollments", "progress", "completions")
HOUR_AGO = timedelta(hours=1)
HEADER = "employee id,email,name,department,team,manager email,due date\n"


@pytest.fixture
def world(org: Organisation, course: Course) -> SimpleNamespace:
    care = Department.objects.create(organisation=org, name="Care")
    billing = Team.objects.create(organisation=org, department=care, name="Billing")
    hr = UserFactory(organisation=org, role=Role.HR, username="hr@north.example")

    def person(employee_id: str, first: str, **extra: object) -> User:
        return UserFactory(
            organisation=org, employee_id=employee_id, first_name=first, last_name="Lee",
            username=f"{first.lower()}@north.example", email=f"{first.lower()}@north.example",
            department=care, team=billing, **extra,
        )  # fmt: skip

    boss = person("M-1", "Rosa", role=Role.MANAGER)
    maya, leo, ned = (person(i, n, manager=boss) for i, n in [("E-1", "Maya"), ("E-2", "Leo"),
                                                              ("E-3", "Ned")])  # fmt: skip
    enrolments = {u.first_name: enrollment_start(user=u, course=course) for u in (boss, maya, leo)}
    enrollment_complete_manually(enrollment=enrolments["Leo"], actor=hr, reason="Done elsewhere")
    return SimpleNamespace(
        org=org, course=course, hr=hr, care=care, billing=billing,
        boss=boss, maya=maya, leo=leo, ned=ned, enrolments=enrolments,
    )  # fmt: skip


def sync(api, resource: str, **params: object) -> list[dict]:
    if resource == "progress":
        params["detail"] = "true"  # the full record: stage states and exercise scores too
    items, page = [], api.get(f"/api/v1/{resource}/", {"page_size": 500, **params}).json()
    while True:
        items += page["results"]
        if not page["next"]:
            return items
        page = api.get(page["next"]).json()


def snapshot(api) -> dict[str, dict[int, dict]]:
    """Every resource in full, without the timestamps under test."""
    return {
        r: {i["id"]: {k: v for k, v in i.items() if k != "updated_at"} for i in sync(api, r)}
        for r in RESOURCES
    }


def csv_import(world, rows: str) -> None:
    report = people_import(
        data=(HEADER + rows).encode(), organisation=world.org, course=world.course,
        actor=world.hr, import_valid_rows=False, create_teams=True,
    )  # fmt: skip
    assert report.imported, report.errors


def row(person: User, **changes: str) -> str:
    values = {
        "employee_id": person.employee_id, "email": person.email,
        "name": f"{person.first_name} {person.last_name}", "department": "Care",
        "team": "Billing", "manager": person.manager.email if person.manager else "", "due": "",
    } | changes  # fmt: skip
    return ",".join(values.values()) + "\n"


def rename_outline_stage(world) -> None:
    spec = load_course(MINI_COURSE)
    first = dataclasses.replace(spec.stages[0], title="Noticing, renamed")
    course_import(spec=dataclasses.replace(spec, stages=(first, *spec.stages[1:])))


def pass_due_date(world) -> None:
    # Time passing, without a write: the due date that lay ahead now lies a minute back.
    Enrollment.objects.filter(pk=world.enrolments["Maya"].pk).update(
        due_at=timezone.now() - timedelta(minutes=1)
    )


def rename_team_in_admin(world, client) -> None:
    admin = User.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.post(
        f"/admin/accounts/team/{world.billing.pk}/change/",
        {"name": "Billing & Refunds", "organisation": world.org.pk, "department": world.care.pk},
    )
    assert response.status_code == 302, response.content


def delete_team_in_admin(world, client) -> None:
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    response = client.post(f"/admin/accounts/team/{world.billing.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content


def rename_person_in_admin(world, client, person) -> None:
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {"username": person.username, "first_name": person.first_name,
         "last_name": "Okafor-Reyes", "email": person.email, "is_active": "on",
         "date_joined_0": f"{person.date_joined:%Y-%m-%d}",
         "date_joined_1": f"{person.date_joined:%H:%M:%S}",
         "role": person.role, "communication_style": person.communication_style},
    )  # fmt: skip
    assert response.status_code == 302, response.content


def first_exercise(world) -> Exercise:
    return Exercise.objects.filter(course=world.course, kind="multiple_choice").first()


Change = Callable[[SimpleNamespace, object, object], object]
E = lambda name: ("enrolment", name)  # noqa: E731  # the enrolment of the named person
L = lambda name: ("learner", name)  # noqa: E731  # the learner record of the named person

# (how, the change, the rows whose representation it changes)
CHANGES: list[tuple[str, Change, set[tuple[str, str]]]] = [
    ("UI: due date moved", lambda w, api, c: enrollment_change_due_date(
        enrollment=w.enrolments["Maya"], due_at=timezone.now() + timedelta(days=9),
        actor=w.hr, reason="Leave"), {E("Maya")}),
    ("UI: a lesson read", lambda w, api, c: lesson_view_record(
        enrollment=w.enrolments["Maya"], lesson=Lesson.objects.filter(course=w.course).first()),
     {E("Maya")}),
    ("UI: an exercise answered", lambda w, api, c: answer(
        w.enrolments["Rosa"], first_exercise(w)), {E("Rosa")}),
    ("UI: completed by HR", lambda w, api, c: enrollment_complete_manually(
        enrollment=w.enrolments["Maya"], actor=w.hr, reason="Proven elsewhere"), {E("Maya")}),
    ("UI: assignment cancelled", lambda w, api, c: enrollment_cancel(
        enrollment=w.enrolments["Leo"], actor=w.hr, reason="Left"), {E("Leo")}),
    ("UI: the learner's answer-sharing choice (not shown)", lambda w, api, c:
        user_answer_sharing_set(user=w.maya, shared_with="hr"), set()),
    ("course files: a stage renamed", lambda w, api, c: rename_outline_stage(w),
     {E("Maya"), E("Leo"), E("Rosa")}),
    ("time: the due date passes", lambda w, api, c: pass_due_date(w), {E("Maya")}),
    ("admin: team renamed", lambda w, api, c: rename_team_in_admin(w, c),
     {L("Maya"), L("Leo"), L("Ned"), L("Rosa")}),
    ("admin: team deleted", lambda w, api, c: delete_team_in_admin(w, c),
     {L("Maya"), L("Leo"), L("Ned"), L("Rosa")}),
    ("admin: a learner's name changed", lambda w, api, c: rename_person_in_admin(w, c, w.maya),
     {L("Maya"), E("Maya")}),
    ("CSV: employee id changed", lambda w, api, c: csv_import(w, row(w.leo, employee_id="E-22")),
     {L("Leo"), E("Leo")}),
    ("CSV: manager's employee id changed", lambda w, api, c: csv_import(
        w, row(w.boss, employee_id="M-9")),
     {L("Rosa"), E("Rosa"), L("Maya"), L("Leo"), L("Ned")}),
    ("CSV: name changed", lambda w, api, c: csv_import(w, row(w.maya, name="Maya Okafor")),
     {L("Maya"), E("Maya")}),
    ("CSV: email changed", lambda w, api, c: csv_import(
        w, row(w.ned, email="ned.lee@north.example")), {L("Ned"), E("Ned")}),  # and assigned
    ("CSV: moved to another department and team", lambda w, api, c: csv_import(
        w, row(w.maya, department="Sales", team="Phones")), {L("Maya")}),
    ("CSV: new manager", lambda w, api, c: csv_import(w, row(w.leo, manager=w.maya.email)),
     {L("Leo")}),
    ("CSV: due date moved", lambda w, api, c: csv_import(
        w, row(w.maya, due=str(timezone.localdate() + timedelta(days=30)))), {E("Maya")}),
    ("CSV: the same file again changes nothing", lambda w, api, c: csv_import(
        w, row(w.maya) + row(w.leo) + row(w.boss)), set()),
    ("API: due date moved", lambda w, api, c: api.patch(
        f"/api/v1/enrollments/{w.enrolments['Rosa'].pk}/",
        {"due_at": (timezone.now() + timedelta(days=20)).isoformat(), "reason": "Leave"},
        format="json"), {E("Rosa")}),
    ("API: assignment cancelled", lambda w, api, c: api.post(
        f"/api/v1/enrollments/{w.enrolments['Maya'].pk}/cancel/", {"reason": "Left"},
        format="json"), {E("Maya")}),
    ("API: course assigned", lambda w, api, c: api.post(
        "/api/v1/enrollments/", {"employee_id": "E-3", "course": w.course.slug}, format="json"),
     {E("Ned")}),
]  # fmt: skip


def ids_of(world, changed: set[tuple[str, str]]) -> dict[str, set[int]]:
    people = {p.first_name: p for p in (world.boss, world.maya, world.leo, world.ned)}
    learners = {people[name].pk for kind, name in changed if kind == "learner"}
    names = {name for kind, name in changed if kind == "enrolment"}
    enrolments = set(
        Enrollment.objects.filter(
            user__first_name__in=names, user__organisation=world.org
        ).values_list("pk", flat=True)
    )
    return {"learners": learners, "progress": enrolments}


@pytest.mark.parametrize("how, change, expected", CHANGES, ids=[c[0] for c in CHANGES])
def test_the_next_incremental_sync_returns_exactly_the_changed_rows(
    world, api, client, how, change, expected
):
    # given: everything last changed an hour ago, as a replica saw it at `since`
    User.objects.update(updated_at=timezone.now() - HOUR_AGO)
    Enrollment.objects.update(updated_at=timezone.now() - HOUR_AGO)
    since = (timezone.now() - HOUR_AGO / 2).isoformat()
    before = snapshot(api)

    # when
    change(world, api, client)

    # then: the rows whose representation changed are the ones the sync returns
    after = snapshot(api)
    changed = {
        r: {i for i in before[r].keys() | after[r].keys() if before[r].get(i) != after[r].get(i)}
        for r in RESOURCES
    }
    returned = {r: {i["id"] for i in sync(api, r, updated_since=since)} for r in RESOURCES}
    assert changed["learners"] == returned["learners"] == ids_of(world, expected)["learners"]
    assert changed["progress"] == returned["progress"] == ids_of(world, expected)["progress"]
    # Enrolments and completions show part of the same record (its `updated_at` is the
    # record's): each change they show comes back, and nothing the record did not change.
    for part in ("enrollments", "completions"):
        assert changed[part] <= returned[part] <= returned["progress"]
