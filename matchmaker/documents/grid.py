"""Tables whose rows wrap their text and are never split across two pages."""

from collections.abc import Callable, Sequence

from .pdf import RULE, SHADE, Document, Run

PAD = 1.6
Cell = Sequence[Run]


def row_height(pdf: Document, cells: Sequence[Cell], widths: Sequence[float]) -> float:
    return 2 * PAD + max(sum(pdf.height_of(run, width - 2 * PAD) for run in cell)
                         for cell, width in zip(cells, widths, strict=True))


def draw_row(pdf: Document, cells: Sequence[Cell], widths: Sequence[float], height: float,
             shaded: bool = False) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    if shaded:
        pdf.set_fill_color(*SHADE)
        pdf.rect(x, y, sum(widths), height, style="F")
    for cell, width in zip(cells, widths, strict=True):
        below = y + PAD
        for run in cell:
            below = pdf.write_run(run, x + PAD, below, width - 2 * PAD)
        x += width
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + height, pdf.l_margin + sum(widths), y + height)
    pdf.set_xy(pdf.l_margin, y + height)


def draw_rows(pdf: Document, header: Sequence[Cell], rows: Sequence[Sequence[Cell]],
              widths: Sequence[float], new_page: Callable[[], None]) -> None:
    """The header row, then every row; a row that does not fit goes to a new page
    (``new_page`` draws that page's heading), where the header row is repeated."""
    header_height = row_height(pdf, header, widths)
    draw_row(pdf, header, widths, header_height, shaded=True)
    for cells in rows:
        height = row_height(pdf, cells, widths)
        if pdf.get_y() + height > pdf.bottom:
            new_page()
            draw_row(pdf, header, widths, header_height, shaded=True)
        draw_row(pdf, cells, widths, height)
