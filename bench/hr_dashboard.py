"""Benchmark: the HR dashboard and its exports for an organisation of 10,000 learners.

    .venv/bin/python bench/hr_dashboard.py              # fresh PostgreSQL db attune_bench
    DATABASE_URL=postgres://... .venv/bin/python bench/hr_dashboard.py --keep

Without DATABASE_URL it creates the database ``attune_bench`` on
postgres://postgres@127.0.0.1:5432, and drops it afterwards (unless --keep). It seeds
the organisation with realistic progress (a third completed, two fifths in progress,
some overdue, one to three graded answers per started learner), then times each page
in-process with Django's test Client: server time, no network, median of the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/attune_bench"
PAGES = [
    ("dashboard", "/hr/"),
    ("dashboard, filtered", "/hr/?status=overdue&department={department}"),
    ("CSV export", "/hr/export.csv"),
    ("XLSX export", "/hr/export.xlsx"),
]


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    fresh = not url
    if fresh:
        url = DEFAULT_URL
        recreate_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    os.environ.setdefault("DJANGO_DEBUG", "false")  # no query log: time what production runs

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accounts.models import Department, Organisation, Role
    from authoring.content import load_course
    from authoring.services import course_import
    from courses.models import Course
    from hr.demo.bulk import bulk_organisation_create
    from tests.factories import UserFactory

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not Course.objects.exists():
        course_import(spec=load_course(ROOT / "fixtures" / "course"))
    course = Course.objects.order_by("pk").first()
    assert course is not None
    organisation = Organisation.objects.filter(slug="bench").first()
    if organisation is None:
        started = time.perf_counter()
        organisation = bulk_organisation_create(
            slug="bench", name="Bench Retail", learners=args.learners, course=course
        )
        print(f"Seeded {args.learners:,} learners in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh tables: give the planner real statistics
    hr = UserFactory(username="bench-hr", role=Role.HR, organisation=organisation)
    client = Client()
    client.force_login(hr)
    department = Department.objects.filter(organisation=organisation).first()
    print(f"{args.learners:,} learners, median of {args.runs} runs (server time, in-process):")
    for label, url_template in PAGES:
        url_path = url_template.format(department=department.pk if department else "")
        client.get(url_path)  # warm up: templates, connection
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url_path)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        print(
            f"  {label:<20} median {statistics.median(timings):6.0f} ms   "
            f"min {min(timings):6.0f} ms   max {max(timings):6.0f} ms   "
            f"{len(queries)} queries   {len(response.content) / 1024:,.0f} KiB"
        )
    connections.close_all()
    if fresh and not args.keep:
        recreate_database(url, drop_only=True)


if __name__ == "__main__":
    main()
