"""Importing people and assignments from a CSV: every row is checked before anything is
written; then all rows are written in one transaction — or, when the user chose "import
the valid rows", only those."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import Department, Organisation, Team, User
from activity.services import audit_record
from courses.models import Course
from courses.services.assignments import enrollment_assign

from ..csv_rows import PersonRow, RowError, read_people
from .people import person_create, person_manager_set, person_update


@dataclass
class ImportReport:
    rows: int
    errors: list[RowError]
    imported: bool = False
    created: int = 0
    updated: int = 0
    assigned: int = 0
    skipped_rows: list[int] = field(default_factory=list)


def due_at_end_of(day: date) -> datetime:
    """A due date means "by the end of that day" in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def people_import(
    *,
    data: bytes,
    organisation: Organisation,
    course: Course,
    actor: User,
    import_valid_rows: bool,
    create_teams: bool = False,
    filename: str = "",
) -> ImportReport:
    """Create or update the people in ``data`` and assign them ``course``. A department
    or team the organisation does not have flags its row (a typo must not become a new
    team), unless ``create_teams``: HR ticked that the file brings new ones.

    Raises :class:`hr.csv_rows.CsvFileError` for a file that cannot be read at all.
    """
    people = read_people(data, today=timezone.localdate())
    rows, errors = people.rows, people.errors
    matches, db_errors = _check(rows, organisation, row_of_email=people.row_of_email)
    if not create_teams:
        db_errors += _unknown_teams(rows, organisation, already={e.row for e in db_errors})
    errors = sorted(errors + db_errors, key=lambda e: e.row)
    bad = {e.row for e in errors}
    valid = [r for r in rows if r.row not in bad]
    report = ImportReport(rows=len(rows) + len(errors), errors=errors)
    if (errors and not import_valid_rows) or not valid:
        return report
    report.skipped_rows = sorted(bad)
    _write(valid, matches, organisation=organisation, course=course, actor=actor, report=report)
    audit_record(
        actor=actor,
        action="people.imported",
        target=organisation,
        reason=f"CSV import {filename}".strip(),
        changes={
            "created": [None, report.created],
            "updated": [None, report.updated],
            "skipped_rows": [None, report.skipped_rows],
        },
        organisation_id=organisation.pk,
    )
    report.imported = True
    return report


def _check(
    rows: list[PersonRow], organisation: Organisation, *, row_of_email: dict[str, int]
) -> tuple[dict[int, User | None], list[RowError]]:
    """Match rows to existing people and check what needs the database; returns the
    match per row number and the rows that cannot be imported."""
    emails = {r.email for r in rows} | {r.manager_email for r in rows if r.manager_email}
    by_email = {
        u.email_lower: u
        for u in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    by_username = {u.username.lower(): u for u in User.objects.filter(username__in=emails)}
    by_id = {
        u.employee_id: u
        for u in User.objects.filter(
            organisation=organisation, employee_id__in={r.employee_id for r in rows} - {""}
        )
    }
    matches: dict[int, User | None] = {}
    errors: dict[int, str] = {}
    for row in rows:
        email_user = by_email.get(row.email) or by_username.get(row.email)
        id_user = by_id.get(row.employee_id) if row.employee_id else None
        if email_user and email_user.organisation_id != organisation.pk:
            errors[row.row] = (
                f"email {row.email} is already used by an account outside {organisation}"
            )
        elif id_user and email_user and id_user.pk != email_user.pk:
            errors[row.row] = (
                f"employee id {row.employee_id} belongs to {id_user.email}, "
                f"but {row.email} belongs to someone else"
            )
        elif not (id_user or email_user) and not row.name:
            errors[row.row] = "name is missing for a new person"
        else:
            matches[row.row] = id_user or email_user
    # A manager must be in the organisation already, or a valid row of this file.
    changed = True
    while changed:
        changed = False
        in_file = {r.email: r.row for r in rows if r.row not in errors}
        for row in rows:
            if row.row in errors or not row.manager_email:
                continue
            existing = by_email.get(row.manager_email)
            if row.manager_email in in_file:
                continue
            if existing and existing.organisation_id == organisation.pk:
                continue
            on_row = row_of_email.get(row.manager_email)
            errors[row.row] = (
                f"manager {row.manager_email} is on row {on_row}, which has errors"
                if on_row
                else f"manager {row.manager_email} is not in {organisation} or in this file"
            )
            changed = True
    return matches, [RowError(n, reason) for n, reason in errors.items()]


def _unknown_teams(
    rows: list[PersonRow], organisation: Organisation, *, already: set[int]
) -> list[RowError]:
    """Rows naming a department or team the organisation does not have. Two queries."""
    departments = set(Department.objects.filter(organisation=organisation).values_list("name"))
    teams = set(
        Team.objects.filter(organisation=organisation).values_list("department__name", "name")
    )
    errors = []
    for row in rows:
        if row.row in already:
            continue
        unknown = []
        if row.department and (row.department,) not in departments:
            unknown.append(f"department “{row.department}”")
        if row.team and (row.department or None, row.team) not in teams:
            where = f" in {row.department}" if row.department else ""
            unknown.append(f"team “{row.team}”{where}")
        if unknown:
            errors.append(
                RowError(
                    row.row,
                    f"{' and '.join(unknown)} not found in {organisation}; check the "
                    "spelling, or tick “Create new departments and teams”",
                )
            )
    return errors


@transaction.atomic
def _write(
    rows: list[PersonRow],
    matches: dict[int, User | None],
    *,
    organisation: Organisation,
    course: Course,
    actor: User,
    report: ImportReport,
) -> None:
    departments: dict[str, Department] = {}
    teams: dict[tuple[str, str], Team] = {}
    people: dict[str, User] = {}
    for row in rows:
        department = None
        if row.department:
            if row.department not in departments:
                departments[row.department], _ = Department.objects.get_or_create(
                    organisation=organisation, name=row.department
                )
            department = departments[row.department]
        team = None
        if row.team:
            if (row.department, row.team) not in teams:
                teams[(row.department, row.team)], _ = Team.objects.get_or_create(
                    organisation=organisation, department=department, name=row.team
                )
            team = teams[(row.department, row.team)]
        person = matches.get(row.row)
        values: dict[str, object] = {"email": row.email, "department": department, "team": team}
        if row.name:
            first, _, last = row.name.partition(" ")
            values.update(first_name=first[:150], last_name=last.strip()[:150])
        if row.employee_id:
            values["employee_id"] = row.employee_id
        if person is None:
            person = person_create(organisation=organisation, username=row.email, **values)
            report.created += 1
        else:
            person_update(person=person, **values)  # writes only what changed
            report.updated += 1
        people[row.email] = person
    wanted = {r.manager_email for r in rows if r.manager_email} - set(people)
    managers: dict[str, User] = {
        u.email_lower: u
        for u in User.objects.annotate(email_lower=Lower("email")).filter(
            organisation=organisation, email_lower__in=wanted
        )
    }
    managers.update(people)
    for row in rows:
        person = people[row.email]
        if row.manager_email:
            person_manager_set(person=person, manager=managers.get(row.manager_email))
        enrollment_assign(
            learner=person,
            course=course,
            due_at=due_at_end_of(row.due_date) if row.due_date else None,
            assigned_by=actor,
        )
        report.assigned += 1
