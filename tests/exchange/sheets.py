"""Workbooks made in the tests with openpyxl (no binary fixtures in the repository)."""

import io
from collections.abc import Sequence

from openpyxl import Workbook


def workbook_bytes(rows: Sequence[Sequence[object]], title: str = "Teilnehmende") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
