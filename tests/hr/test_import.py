"""Bulk CSV import: every row is checked first; bad rows are reported with their row
number and reason, and nothing is half-imported unless HR asks for the valid rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Department, Role, Team, User
from activity.models import AuditEntry
from courses.models import Enrollment

pytestmark = pytest.mark.django_db

DUE = (timezone.localdate() + timedelta(days=40)).isoformat()
HEADER = "employee id,email,name,department,team,manager email,due date\n"


def upload(
    client, course, text: str | bytes, *, valid_rows=False, name="people.csv", new_teams=True
):
    data = text.encode() if isinstance(text, str) else text
    form = {"file": SimpleUploadedFile(name, data, "text/csv"), "course": course.pk}
    if valid_rows:
        form["import_valid_rows"] = "on"
    if new_teams:
        form["create_teams"] = "on"
    return client.post("/hr/import/", form)


def snapshot():
    return (User.objects.count(), Enrollment.objects.count(), Team.objects.count())


def test_a_good_file_creates_people_teams_managers_and_assignments(world, client_for, course):
    text = HEADER + (
        f"E-100,rita@north.example,Rita Moreno,Care,Night shift,,{DUE}\n"
        f"E-101,sol@north.example,Sol Park,Care,Night shift,rita@north.example,{DUE}\n"
        f"E-102,{world.ana.email},,Care,Phones,omar@example.com,{DUE}\n"
    )
    response = upload(client_for(world.hr), course, text)

    assert response.status_code == 200
    assert "2 created, 1 updated, 3 assigned" in response.content.decode()
    sol = User.objects.get(email="sol@north.example")
    rita = User.objects.get(email="rita@north.example")
    assert (sol.first_name, sol.last_name, sol.employee_id) == ("Sol", "Park", "E-101")
    assert sol.organisation == world.north and sol.manager == rita
    assert rita.role == Role.MANAGER  # now sees Sol on the dashboard
    assert sol.team.name == "Night shift" and sol.team.department.name == "Care"
    assert Enrollment.objects.get(user=sol, course=course).due_at.date().isoformat() == DUE
    world.ana.refresh_from_db()
    assert world.ana.employee_id == "E-102" and world.ana.first_name != ""  # name kept
    assert Enrollment.objects.get(user=world.ana).due_at.date().isoformat() == DUE
    assert AuditEntry.objects.filter(action="people.imported", actor=world.hr).count() == 1


def test_bad_rows_are_reported_by_row_number_and_nothing_is_written(world, client_for, course):
    before = snapshot()
    text = HEADER + (
        f"E-1,good@north.example,Good Person,Care,Phones,,{DUE}\n"  # row 2
        f"E-2,not-an-email,Bad Email,Care,Phones,,{DUE}\n"  # row 3
        f"E-3,late@north.example,Late Date,Care,Phones,,2001-01-01\n"  # row 4
        f"E-4,when@north.example,Odd Date,Care,Phones,,next week\n"  # row 5
        f"E-5,good@north.example,Twice,Care,Phones,,{DUE}\n"  # row 6
        f"E-6,{world.sam.email},Other Org,Care,Phones,,{DUE}\n"  # row 7
        f"E-7,boss@north.example,Has Boss,Care,Phones,nobody@north.example,{DUE}\n"  # row 8
        f"E-8,newbie@north.example,,Care,Phones,,{DUE}\n"  # row 9
    )
    response = upload(client_for(world.hr), course, text)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    errors = dict((int(row), reason) for row, reason in _error_rows(page))
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "not a valid address" in errors[3]
    assert "in the past" in errors[4]
    assert "is not a date" in errors[5]
    assert "already on row 2" in errors[6]
    assert "outside Northwind" in errors[7]
    assert "nobody@north.example is not in Northwind" in errors[8]
    assert "name is missing" in errors[9]
    assert snapshot() == before


def _error_rows(page: str) -> list[tuple[str, str]]:
    import re

    return re.findall(r'<tr><th scope="row">(\d+)</th><td>(.*?)</td></tr>', page)


def test_import_the_valid_rows_skips_the_bad_ones(world, client_for, course):
    text = HEADER + (
        f"E-1,good@north.example,Good Person,Care,Phones,,{DUE}\n"
        f"E-2,not-an-email,Bad Email,Care,Phones,,{DUE}\n"
        f"E-3,reports@north.example,Reports To Bad,Care,Phones,not-an-email,{DUE}\n"
    )
    response = upload(client_for(world.hr), course, text, valid_rows=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 created, 0 updated, 1 assigned" in page and "Skipped 2 rows" in page
    assert User.objects.filter(email="good@north.example").exists()
    assert not User.objects.filter(email="reports@north.example").exists()


def test_a_row_whose_manager_row_is_bad_is_reported_too(world, client_for, course):
    text = HEADER + (
        f"E-1,boss@north.example,Boss,Care,Phones,,2001-01-01\n"
        f"E-2,worker@north.example,Worker,Care,Phones,boss@north.example,{DUE}\n"
    )
    page = upload(client_for(world.hr), course, text).content.decode()

    errors = dict((int(r), reason) for r, reason in _error_rows(page))
    assert "in the past" in errors[2]
    assert "manager boss@north.example is on row 2, which has errors" in errors[3]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("employee id,email,name\r\nE-1,café@north.example,Zoë\r\n".encode("latin-1"),
         "not UTF-8"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary", "binary data"),
        (b"", "empty"),
        (b"name,department\nRita,Care\n", "no “email” column"),
        (HEADER.encode(), "no people"),
    ],
    ids=["latin-1", "xlsx-renamed", "empty", "no-email-column", "header-only"],
)  # fmt: skip
def test_an_unreadable_file_gets_a_clear_message_and_nothing_is_written(
    world, client_for, course, content, message
):
    before = snapshot()

    response = upload(client_for(world.hr), course, content, valid_rows=True)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert message in page
    assert snapshot() == before


def test_semicolon_files_and_bom_from_excel_are_read(world, client_for, course):
    text = "\ufeffEmployee ID;Email;Name;Department;Team;Manager email;Due date\r\n"
    text += f"E-9;semi@north.example;Semi Colon;Care;Phones;;{DUE}\r\n"

    response = upload(client_for(world.hr), course, text)

    assert response.status_code == 200
    assert User.objects.get(email="semi@north.example").department == Department.objects.get(
        organisation=world.north, name="Care"
    )


def test_hr_imports_only_into_their_own_organisation(world, client_for, course):
    text = HEADER + f"S-1,new@south.example,New South,Desk,Desk,,{DUE}\n"

    upload(client_for(world.hr_south), course, text)

    assert User.objects.get(email="new@south.example").organisation == world.south


def test_every_bad_row_is_flagged_with_its_column_and_typos_make_no_team(world, client_for, course):
    far = (timezone.localdate() + timedelta(days=800)).isoformat()
    text = HEADER + (
        f"E-1,ok@north.example,Fine Person,Care,Phones,,{DUE}\n"  # row 2
        f"E-2,typo@north.example,Typo Team,Care,Phone Suport,,{DUE}\n"  # row 3
        "E-3,slash@north.example,Slash Date,Care,Phones,,03/04/2027\n"  # row 4
        "E-4,far@north.example,Far Future,Care,Phones,,4067-01-01\n"  # row 5
        f"E-5,later@north.example,Later,Care,Phones,,{far}\n"  # row 6
        "E-6,past@north.example,Past,Care,Phones,,2020-01-01\n"  # row 7
        f"E-7,self@north.example,Own Boss,Care,Phones,self@north.example,{DUE}\n"  # row 8
        f"E-8,dept@north.example,Bad Dept,Cair,Phones,,{DUE}\n"  # row 9
    )
    before = snapshot()

    response = upload(client_for(world.hr), course, text, new_teams=False)

    errors = dict((int(row), reason) for row, reason in _error_rows(response.content.decode()))
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9}
    assert "Phone Suport" in errors[3] and "Create new departments and teams" in errors[3]
    assert "column G (due date)" in errors[4] and "YYYY-MM-DD" in errors[4]
    assert "more than 2 years ahead" in errors[5] and "more than 2 years ahead" in errors[6]
    assert "in the past" in errors[7]
    assert "own manager" in errors[8]
    assert "Cair" in errors[9]
    assert snapshot() == before
    assert not Team.objects.filter(name="Phone Suport").exists()


def test_new_teams_are_created_only_when_hr_ticks_that(world, client_for, course):
    text = HEADER + f"E-1,ok@north.example,New Team,Care,Night shift,,{DUE}\n"

    refused = upload(client_for(world.hr), course, text, new_teams=False)
    accepted = upload(client_for(world.hr), course, text, new_teams=True)

    assert refused.status_code == 400 and accepted.status_code == 200
    assert Team.objects.filter(name="Night shift", department__name="Care").count() == 1
