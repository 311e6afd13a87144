"""The report for the funder as PDF: the key figures, then each breakdown as a bar chart
with its table (the same content the dashboard's report page and the spreadsheet show).

``ReportContent`` arrives phrased and translated; figures carry their value (for the
spreadsheet) and how it reads (for the page and the PDF). It is defined in ``rows``, which
the app imports without the PDF library.
"""

from .grid import Cell, draw_row, draw_rows, row_height
from .pdf import SHADE, Document, Run
from .rows import FigureGroup, ReportContent, Section

WIDTH = 180  # mm between the margins of an A4 portrait page
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 4.0, 1.6, 70.0
ACCENT = (30, 90, 160)
FIGURE_WIDTHS = (130.0, 50.0)


def report_pdf(content: ReportContent, language: str = "de") -> bytes:
    pdf = Document(content.title, language)
    pdf.new_page(content.printed)
    y = pdf.write_run(Run(content.title, 16, bold=True), pdf.l_margin, pdf.t_margin, WIDTH)
    y = pdf.write_run(Run(content.subtitle, 10, muted=True), pdf.l_margin, y + 1, WIDTH)
    pdf.set_y(y + 4)
    for group in content.groups:
        draw_figures(pdf, group, content.printed)
    needs_room(pdf, 20, content.printed)
    pdf.set_y(pdf.write_run(Run(content.definitions, 8, muted=True), pdf.l_margin, pdf.get_y() + 2,
                            WIDTH) + 4)
    for section in content.sections:
        draw_section(pdf, section, content.printed)
    return bytes(pdf.output())


def needs_room(pdf: Document, height: float, footer: str) -> None:
    """A new page unless ``height`` mm still fit on this one."""
    if pdf.get_y() + height > pdf.bottom:
        pdf.new_page(footer)
        pdf.set_y(pdf.t_margin)


def heading(pdf: Document, text: str) -> None:
    pdf.set_y(pdf.write_run(Run(text, 12, bold=True), pdf.l_margin, pdf.get_y() + 2, WIDTH) + 1)


def draw_figures(pdf: Document, group: FigureGroup, footer: str) -> None:
    needs_room(pdf, 12 + 6 * len(group.figures), footer)
    heading(pdf, group.title)
    for figure in group.figures:
        cells: list[Cell] = [[Run(figure.label, 10)], [Run(figure.shown, 10, bold=True)]]
        draw_row(pdf, cells, FIGURE_WIDTHS, row_height(pdf, cells, FIGURE_WIDTHS))


def draw_section(pdf: Document, section: Section, footer: str) -> None:
    chart = len(section.chart_rows) * (BAR_HEIGHT + BAR_GAP)
    needs_room(pdf, 14 + chart + 20, footer)
    heading(pdf, section.title)
    if not section.rows:
        pdf.set_y(pdf.write_run(Run(section.empty, 10, muted=True), pdf.l_margin, pdf.get_y(), WIDTH))
        return
    draw_bars(pdf, section, footer)
    widths = (WIDTH - 30 * (len(section.header) - 1),) + (30,) * (len(section.header) - 1)
    header: list[Cell] = [[Run(text, 9, bold=True)] for text in section.header]
    draw_rows(pdf, header, [[[Run(str(value), 9)] for value in row] for row in section.rows],
              widths, lambda: page_with_heading(pdf, section.title, footer))
    pdf.set_y(pdf.get_y() + 4)


def page_with_heading(pdf: Document, title: str, footer: str) -> None:
    pdf.new_page(footer)
    pdf.set_y(pdf.t_margin)
    heading(pdf, title)


def draw_bars(pdf: Document, section: Section, footer: str) -> None:
    """One bar per row, its label on the left and its number at its end."""
    values = [int(row[section.chart_column]) for row in section.chart_rows]
    top = max(values) or 1
    room = WIDTH - LABEL_WIDTH - 12
    for row, value in zip(section.chart_rows, values, strict=True):
        needs_room(pdf, BAR_HEIGHT + BAR_GAP, footer)
        y = pdf.get_y()
        label = pdf.fitting(Run(str(row[0]), 8, muted=True), LABEL_WIDTH - 2, BAR_HEIGHT, 6)
        pdf.write_run(label, pdf.l_margin, y, LABEL_WIDTH - 2)
        x = pdf.l_margin + LABEL_WIDTH
        pdf.set_fill_color(*SHADE)
        pdf.rect(x, y, room, BAR_HEIGHT, style="F")
        if value:
            pdf.set_fill_color(*ACCENT)
            pdf.rect(x, y, room * value / top, BAR_HEIGHT, style="F")
        pdf.write_run(Run(str(value), 8), x + room + 2, y, 10)
        pdf.set_y(y + BAR_HEIGHT + BAR_GAP)
    if section.chart_shortened:
        pdf.set_y(pdf.write_run(Run(section.chart_note, 8, muted=True), pdf.l_margin, pdf.get_y(), WIDTH))
    pdf.set_y(pdf.get_y() + 2)

