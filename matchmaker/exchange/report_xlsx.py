"""The report for the funder as a spreadsheet: the key figures on the first sheet, then
one sheet per breakdown (the same content as the PDF, numbers as numbers)."""

from ..documents.rows import ReportContent
from .spreadsheet import Sheet, xlsx_workbook_bytes


def report_xlsx(content: ReportContent) -> bytes:
    """Shares appear in per cent (16.7 for 16.7 %), marked so in their label."""
    figures = [(group.title, f"{f.label} (%)" if f.percent else f.label,
                round(f.value * 100, 1) if f.percent else f.value)
               for group in content.groups for f in group.figures]
    sheets: list[Sheet] = [(content.figures_title, content.figures_header, figures)]
    sheets += [(section.title, section.header, section.rows) for section in content.sections]
    return xlsx_workbook_bytes(sheets)
