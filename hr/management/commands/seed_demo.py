"""``manage.py seed_demo``: demo accounts so a newcomer can walk the course at once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accounts.models import Role
from accounts.services import user_upsert
from courses.models import Course
from courses.services.enrollments import enrollment_start
from hr.demo import refuse_unless_demo_allowed
from hr.demo.northwind import NAME as DEMO_ORGANISATION
from hr.demo.northwind import northwind_seed

DEMO_PASSWORD = "attune-demo"
DEMO_USERS = [
    ("maya", "Maya", "Okafor", Role.EMPLOYEE),
    ("leo", "Leo", "Brandt", Role.EMPLOYEE),
    ("hana", "Hana", "Kowalski", Role.HR),
    ("admin", "Ada", "Admin", Role.STAFF),
]


class Command(BaseCommand):
    help = (
        "Create demo accounts and the Northwind Retail demo organisation (idempotent), "
        "and enrol the employees in every course."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args: Any, password: str, **options: Any) -> None:
        refuse_unless_demo_allowed()
        courses = list(Course.objects.all())
        lines = []
        for username, first, last, role in DEMO_USERS:
            user, _ = user_upsert(
                username=username,
                password=password,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.attune.example",
                role=role,
            )
            if role == Role.EMPLOYEE:
                for course in courses:
                    enrollment_start(user=user, course=course)
            lines.append(f"  {role.label:<9} {username:<8} password: {password}")
        logins = northwind_seed(password=password)
        lines.append(f"  {'Manager':<9} {logins.manager:<8} password: {password}")
        self.stdout.write(self.style.SUCCESS("Demo accounts (log in at /accounts/login/):"))
        self.stdout.write("\n".join(lines))
        self.stdout.write(
            self.style.SUCCESS(f"HR dashboard for {DEMO_ORGANISATION}: /hr/")
            + f"\n  HR login:      {logins.hr} / {password}"
            + f"\n  Manager login: {logins.manager} / {password} (sees their team only)"
        )
