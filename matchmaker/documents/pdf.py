"""The A4 page all documents draw on: embedded fonts, text that fits its box, QR codes."""

from dataclasses import dataclass
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
PT = 0.3528  # mm per point
LINE = 1.2  # line height as a multiple of the font size
INK, MUTED, RULE, SHADE = (0, 0, 0), (80, 80, 80), (170, 170, 170), (232, 232, 232)


@dataclass(frozen=True)
class Run:
    """A piece of text in a table cell or box, drawn below the previous one."""

    text: str
    size: float = 10
    bold: bool = False
    muted: bool = False


class Document(FPDF):
    """An A4 document in DejaVu Sans Condensed (embedded as a subset), with a footer
    line per page and no automatic page breaks: the documents decide where pages end."""

    def __init__(self, title: str, language: str = "de", landscape: bool = False) -> None:
        super().__init__(orientation="landscape" if landscape else "portrait", unit="mm",
                         format="A4")
        self.add_font(FAMILY, "", FONT_DIR / "DejaVuSansCondensed.ttf")
        self.add_font(FAMILY, "B", FONT_DIR / "DejaVuSansCondensed-Bold.ttf")
        self.set_title(title)
        self.set_lang(language)
        self.set_creator("matchmaker")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(False)
        self.footers: dict[int, str] = {}

    @property
    def bottom(self) -> float:
        """The lowest y that content may reach (the footer sits below)."""
        return self.h - 18

    def new_page(self, footer: str = "") -> None:
        self.add_page()
        self.footers[self.page] = footer

    def footer(self) -> None:
        text = self.footers.get(self.page, "")
        if text:
            self.use(Run(text, size=8, muted=True))
            self.set_xy(self.l_margin, self.h - 12)
            self.cell(self.epw, 4, text)

    def use(self, run: Run) -> None:
        self.set_font(FAMILY, "B" if run.bold else "", run.size)
        self.set_text_color(*(MUTED if run.muted else INK))

    def height_of(self, run: Run, width: float) -> float:
        self.use(run)
        return float(self.multi_cell(width, run.size * PT * LINE, run.text, dry_run=True,
                                     output="HEIGHT"))

    def write_run(self, run: Run, x: float, y: float, width: float, align: str = "L") -> float:
        """Draw ``run`` wrapped to ``width`` at (x, y); returns the y below it."""
        self.use(run)
        self.set_xy(x, y)
        self.multi_cell(width, run.size * PT * LINE, run.text, align=align,
                        new_x=XPos.LEFT, new_y=YPos.NEXT)
        return self.get_y()

    def fitting(self, run: Run, width: float, height: float, smallest: float) -> Run:
        """``run`` at the largest size (down to ``smallest``) at which it fits the box;
        text that does not fit even then is shortened with an ellipsis."""
        size = run.size
        while size > smallest and self.height_of(_sized(run, size), width) > height:
            size -= 0.5
        fitted = _sized(run, size)
        text = fitted.text
        while len(text) > 1 and self.height_of(fitted, width) > height:
            text = text[:-2].rstrip() + "…"
            fitted = Run(text, size, run.bold, run.muted)
        return fitted

    def one_line(self, run: Run, width: float, smallest: float) -> Run | None:
        """``run`` shrunk until it fits one line of ``width``; None if it cannot."""
        size = run.size
        while size >= smallest:
            self.use(_sized(run, size))
            if self.get_string_width(run.text) <= width:
                return _sized(run, size)
            size -= 0.5
        return None

    def qr(self, url: str, x: float, y: float, size: float) -> None:
        """A vector QR code of ``url``: one filled rectangle per run of dark modules."""
        matrix = segno.make(url, error="m", micro=False).matrix
        module = size / len(matrix)
        self.set_fill_color(*INK)
        for row, cells in enumerate(matrix):
            column = 0
            while column < len(cells):
                if not cells[column]:
                    column += 1
                    continue
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                self.rect(x + start * module, y + row * module, (column - start) * module,
                          module * 1.02, style="F")


def _sized(run: Run, size: float) -> Run:
    return Run(run.text, size, run.bold, run.muted)
