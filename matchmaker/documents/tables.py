"""For the meeting area: the table plan (per slot, who sits at which table) and the
table signs (one table per landscape page, its number readable from 5 m away)."""

from collections.abc import Sequence

from .grid import Cell, draw_rows
from .pdf import Document, Run
from .rows import PlanMeeting, PlanSlot, PlanTexts, Progress, SignTexts, reporting

PLAN_WIDTHS = (18, 81, 81)
SIGN_NUMBER_SIZE = 330  # points: digits about 8 cm tall


def table_plan_pdf(slots: Sequence[PlanSlot], texts: PlanTexts,
                   progress: Progress | None = None, language: str = "de") -> bytes:
    """Each slot starts a page; a long slot continues on the next page."""
    pdf = Document(texts.title, language)
    for slot in reporting(slots, progress):
        draw_slot(pdf, slot, texts)
    return bytes(pdf.output())


def draw_slot(pdf: Document, slot: PlanSlot, texts: PlanTexts) -> None:
    def page(suffix: str = "") -> None:
        pdf.new_page(texts.printed)
        title = Run(f"{texts.title} · {slot.title}{suffix}", 14, bold=True)
        pdf.set_y(pdf.write_run(title, pdf.l_margin, pdf.t_margin, 180) + 3)

    page()
    if not slot.meetings:
        pdf.write_run(Run(texts.empty, 10, muted=True), pdf.l_margin, pdf.get_y(), 180)
        return
    header: list[Cell] = [[Run(label, 9, bold=True)]
                          for label in (texts.table, texts.first, texts.second)]
    draw_rows(pdf, header, [plan_cells(m) for m in slot.meetings], PLAN_WIDTHS,
              lambda: page(f" ({texts.continued})"))


def plan_cells(meeting: PlanMeeting) -> list[Cell]:
    return [[Run(meeting.table, 11, bold=True)],
            [Run(meeting.first_name, 10, bold=True), Run(meeting.first_organisation, 9)],
            [Run(meeting.second_name, 10, bold=True), Run(meeting.second_organisation, 9)]]


def table_signs_pdf(tables: Sequence[str], texts: SignTexts,
                    progress: Progress | None = None) -> bytes:
    """One sign per table name, in the given order."""
    pdf = Document(texts.event_title, landscape=True)
    for table in reporting(tables, progress):
        draw_sign(pdf, table, texts)
    return bytes(pdf.output())


def draw_sign(pdf: Document, table: str, texts: SignTexts) -> None:
    pdf.new_page()
    width = pdf.epw
    pdf.brand(texts.brand, pdf.l_margin, 5, width, 9)
    title = pdf.fitting(Run(texts.event_title, 16, muted=True), width, 8, 10)
    pdf.write_run(title, pdf.l_margin, pdf.t_margin, width, align="C")
    pdf.write_run(Run(texts.label, 44, bold=True), pdf.l_margin, 38, width, align="C")
    number = pdf.one_line(Run(table, SIGN_NUMBER_SIZE, bold=True), width, 40) or \
        pdf.fitting(Run(table, 60, bold=True), width, 120, 24)
    pdf.write_run(number, pdf.l_margin, 62 + max(0.0, (120 - pdf.height_of(number, width)) / 2),
                  width, align="C")
