"""Tables as files for spreadsheets: CSV and `.xlsx`, safe against formula injection.

Names and organisations are typed by attendees, so a cell like `=HYPERLINK(...)` must
never run as a formula in an organiser's spreadsheet. In CSV a text cell that starts
with `=`, `+`, `-`, `@`, tab or CR, or a fullwidth or other compatibility form of them
(`＝`, `＋`, ...; see ``FORMULA_START``), gets a leading apostrophe (`neutralise`), which the
attendee readers remove again (`restore`): "-5 °C" or "+49 30 1234" survive a round
trip. A text that already starts with apostrophes before such a character gets one more,
so that `restore` gives back exactly what was written. In `.xlsx` every text is stored as
a string cell with Excel's own quote prefix: never a formula, shown without apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported by the functions that write a workbook
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

Cell = str | int | float | bool | date | datetime | None

# What can start a formula: = + - @ tab CR, their compatibility forms that NFKC folds into
# them (fullwidth ＝＋－＠, small ﹦﹢﹣﹫, super- and subscript ⁼⁺₌₊, Hebrew ﬩), which a
# spreadsheet or an import step may fold too, and the minus sign −.
FORMULA_START = ("=+\\-@\t\r"
                 "\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"
                 "\u207c\u207a\u208c\u208a\ufb29\u2212")
RISKY = re.compile(f"'*[{FORMULA_START}]")
NEUTRALISED = re.compile(f"'+[{FORMULA_START}]")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60


def neutralise(value: str) -> str:
    """`value` with an apostrophe before it if a spreadsheet could run it as a formula."""
    return "'" + value if RISKY.match(value) else value


def restore(value: str) -> str:
    """The text `neutralise` was given: one apostrophe fewer where it added one."""
    return value[1:] if NEUTRALISED.match(value) else value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """Comma-separated, CRLF line ends, risky text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """`csv_text` as UTF-8 with a byte-order mark, by which Excel recognises UTF-8."""
    return csv_text(header, rows).encode("utf-8-sig")


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A workbook with one sheet: a bold, frozen header row and typed cells."""
    return xlsx_workbook_bytes([(title, header, rows)])


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Cell]]]


def xlsx_workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per (title, header, rows), each like ``xlsx_bytes``'s."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        _add_sheet(workbook, title, header, rows)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _add_sheet(workbook: Workbook, title: str, header: Sequence[str],
               rows: Iterable[Sequence[Cell]]) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    rows = [list(row) for row in rows]
    for index, name in enumerate(header):
        width = max([len(name)] + [len(str(row[index] or "")) for row in rows[:200]])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width + 2, MAX_WIDTH)
    sheet.append([_header_cell(sheet, name) for name in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])


def _csv_cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return value


def _header_cell(sheet, name: str) -> WriteOnlyCell:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=name)
    cell.font = Font(bold=True)
    return cell


def _xlsx_cell(sheet, value: Cell) -> WriteOnlyCell | Cell:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    cell.quotePrefix = bool(RISKY.match(value))
    return cell
