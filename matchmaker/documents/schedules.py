"""Personal meeting schedules: one attendee per page, two when the meetings need it.

A meeting is never split across pages; a continued page repeats the name and the table
header. Many schedules go into one document (the registration desk's print), which is
what makes them fast: fonts are loaded and embedded once. The QR code of the private link
is drawn only on a sheet that carries it (the attendee's own download), never on the desk's;
the desk's sheets carry the non-secret badge code instead (text and QR code).
"""

from collections.abc import Sequence

from ..badge_code import shown
from .grid import Cell, draw_rows
from .pdf import Document, Run
from .rows import Brand, Progress, ScheduleSheet, ScheduleTexts, SlotLine, reporting

WIDTHS = (27, 13, 68, 72)
QR_SIZE = 30
TEXT_WIDTH = 180 - QR_SIZE - 6


NO_BRAND = Brand()


def schedules_pdf(sheets: Sequence[ScheduleSheet], progress: Progress | None = None,
                  language: str = "de", brand: Brand = NO_BRAND) -> bytes:
    """All ``sheets`` in their order as one PDF, with the event's ``brand`` at the top."""
    pdf = Document(sheets[0].event_title if sheets else "", language)
    for sheet in reporting(sheets, progress):
        draw_sheet(pdf, sheet, brand)
    return bytes(pdf.output())


def draw_sheet(pdf: Document, sheet: ScheduleSheet, brand: Brand = NO_BRAND) -> None:
    texts = sheet.texts
    footer = f"{sheet.name} · {texts.printed}"
    pdf.new_page(footer)
    pdf.brand(brand, pdf.l_margin, 4, pdf.epw, 8)
    draw_head(pdf, sheet)
    if not any(line.meeting for line in sheet.slots):
        pdf.set_y(pdf.write_run(Run(texts.no_meetings, 10), pdf.l_margin, pdf.get_y(), 180) + 2)

    def continued() -> None:
        pdf.new_page(footer)
        title = Run(f"{sheet.name} · {texts.continued}", 12, bold=True)
        pdf.set_y(pdf.write_run(title, pdf.l_margin, pdf.t_margin, 180) + 3)

    draw_rows(pdf, header_cells(texts), [slot_cells(line, texts) for line in sheet.slots],
              WIDTHS, continued)


def draw_head(pdf: Document, sheet: ScheduleSheet) -> None:
    x, y = pdf.l_margin, pdf.t_margin
    y = pdf.write_run(pdf.fitting(Run(sheet.event_title, 15, bold=True), TEXT_WIDTH, 14, 10),
                      x, y, TEXT_WIDTH)
    y = pdf.write_run(pdf.fitting(Run(sheet.event_line, 10, muted=True), TEXT_WIDTH, 9, 8),
                      x, y + 1, TEXT_WIDTH)
    name = pdf.one_line(Run(sheet.name, 20, bold=True), TEXT_WIDTH, 12) or \
        pdf.fitting(Run(sheet.name, 14, bold=True), TEXT_WIDTH, 13, 10)
    y = pdf.write_run(name, x, y + 5, TEXT_WIDTH)
    organisation = pdf.fitting(Run(sheet.organisation, 12), TEXT_WIDTH, 11, 9)
    y = pdf.write_run(organisation, x, y + 0.5, TEXT_WIDTH)
    qr_bottom = (draw_qr(pdf, sheet.page_url, sheet.texts.qr_caption) if sheet.page_url
                 else draw_qr(pdf, sheet.badge_code, shown(sheet.badge_code)) if sheet.badge_code else y)
    heading = Run(sheet.texts.heading, 13, bold=True)
    pdf.set_y(pdf.write_run(heading, x, max(y, qr_bottom) + 5, 180) + 2)


def draw_qr(pdf: Document, url: str, caption_text: str) -> float:
    """The private link (own download) or the badge code (the desk's copy) as a QR code
    at the top right, with its caption; returns where the caption ends."""
    qr_x = pdf.l_margin + 180 - QR_SIZE
    pdf.qr(url, qr_x, pdf.t_margin, QR_SIZE)
    caption = Run(caption_text, 7, muted=True)
    return pdf.write_run(caption, qr_x, pdf.t_margin + QR_SIZE + 1, QR_SIZE, align="C")


def header_cells(texts: ScheduleTexts) -> list[Cell]:
    return [[Run(label, 9, bold=True)]
            for label in (texts.time, texts.table, texts.partner, texts.reason)]


def slot_cells(line: SlotLine, texts: ScheduleTexts) -> list[Cell]:
    time = [Run(line.time, 10, bold=True)]
    if line.session is not None:
        session = line.session
        return [time, [], [Run(session.title, 10, bold=True), Run(session.kind, 8, muted=True)],
                [Run(session.room, 9)]]
    meeting = line.meeting
    if meeting is None:
        label = texts.unavailable if line.unavailable else texts.free
        return [time, [], [Run(label, 10, muted=True)], []]
    partner = [Run(meeting.partner_name, 10, bold=True), Run(meeting.partner_organisation, 9),
               Run(meeting.partner_industry, 8, muted=True)]
    if meeting.others:
        partner.append(Run(meeting.others, 9))
    return [time, [Run(meeting.table, 11, bold=True)], partner, [Run(meeting.reason, 9)]]
