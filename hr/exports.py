"""Writing export rows as CSV or XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook

from accounts.text import strip_invisible_controls

# A cell starting with one of these is a formula to a spreadsheet: a name like
# "=HYPERLINK(...)" typed into a profile must stay text (CSV injection).
FORMULA_START = frozenset("=+-@\t\r")


def _text(value: object) -> object:
    """Cells as text: no bidi control reorders them, and no formula runs. The controls go
    first, so one cannot hide a leading "=" from this check (stored data is cleaned on
    input too; this also covers anything older)."""
    if value.__class__ is not str:
        return value
    text = strip_invisible_controls(str(value))
    if text.lstrip(" ")[:1] in FORMULA_START:  # " =1+1" is a formula to some spreadsheets
        return "'" + text
    return text


def to_csv(rows: Iterable[tuple[object, ...]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens names with accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([_text(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[tuple[object, ...]], *, title: str = "Learners") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([_text(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
