"""The office register as a file: CSV (UTF-8 with a BOM, so that spreadsheet programs read it as UTF-8)
and XLSX (openpyxl). Text that a spreadsheet would run as a formula is written as plain text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from reports.selectors import RegisterRow, ReportScope

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns() -> list[tuple[str, str, Callable[[RegisterRow], object]]]:
    """(key, header in the request's language, value) of each column, in order."""
    return [
        ("no", _("No."), lambda r: None),  # filled with the line number
        ("office", _("Office"), lambda r: r.office),
        ("registration_number", _("Registration number"), lambda r: r.registration_number),
        ("number", _("Dispute number"), lambda r: r.number),
        ("petitioner", _("Worker (petitioner)"), lambda r: r.petitioner),
        ("respondent", _("Company (respondent)"), lambda r: r.respondent),
        ("respondent_nib", _("Company NIB"), lambda r: r.respondent_nib),
        ("type", _("Type of dispute"), lambda r: r.type),
        ("filed_on", _("Filed on"), lambda r: r.filed_on),
        ("bipartite_started_on", _("Bipartite started on"), lambda r: r.bipartite_started_on),
        ("bipartite_ended_on", _("Bipartite ended on"), lambda r: r.bipartite_ended_on),
        ("failure_reason", _("Why bipartite failed"), lambda r: r.failure_reason),
        ("registration_submitted_on", _("Registration submitted on"), lambda r: r.registration_submitted_on),
        ("registered_on", _("Registration accepted on"), lambda r: r.registered_on),
        ("mediator_assigned_on", _("Delegated to the mediator on"), lambda r: r.mediator_assigned_on),
        ("mediator", _("Mediator"), lambda r: r.mediator),
        ("recommendation_issued_on", _("Recommendation issued on"), lambda r: r.recommendation_issued_on),
        ("closed_on", _("Closed on"), lambda r: r.closed_on),
        ("outcome", _("Outcome"), lambda r: r.outcome),
        ("notes", _("Notes"), lambda r: "; ".join(r.notes)),
    ]


def _cells(rows: list[RegisterRow]) -> Iterator[list[object]]:
    cols = columns()
    for line, row in enumerate(rows, start=1):
        yield [line if key == "no" else value(row) for key, _label, value in cols]


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def register_filename(scope: ReportScope, extension: str) -> str:
    return f"buku-registrasi-{scope.slug}.{extension}"


# The list separators offered: "comma" (the default, RFC 4180) and "semicolon", the list separator of Excel
# under Indonesian regional settings (where the comma is the decimal separator).
CSV_SEPARATORS = {"comma": ",", "semicolon": ";"}


def register_csv(rows: list[RegisterRow], *, delimiter: str = ",") -> bytes:
    """The register as CSV: a header line, then one line per dispute; dates as YYYY-MM-DD. A value holding the
    delimiter, a quote or a line break is quoted."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([label for _key, label, _value in columns()])
    for cells in _cells(rows):
        writer.writerow([
            "" if v is None else v.isoformat() if isinstance(v, dt.date) else _safe_text(v) if isinstance(v, str)
            else v
            for v in cells
        ])
    return out.getvalue().encode("utf-8-sig")


def register_xlsx(rows: list[RegisterRow], *, title: str) -> bytes:
    """The register as an XLSX workbook with one sheet; dates are date cells, text is never a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    header = []
    for _key, label, _value in columns():
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for cells in _cells(rows):
        line = []
        for value in cells:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would store "=..." as a formula
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            line.append(cell)
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
