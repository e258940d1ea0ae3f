"""Reading a people CSV: decoding, header and per-row checks. Pure Python, no database.

Row numbers are the spreadsheet's: the header is row 1, the first person row 2.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from accounts.text import strip_invisible_controls
from courses.due_dates import due_date_problem

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# Accepted spellings of each column, compared without case, spaces or underscores.
COLUMNS = {
    "employee_id": ("employeeid", "employeeno", "employeenumber", "id"),
    "email": ("email", "emailaddress"),
    "name": ("name", "fullname"),
    "department": ("department", "dept"),
    "team": ("team",),
    "manager_email": ("manageremail", "manager"),
    "due_date": ("duedate", "due"),
}
REQUIRED = ("email",)
MAX_EMAIL = 150  # a new person's email is their username, and a username holds 150
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CsvFileError(Exception):
    """The file as a whole cannot be read; nothing is imported."""


@dataclass
class PersonRow:
    row: int
    employee_id: str
    email: str
    name: str
    department: str
    team: str
    manager_email: str
    due_date: date | None


@dataclass(frozen=True)
class RowError:
    row: int
    reason: str


def _normalise(header: str) -> str:
    return re.sub(r"[\s_\-.]", "", header.strip().lower())


def decode(data: bytes) -> str:
    if not data.strip():
        raise CsvFileError("The file is empty.")
    if len(data) > MAX_BYTES:
        raise CsvFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if b"\x00" in data:
        raise CsvFileError(
            "This does not look like a CSV file (it contains binary data). "
            "Save the sheet as “CSV UTF-8” and upload that."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvFileError(
            f"The file is not UTF-8 text (unreadable byte at position {error.start}). "
            "Save the sheet as “CSV UTF-8” and upload it again."
        ) from error


def parse_date(value: str) -> date:
    """A date written YYYY-MM-DD, the one format the import page asks for: 03/04/2027
    is the 3rd of April to some and March the 4th to others, so it is refused."""
    if not DATE.match(value):
        raise ValueError(f"“{value}” is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"“{value}” is not a date written YYYY-MM-DD") from None


def column_name(field: str, index: int) -> str:
    """How an error names a column: as the sheet shows it (letter) and by its meaning."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"column {letters} ({field.replace('_', ' ')})"


@dataclass
class PeopleFile:
    rows: list[PersonRow]  # the rows without errors
    errors: list[RowError]
    row_of_email: dict[str, int]  # every email in the file -> the first row it is on


def read_people(data: bytes, *, today: date) -> PeopleFile:
    """Every row checked on its own and against the rows before it; the caller adds
    the checks that need the database."""
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise CsvFileError("The file has no header row.") from error
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        for field, spellings in COLUMNS.items():
            if _normalise(name) in spellings and field not in positions:
                positions[field] = index
    missing = [f for f in REQUIRED if f not in positions]
    if missing:
        raise CsvFileError(
            "The header row has no “email” column. Expected columns: employee id, email, "
            "name, department, team, manager email, due date."
        )
    rows: list[PersonRow] = []
    errors: list[RowError] = []
    seen_emails: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    try:
        for number, record in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                raise CsvFileError(f"The file has more than {MAX_ROWS} rows; split it.")
            if not any(cell.strip() for cell in record):
                continue  # blank lines are common at the end of exported sheets

            def cell(field: str, record: list[str] = record) -> str:
                index = positions.get(field)
                if index is None or index >= len(record):
                    return ""
                return strip_invisible_controls(record[index]).strip()

            reasons = []
            email = cell("email").lower()
            if not email:
                reasons.append("email is missing")
            elif not EMAIL.match(email):
                reasons.append(f"email “{email}” is not a valid address")
            elif len(email) > MAX_EMAIL:
                reasons.append(f"email is longer than {MAX_EMAIL} characters")
            elif email in seen_emails:
                reasons.append(f"email {email} is already on row {seen_emails[email]}")
            employee_id = cell("employee_id")
            if employee_id and employee_id in seen_ids:
                reasons.append(
                    f"employee id {employee_id} is already on row {seen_ids[employee_id]}"
                )
            manager_email = cell("manager_email").lower()
            if manager_email and not EMAIL.match(manager_email):
                reasons.append(f"manager email “{manager_email}” is not a valid address")
            elif manager_email and manager_email == email:
                reasons.append("a person cannot be their own manager")
            due: date | None = None
            if cell("due_date"):
                where = column_name("due_date", positions["due_date"])
                try:
                    due = parse_date(cell("due_date"))
                except ValueError as error:
                    reasons.append(f"{where}: {error}")
                else:
                    problem = due_date_problem(due, today=today)
                    if problem:
                        reasons.append(f"{where}: due date {problem}")
                        due = None
            if len(cell("name")) > 300 or len(employee_id) > 64:
                reasons.append("name or employee id is too long")
            if email and email not in seen_emails:
                seen_emails[email] = number
            if employee_id and employee_id not in seen_ids:
                seen_ids[employee_id] = number
            if reasons:
                errors.append(RowError(number, "; ".join(reasons)))
                continue
            rows.append(
                PersonRow(
                    row=number,
                    employee_id=employee_id,
                    email=email,
                    name=cell("name"),
                    department=cell("department")[:200],
                    team=cell("team")[:200],
                    manager_email=manager_email,
                    due_date=due,
                )
            )
    except csv.Error as error:
        raise CsvFileError(f"The file could not be read as CSV: {error}.") from error
    if not rows and not errors:
        raise CsvFileError("The file has a header row but no people.")
    return PeopleFile(rows, errors, seen_emails)
