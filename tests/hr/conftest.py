"""Two organisations with HR, a manager and learners, for the HR tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Department, Organisation, Role, Team, User
from courses.models import Course, Enrollment
from courses.services.assignments import enrollment_assign
from tests.factories import UserFactory


@dataclass
class World:
    north: Organisation
    south: Organisation
    care: Department
    phones: Team
    chat: Team
    hr: User  # HR of north
    hr_south: User
    manager: User  # manages ana and ben in north
    staff: User
    ana: User  # north, phones, reports to manager
    ben: User  # north, chat, reports to manager
    cleo: User  # north, chat, no manager
    sam: User  # south
    enrollments: dict[str, Enrollment]


@pytest.fixture
def world(course: Course) -> World:
    north = Organisation.objects.create(name="Northwind", slug="north")
    south = Organisation.objects.create(name="Southwind", slug="south")
    care = Department.objects.create(organisation=north, name="Care")
    sales = Department.objects.create(organisation=north, name="Sales")
    phones = Team.objects.create(organisation=north, department=care, name="Phones")
    chat = Team.objects.create(organisation=north, department=sales, name="Chat")
    south_team = Team.objects.create(organisation=south, name="Desk")

    def person(username: str, role: str = Role.EMPLOYEE, **extra: object) -> User:
        return UserFactory(username=username, role=role, **extra)

    hr = person("hana", Role.HR, organisation=north)
    hr_south = person("hugo", Role.HR, organisation=south)
    manager = person("omar", Role.MANAGER, organisation=north, department=care, team=phones)
    staff = person("ada", Role.STAFF, is_staff=True, is_superuser=True)
    ana = person("ana", organisation=north, department=care, team=phones, manager=manager)
    ben = person("ben", organisation=north, department=sales, team=chat, manager=manager)
    cleo = person("cleo", organisation=north, department=sales, team=chat)
    sam = person("sam", organisation=south, team=south_team)
    due = timezone.now() + timedelta(days=30)
    enrollments = {
        u.username: enrollment_assign(learner=u, course=course, due_at=due, assigned_by=hr)
        for u in (ana, ben, cleo, sam)
    }
    return World(
        north, south, care, phones, chat, hr, hr_south, manager, staff, ana, ben, cleo, sam,
        enrollments,
    )  # fmt: skip


@pytest.fixture
def client_for():
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
